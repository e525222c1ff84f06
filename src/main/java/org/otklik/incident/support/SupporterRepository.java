package org.otklik.incident.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.incident.IncidentRepository;
import org.otklik.incident.IncidentStatus;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * "Me too" supporters ({@code incident_supporter}), through the plain reactive client. The primary key (incident,
 * subject) makes a repeated or concurrent support a no-op; only a new row is counted on the incident
 * ({@link IncidentRepository#countSupporter}), in the same transaction.
 */
@ApplicationScoped
public class SupporterRepository {

    private static final String SUPPORT = """
            insert into incident_supporter (incident_id, subject, channel, created_at, notify_email)
            select id, cast($2 as varchar), $3, $4, $5 from incident
            where number = $1 and status = any (incident_open_statuses()) and author_subject is distinct from cast($2 as varchar)
            on conflict do nothing
            returning incident_id""";

    /** A statement of its own, so that it sees a support a concurrent transaction committed while this one waited. */
    private static final String STATE = """
            select i.status, i.author_subject = $2 as own, i.supporters,
                   exists (select 1 from incident_supporter s where s.incident_id = i.id and s.subject = $2) as supporting
            from incident i where i.number = $1""";

    /** What supporting did: nothing found, or the incident's state, whether the caller is its author, and the count. */
    public record Outcome(IncidentStatus status, boolean own, boolean supporting, int supporters) {
    }

    /**
     * Adds the supporter to the open incident of that number unless they are its author or support it already.
     * @param notifyEmail the address the supporter's token verified, where the incident's answer is mailed; or null
     * @return the incident's id when a supporter was added
     */
    public Uni<Optional<Long>> add(SqlConnection transaction, String number, String subject, String channel, Instant now,
            String notifyEmail) {
        return transaction.preparedQuery(SUPPORT)
                .execute(Tuple.of(number, subject, channel, now.atOffset(ZoneOffset.UTC), notifyEmail))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("incident_id")));
    }

    /** The incident's state as the caller sees it after supporting; empty when no incident has the number. */
    public Uni<Optional<Outcome>> outcome(SqlConnection transaction, String number, String subject) {
        return transaction.preparedQuery(STATE).execute(Tuple.of(number, subject))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Outcome(IncidentStatus.valueOf(row.getString("status")),
                            Boolean.TRUE.equals(row.getBoolean("own")), row.getBoolean("supporting"),
                            row.getInteger("supporters")));
                });
    }
}
