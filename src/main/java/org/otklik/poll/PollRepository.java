package org.otklik.poll;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.KeysetCursor;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class PollRepository implements PanacheRepositoryBase<Poll, UUID> {

    /** A cursor of the poll lists: (instant, poll id) of the last poll of the previous page. */
    static KeysetCursor decodeCursor(String encoded) {
        KeysetCursor cursor = KeysetCursor.decode(encoded, 2);
        cursor.instant(0);
        cursor.uuid(1);
        return cursor;
    }

    /** Newest first; {@code after} is the last poll of the previous page. */
    public Uni<List<Poll>> listForAdmin(PollStatus status, KeysetCursor after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        if (after != null) {
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            parameters.and("at", after.instant(0)).and("id", after.uuid(1));
        }
        query.append(" order by createdAt desc, id desc");
        return find(query.toString(), parameters).page(0, limit).list();
    }

    /** Published and closed polls in the given public state, latest opening first. */
    public Uni<List<Poll>> listPublished(PollState state, String district, Instant now, KeysetCursor after, int limit) {
        StringBuilder sql = new StringBuilder("select * from poll where status in ('PUBLISHED', 'CLOSED')");
        if (state != null) {
            sql.append(switch (state) {
                case OPEN -> " and status = 'PUBLISHED' and opens_at <= :now and closes_at > :now";
                case UPCOMING -> " and status = 'PUBLISHED' and opens_at > :now";
                case CLOSED -> " and (status = 'CLOSED' or closes_at <= :now)";
                default -> throw new IllegalArgumentException("not a public state: " + state);
            });
        }
        if (district != null) {
            sql.append(" and (cardinality(eligible_districts) = 0 or :district = any (eligible_districts))");
        }
        if (after != null) {
            sql.append(" and (opens_at, id) < (:at, :id)");
        }
        sql.append(" order by opens_at desc, id desc limit :limit");
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString(), Poll.class).setParameter("limit", limit);
            if (state != null) {
                query.setParameter("now", now);
            }
            if (district != null) {
                query.setParameter("district", district);
            }
            if (after != null) {
                query.setParameter("at", after.instant(0)).setParameter("id", after.uuid(1));
            }
            return query.getResultList();
        });
    }
}
