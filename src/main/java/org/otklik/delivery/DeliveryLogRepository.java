package org.otklik.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The delivery log: reads of {@code outbox_delivery} for admins, staff, integrations and the backlog gauges. It
 * writes nothing; {@link OutboxRepository} owns the table.
 */
@ApplicationScoped
public class DeliveryLogRepository {

    /** A row of the delivery log; {@code recipient} is a mail's address (MAIL rows only). */
    public record DeliveryRow(long seq, UUID id, UUID eventId, String eventType, String incidentNumber, Long noticeId,
            String destination, UUID subscriptionId, String state, int attempts, OffsetDateTime nextAttemptAt,
            Integer lastStatus, String lastError, String lastErrorKind, OffsetDateTime createdAt, OffsetDateTime deliveredAt,
            String recipient) {
    }

    /** Why a row could not be retried: its state, and whether a relay holds its lease right now. */
    public record RetryRefusal(String state, boolean inFlight) {
    }

    private final Pool pool;

    public DeliveryLogRepository(Pool pool) {
        this.pool = pool;
    }

    /** Per destination: rows waiting, how long the oldest of them has waited (s), rows dead-lettered. */
    public Uni<Map<String, OutboxMetrics.Backlog>> backlogByDestination() {
        return pool.query("select destination, count(*) filter (where state = 'PENDING') as pending,"
                + " coalesce(extract(epoch from now() - min(created_at) filter (where state = 'PENDING')), 0) as oldest,"
                + " count(*) filter (where state = 'DEAD') as dead"
                + " from outbox_delivery where state in ('PENDING', 'DEAD') group by destination")
                .execute()
                .map(rows -> {
                    Map<String, OutboxMetrics.Backlog> backlog = new HashMap<>();
                    for (Row row : rows) {
                        backlog.put(row.getString("destination"), new OutboxMetrics.Backlog(row.getLong("pending"),
                                row.getDouble("oldest"), row.getLong("dead")));
                    }
                    return backlog;
                });
    }

    /** The log, newest first: up to {@code fetch} rows before {@code beforeSeq}, optionally of one state and destination. */
    public Uni<List<DeliveryRow>> page(String state, String destination, long beforeSeq, int fetch) {
        return pool.preparedQuery("select * from outbox_delivery where ($1::text is null or state = $1)"
                + " and ($2::text is null or destination = $2) and seq < $3 order by seq desc limit $4")
                .execute(Tuple.of(state, destination, beforeSeq, fetch))
                .map(DeliveryLogRepository::deliveryRows);
    }

    /** The rows of an incident in order, optionally to one destination only. */
    public Uni<List<DeliveryRow>> ofIncident(long incidentId, String destination) {
        return pool.preparedQuery("select * from outbox_delivery where incident_id = $1"
                + " and ($2::text is null or destination = $2) order by seq")
                .execute(Tuple.of(incidentId, destination))
                .map(DeliveryLogRepository::deliveryRows);
    }

    /** Why {@link OutboxRepository#retryNow} refused the row; empty when there is no such row. */
    public Uni<Optional<RetryRefusal>> retryRefusal(UUID id, Instant now) {
        return pool.preparedQuery("select state, leased_until > $2 as in_flight from outbox_delivery where id = $1")
                .execute(Tuple.of(id, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new RetryRefusal(row.getString("state"), Boolean.TRUE.equals(row.getBoolean("in_flight"))));
                });
    }

    /** Whole rows ({@code select *}, or {@code returning *}) as log rows. */
    static List<DeliveryRow> deliveryRows(RowSet<Row> rows) {
        List<DeliveryRow> list = new ArrayList<>();
        for (Row row : rows) {
            list.add(new DeliveryRow(row.getLong("seq"), row.getUUID("id"), row.getUUID("event_id"), row.getString("event_type"),
                    row.getString("incident_number"), row.getLong("notice_id"), row.getString("destination"),
                    row.getUUID("subscription_id"), row.getString("state"), row.getInteger("attempts"),
                    row.getOffsetDateTime("next_attempt_at"), row.getInteger("last_status"), row.getString("last_error"),
                    row.getString("last_error_kind"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("delivered_at"), row.getString("recipient")));
        }
        return list;
    }
}
