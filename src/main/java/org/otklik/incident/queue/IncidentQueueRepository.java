package org.otklik.incident.queue;

import static org.otklik.common.database.SqlTimestamps.utc;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.database.OrderedIds;
import org.otklik.common.database.PositionalParameters;
import org.otklik.common.web.KeysetCursor;
import org.otklik.incident.Incident;
import org.otklik.incident.IncidentStatus;
import org.otklik.incident.queue.QueueFilter.QueueSort;
import org.otklik.routing.Overdue;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The staff queue, in SQL: every filter is a predicate on indexed columns, paging is by keyset,
 * and the full-text filter uses the Russian text-search configuration. The ids and the counts come
 * through the pool (Hibernate keeps no reusable plan for a native select with a result type: each
 * call would add an entry to its query-plan cache); the page's entities are then loaded in the
 * caller's session.
 */
@ApplicationScoped
public class IncidentQueueRepository {

    private final Pool pool;

    public IncidentQueueRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Incident>> page(QueueFilter filter, Instant now) {
        PositionalParameters parameters = new PositionalParameters();
        StringBuilder where = conditions(filter, now, parameters, true);
        QueueSort sort = filter.sort();
        if (filter.after().isPresent()) {
            KeysetCursor after = filter.after().get();
            String key = parameters.add(sort == QueueSort.SUPPORTERS ? (Object) (int) after.number(0) : utc(after.at()));
            String id = parameters.add(after.id());
            where.append(switch (sort) {
                case CREATED_AT -> " and (created_at, id) < (" + key + ", " + id + ")";
                case RESOLUTION_DUE -> " and (resolution_due, id) > (" + key + ", " + id + ")";
                case SUPPORTERS -> " and (supporters, id) < (" + key + ", " + id + ")";
            });
        }
        String sql = "select id from incident where " + where + switch (sort) {
            case CREATED_AT -> " order by created_at desc, id desc";
            case RESOLUTION_DUE -> " order by resolution_due asc, id asc";
            case SUPPORTERS -> " order by supporters desc, id desc";
        } + " limit " + parameters.add(filter.limit() + 1);
        return pool.preparedQuery(sql).execute(parameters.tuple()).map(OrderedIds::of)
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Incident>of())
                        : Panache.getSession().chain(session -> session
                                .createSelectionQuery("from Incident where id in :ids", Incident.class)
                                .setParameter("ids", ids)
                                .getResultList())
                                .map(found -> OrderedIds.inOrderOf(ids, found, incident -> incident.id)));
    }

    public Uni<Map<IncidentStatus, Long>> countsByStatus(QueueFilter filter, Instant now) {
        PositionalParameters parameters = new PositionalParameters();
        String sql = "select status, count(*) as found from incident where " + conditions(filter, now, parameters, false)
                + " group by status";
        return pool.preparedQuery(sql).execute(parameters.tuple())
                .map(rows -> {
                    Map<IncidentStatus, Long> counts = new EnumMap<>(IncidentStatus.class);
                    rows.forEach(row -> counts.put(IncidentStatus.valueOf(row.getString("status")), row.getLong("found")));
                    return counts;
                });
    }

    private static StringBuilder conditions(QueueFilter filter, Instant now, PositionalParameters parameters, boolean withStatus) {
        StringBuilder where = new StringBuilder("true");
        if (withStatus && !filter.statuses().isEmpty()) {
            where.append(" and status = any(").append(parameters.add(
                    filter.statuses().stream().map(Enum::name).toArray(String[]::new))).append(")");
        }
        if (!filter.categoryCodes().isEmpty()) {
            where.append(" and category_code = any(").append(parameters.add(
                    filter.categoryCodes().toArray(String[]::new))).append(")");
        }
        filter.district().ifPresent(d -> where.append(" and district_code = ").append(parameters.add(d)));
        filter.organization().ifPresent(o -> where.append(" and organization_code = ").append(parameters.add(o)));
        filter.channel().ifPresent(c -> where.append(" and channel = ").append(parameters.add(c.name())));
        filter.overdue().ifPresent(overdue -> {
            where.append(overdue ? " and " : " and not ").append(Overdue.sqlAt(parameters.add(utc(now))));
        });
        filter.createdFrom().ifPresent(from -> where.append(" and created_at >= ").append(parameters.add(utc(from))));
        filter.createdTo().ifPresent(to -> where.append(" and created_at < ").append(parameters.add(utc(to))));
        filter.notice().ifPresent(notice -> where.append(
                " and id in (select incident_id from notice_incident where notice_id = ").append(parameters.add(notice))
                .append(")"));
        filter.text().ifPresent(text -> where.append(" and search_vector @@ plainto_tsquery('russian', ")
                .append(parameters.add(text)).append(")"));
        return where;
    }

}
