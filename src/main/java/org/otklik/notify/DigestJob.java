package org.otklik.notify;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.otklik.routing.CalendarConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes the daily digests that are due: for each resident whose digest hour (city time) has come, one mail row
 * with the notice events gathered since their last digest (none gathered: no mail), and their next digest a day on.
 * Due residents are taken with {@code FOR UPDATE SKIP LOCKED}, so instances running the job at once share them out.
 */
@ApplicationScoped
public class DigestJob {

    private static final Logger LOG = Logger.getLogger(DigestJob.class);
    private static final int BATCH = 200;
    private static final int MAX_BATCHES = 50;

    private record Due(UUID id, String subject, String email, String emailSource, String language, int hour) {
    }

    private final Pool pool;
    private final MailOutboxRepository mails;
    private final RecipientRepository recipients;
    private final ConfirmationRepository confirmations;
    private final NotifyConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId zone;

    public DigestJob(Pool pool, MailOutboxRepository mails, RecipientRepository recipients,
            ConfirmationRepository confirmations, NotifyConfig config, ObjectMapper json, Clock clock, CalendarConfig calendar) {
        this.pool = pool;
        this.mails = mails;
        this.recipients = recipients;
        this.confirmations = confirmations;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.zone = calendar.zone();
    }

    @Scheduled(every = "${otklik.notify.digest-interval:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        Instant now = clock.instant();
        return runDigests(now)
                .call(() -> recipients.forgetCountsBefore(now.atZone(zone).toLocalDate().minusDays(2)))
                .call(() -> confirmations.forgetUnconfirmedBefore(now.minus(config.confirmationValidity())))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Writing the digests failed: %s", failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Writes the digests due at {@code now}. @return how many digest mails were written */
    public Uni<Integer> runDigests(Instant now) {
        return batches(now, 0, 0);
    }

    private Uni<Integer> batches(Instant now, int done, int written) {
        return pool.withTransaction(transaction -> batch(transaction, now)).chain(result -> {
            int total = written + result[1];
            return result[0] < BATCH || done + 1 >= MAX_BATCHES ? Uni.createFrom().item(total) : batches(now, done + 1, total);
        });
    }

    /** @return the residents taken and the mails written */
    private Uni<int[]> batch(SqlConnection transaction, Instant now) {
        return transaction.preparedQuery("""
                select id, subject, email, email_source, language, digest_hour from notice_subscriber
                where next_digest_at <= $1 order by next_digest_at limit $2 for update skip locked""")
                .execute(Tuple.of(MailOutboxRepository.utc(now), BATCH))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    for (Row row : rows) {
                        due.add(new Due(row.getUUID("id"), row.getString("subject"), row.getString("email"), row.getString("email_source"),
                                row.getString("language"), row.getShort("digest_hour")));
                    }
                    return due;
                })
                .chain(due -> due.isEmpty() ? Uni.createFrom().item(new int[] { 0, 0 })
                        : write(transaction, due, now).map(written -> new int[] { due.size(), written }));
    }

    private Uni<Integer> write(SqlConnection transaction, List<Due> due, Instant now) {
        UUID[] ids = due.stream().map(Due::id).toArray(UUID[]::new);
        return transaction.preparedQuery("delete from notice_digest_entry where subscriber_id = any($1)"
                + " returning subscriber_id, event_id, occurred_at")
                .execute(Tuple.of(ids))
                .map(rows -> {
                    Map<UUID, List<Object[]>> entries = new LinkedHashMap<>();
                    for (Row row : rows) {
                        entries.computeIfAbsent(row.getUUID("subscriber_id"), id -> new ArrayList<>())
                                .add(new Object[] { row.getUUID("event_id"), row.getOffsetDateTime("occurred_at") });
                    }
                    return entries;
                })
                .chain(entries -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    LocalDate day = now.atZone(zone).toLocalDate();
                    for (Due resident : due) {
                        List<Object[]> events = entries.get(resident.id());
                        if (events == null) {
                            continue;
                        }
                        events.sort(java.util.Comparator.comparing(e -> (java.time.OffsetDateTime) e[1]));
                        List<UUID> eventIds = events.stream().map(e -> (UUID) e[0]).toList();
                        MailOutboxRepository.NewMail mail = digestMail(resident, eventIds, day);
                        chain = chain.chain(count -> mails.insert(transaction, mail).replaceWith(count + 1));
                    }
                    return chain;
                })
                .call(() -> transaction.preparedQuery("update notice_subscriber r set next_digest_at = v.next"
                        + " from unnest($1::uuid[], $2::timestamptz[]) as v(id, next) where r.id = v.id")
                        .execute(Tuple.of(ids, due.stream()
                                .map(d -> MailOutboxRepository.utc(DigestSchedule.nextAfter(d.hour(), now, zone)))
                                .toArray(java.time.OffsetDateTime[]::new))));
    }

    private MailOutboxRepository.NewMail digestMail(Due resident, List<UUID> eventIds, LocalDate day) {
        String list = UnsubscribeTokens.digestList(resident.id());
        MailPayload payload = new MailPayload(MailKind.NOTICE_DIGEST, resident.language(), resident.subject(), list, null,
                eventIds, day, null);
        try {
            return new MailOutboxRepository.NewMail(UUID.randomUUID(), MailKind.NOTICE_DIGEST.eventType(), null, null,
                    json.writeValueAsString(payload), resident.email(), list, resident.subject(), clock.instant(),
                    "TOKEN".equals(resident.emailSource()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a digest's facts", e);
        }
    }
}
