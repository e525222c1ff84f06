package org.otklik.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.otklik.delivery.DeliveryConfig;
import org.otklik.delivery.DeliveryState;
import org.otklik.delivery.LeaseRenewals;
import org.otklik.delivery.OutboxRepository;
import org.otklik.delivery.OutboxRepository.ClaimedMail;
import org.otklik.delivery.RetryPolicy;
import org.otklik.notify.MailOutboxRepository.NoticeEvent;
import org.otklik.routing.CalendarConfig;
import org.otklik.routing.ReferenceCatalog;
import org.otklik.routing.ReferenceSnapshot;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Sends the mail rows of the outbox (their statements are the delivery feature's {@link OutboxRepository}'s). A
 * round claims due rows ({@code FOR UPDATE SKIP LOCKED}, a lease and the next lease number, renewed while mails are
 * in flight, so several instances never send the same row at once), renders each from its facts, checks that its
 * address is not refused for the resident and still within today's limit, sends it and records the result only while
 * it still holds the row's lease number (the delivery feature's fenced updates). 4xx answers and timeouts are retried
 * on the delivery retry schedule and the row is dead after it; a permanent 5xx about the mailbox marks the address
 * refused for the resident and cancels its other pending mails.
 */
@ApplicationScoped
public class MailRelay {

    private static final Logger LOG = Logger.getLogger(MailRelay.class);
    private static final int PARALLEL_SENDS = 4;

    private final MailOutboxRepository mails;
    private final OutboxRepository outbox;
    private final RecipientRepository recipients;
    private final MailSender sender;
    private final MailTemplates templates;
    private final MailComposer composer;
    private final ReferenceCatalog referenceCatalog;
    private final RetryPolicy retries;
    private final DeliveryConfig delivery;
    private final NotifyConfig config;
    private final ObjectMapper json;
    private final Pool pool;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final ZoneId zone;

    public MailRelay(MailOutboxRepository mails, OutboxRepository outbox, RecipientRepository recipients, MailSender sender,
            MailTemplates templates, MailComposer composer, ReferenceCatalog referenceCatalog, RetryPolicy retries,
            DeliveryConfig delivery, NotifyConfig config, ObjectMapper json, Pool pool, MeterRegistry metrics, Clock clock,
            CalendarConfig calendar) {
        this.mails = mails;
        this.outbox = outbox;
        this.recipients = recipients;
        this.sender = sender;
        this.templates = templates;
        this.composer = composer;
        this.referenceCatalog = referenceCatalog;
        this.retries = retries;
        this.delivery = delivery;
        this.config = config;
        this.json = json;
        this.pool = pool;
        this.metrics = metrics;
        this.clock = clock;
        this.zone = calendar.zone();
    }

    /** A claimed row with what it needs to be sent: its facts, and the notice events it shows. */
    private record Work(ClaimedMail row, MailPayload payload, List<MailComposer.NoticeEventContent> notices) {
    }

