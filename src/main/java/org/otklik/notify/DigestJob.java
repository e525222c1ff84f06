package org.otklik.notify;

import static org.otklik.common.database.SqlTimestamps.utc;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.otklik.notify.SubscriptionRepository.DueDigest;
import org.otklik.routing.CalendarConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

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

    private final Pool pool;
    private final MailOutbox mails;
    private final SubscriptionRepository subscriptions;
    private final RecipientRepository recipients;
    private final ConfirmationRepository confirmations;
    private final NotifyConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId zone;

    public DigestJob(Pool pool, MailOutbox mails, SubscriptionRepository subscriptions, RecipientRepository recipients,
            ConfirmationRepository confirmations, NotifyConfig config, ObjectMapper json, Clock clock, CalendarConfig calendar) {
        this.pool = pool;
        this.mails = mails;
        this.subscriptions = subscriptions;
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
        return subscriptions.takeDueDigests(transaction, now, BATCH)
                .chain(due -> due.isEmpty() ? Uni.createFrom().item(new int[] { 0, 0 })
                        : write(transaction, due, now).map(written -> new int[] { due.size(), written }));
    }

    private Uni<Integer> write(SqlConnection transaction, List<DueDigest> due, Instant now) {
        UUID[] ids = due.stream().map(DueDigest::id).toArray(UUID[]::new);
        return subscriptions.takeDigestEntries(transaction, ids)
                .chain(entries -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    LocalDate day = now.atZone(zone).toLocalDate();
                    for (DueDigest resident : due) {
                        List<UUID> eventIds = entries.get(resident.id());
                        if (eventIds == null) {
                            continue;
                        }
                        MailOutbox.NewMail mail = digestMail(resident, eventIds, day);
                        chain = chain.chain(count -> mails.insert(transaction, mail).replaceWith(count + 1));
                    }
                    return chain;
                })
                .call(() -> subscriptions.scheduleDigests(transaction, ids, due.stream()
                        .map(d -> utc(DigestSchedule.nextAfter(d.hour(), now, zone)))
                        .toArray(OffsetDateTime[]::new)));
    }

    private MailOutbox.NewMail digestMail(DueDigest resident, List<UUID> eventIds, LocalDate day) {
        String list = UnsubscribeTokens.digestList(resident.id());
        MailPayload payload = new MailPayload(MailKind.NOTICE_DIGEST, resident.language(), resident.subject(), list, null,
                eventIds, day, null);
        try {
            return new MailOutbox.NewMail(UUID.randomUUID(), MailKind.NOTICE_DIGEST.eventType(), null, null,
                    json.writeValueAsString(payload), resident.email(), list, resident.subject(), clock.instant(),
                    "TOKEN".equals(resident.emailSource()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a digest's facts", e);
        }
    }
}