    @Scheduled(every = "${otklik.notify.relay-interval:1s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return runOnce().replaceWithVoid().onFailure().recoverWithUni(failure -> {
            LOG.warnf("A mail round failed: %s", failure.toString());
            return Uni.createFrom().voidItem();
        });
    }

    /** One round: claim, send (renewing the leases meanwhile), record. @return how many rows were claimed */
    public Uni<Integer> runOnce() {
        return claim().chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Map<UUID, Long> inFlight = new ConcurrentHashMap<>();
            claimed.forEach(row -> inFlight.put(row.id(), row.leaseNumber()));
            var renewal = LeaseRenewals.every(delivery.lease().dividedBy(3),
                    () -> inFlight.isEmpty() ? Uni.createFrom().item(0)
                            : outbox.renewLeases(inFlight, clock.instant().plus(delivery.lease())));
            // reference data and notice contents are read once, before the sends run in parallel
            return referenceCatalog.current()
                    .chain(reference -> prepare(claimed).chain(work -> Multi.createFrom().iterable(work)
                            .onItem().transformToUni(item -> deliver(item, reference)
                                    .eventually(() -> inFlight.remove(item.row().id())))
                            .merge(PARALLEL_SENDS)
                            .collect().last()))
                    .eventually(renewal::cancel)
                    .replaceWith(claimed.size());
        });
    }

    /** Claims due rows for the length of a lease. Visible for the restart test. */
    Uni<List<ClaimedMail>> claim() {
        Instant now = clock.instant();
        return outbox.claimDueMails(now, config.batchSize(), now.plus(delivery.lease()));
    }

    private Uni<List<Work>> prepare(List<ClaimedMail> claimed) {
        List<MailPayload> payloads = new ArrayList<>();
        List<UUID> eventIds = new ArrayList<>();
        for (ClaimedMail row : claimed) {
            MailPayload payload = read(row.payload());
            payloads.add(payload);
            if (payload != null && payload.noticeEvents() != null) {
                eventIds.addAll(payload.noticeEvents());
            }
        }
        return mails.noticeEvents(eventIds).map(events -> {
            List<Work> work = new ArrayList<>();
            for (int i = 0; i < claimed.size(); i++) {
                work.add(new Work(claimed.get(i), payloads.get(i), contents(payloads.get(i), events)));
            }
            return work;
        });
    }

    private List<MailComposer.NoticeEventContent> contents(MailPayload payload, Map<UUID, NoticeEvent> events) {
        List<MailComposer.NoticeEventContent> contents = new ArrayList<>();
        if (payload == null || payload.noticeEvents() == null) {
            return contents;
        }
        for (UUID id : payload.noticeEvents()) {
            NoticeEvent event = events.get(id);
            if (event != null) {
                try {
                    contents.add(new MailComposer.NoticeEventContent(event.eventType(), json.readTree(event.content())));
                } catch (Exception e) {
                    LOG.warnf("Notice event %s cannot be read: %s", id, e.toString());
                }
            }
        }
        return contents;
    }

    private MailPayload read(String payload) {
        try {
            return json.readValue(payload, MailPayload.class);
        } catch (Exception e) {
            return null;
        }
    }

    private Uni<Void> deliver(Work work, ReferenceSnapshot reference) {
        ClaimedMail row = work.row();
        MailPayload payload = work.payload();
        if (payload == null || payload.kind() == null) {
            return finish(row, DeliveryState.DEAD, null, "the mail's facts cannot be read");
        }
        if (payload.kind().aboutNotices() && work.notices().isEmpty()) {
            return finish(row, DeliveryState.CANCELLED, null, "its notices are gone");
        }
        io.quarkus.mailer.Mail mail;
        try {
            MailComposer.Composed composed = composer.compose(payload, reference, work.notices());
            MailTemplates.RenderedMail rendered = templates.render(composed.family(), composed.language(), composed.data());
            mail = sender.mailOf(row.eventId(), row.recipient(), composed.language(), rendered,
                    composer.unsubscribeLink(payload.list()));
        } catch (RuntimeException e) {
            LOG.errorf("Mail %s cannot be rendered: %s", row.id(), e.toString());
            return finish(row, DeliveryState.DEAD, null, "the mail cannot be rendered: " + e.getClass().getSimpleName());
        }
        return refused(payload, row).chain(refused -> {
            if (refused) {
                return finish(row, DeliveryState.CANCELLED, null, "the address was refused for this resident");
            }
            return withinDailyLimit(row).chain(within -> {
                if (!within) {
                    return overLimit(row, payload);
                }
                return sender.send(mail).chain(result -> record(row, payload, result));
            });
        });
    }

    private Uni<Boolean> refused(MailPayload payload, ClaimedMail row) {
        return payload.subject() == null ? Uni.createFrom().item(false) : recipients.isRefused(payload.subject(), row.recipient());
    }

    /** The first try of a mail counts towards the address's mails of the city day; retries do not count again. */
    private Uni<Boolean> withinDailyLimit(ClaimedMail row) {
        if (row.attempts() > 0) {
            return Uni.createFrom().item(true);
        }
        if (config.maxPerResidentPerDay() < 1) {
            return Uni.createFrom().item(false);
        }
        return recipients.countOne(row.recipient(), clock.instant().atZone(zone).toLocalDate(), config.maxPerResidentPerDay());
    }

    /** Mails about one's own message (and confirmations) wait for the next city day; notice mails of the day are skipped. */
    private Uni<Void> overLimit(ClaimedMail row, MailPayload payload) {
        count("limited");
        if (!payload.kind().aboutNotices()) {
            Instant tomorrow = clock.instant().atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
            return outbox.reschedule(row.id(), row.leaseNumber(), tomorrow).invoke(updated -> fenced(row, updated)).replaceWithVoid();
        }
        return finish(row, DeliveryState.CANCELLED, null, "the daily limit of " + config.maxPerResidentPerDay() + " mails was reached");
    }

    /** Records the result of a send; it is ignored when the relay no longer holds the row's lease. */
    private Uni<Void> record(ClaimedMail row, MailPayload payload, MailSender.Result result) {
        count(result.outcome().name());
        Instant now = clock.instant();
        return switch (result.outcome()) {
            case SENT -> outbox.finish(row.id(), row.leaseNumber(), DeliveryState.DELIVERED.name(), result.replyCode(), null, now)
                    .invoke(updated -> fenced(row, updated)).replaceWithVoid();
            case REJECTED -> finish(row, DeliveryState.DEAD, result.replyCode(), result.error());
            case ADDRESS_REFUSED -> finish(row, DeliveryState.DEAD, result.replyCode(), result.error())
                    .chain(() -> refuse(payload, row, result.replyCode()));
            case TEMPORARY -> {
                Optional<Instant> next = retries.nextAttempt(row.attempts() + 1, now, Optional.empty());
                if (next.isEmpty()) {
                    LOG.warnf("Mail %s is dead after %d attempts: %s", row.id(), row.attempts() + 1, result.error());
                    yield finish(row, DeliveryState.DEAD, result.replyCode(), result.error());
                }
                yield outbox.retryLater(row.id(), row.leaseNumber(), next.get(), result.replyCode(), truncate(result.error()))
                        .invoke(updated -> fenced(row, updated)).replaceWithVoid();
            }
        };
    }

    private Uni<Void> refuse(MailPayload payload, ClaimedMail row, Integer replyCode) {
        LOG.warnf("Mail %s: the server refused the address for good; the resident's other mails to it are cancelled", row.id());
        return pool.withTransaction(transaction -> (payload.subject() == null ? Uni.createFrom().voidItem()
                : recipients.refuse(transaction, payload.subject(), row.recipient(), replyCode == null ? 550 : replyCode, clock.instant()))
                .chain(() -> outbox.cancelPendingMailsTo(transaction, row.recipient(), "the address was refused (" + replyCode + ")")))
                .replaceWithVoid();
    }

    private Uni<Void> finish(ClaimedMail row, DeliveryState state, Integer status, String error) {
        return outbox.finish(row.id(), row.leaseNumber(), state.name(), status, truncate(error), null)
                .invoke(updated -> fenced(row, updated)).replaceWithVoid();
    }

    private void fenced(ClaimedMail row, int updated) {
        if (updated == 0) {
            metrics.counter("otklik.deliveries.fenced").increment();
            LOG.warnf("Mail %s: lease %d was lost meanwhile (taken over, retried or cancelled); this result is ignored",
                    row.id(), row.leaseNumber());
        }
    }

    private void count(String outcome) {
        metrics.counter("otklik.mails", "outcome", outcome).increment();
    }

    private static String truncate(String error) {
        return error == null ? null : error.length() > 500 ? error.substring(0, 499) + "…" : error;
    }
}
