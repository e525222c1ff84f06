package org.otklik.notify;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.Problem.FieldError;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;
import org.otklik.notify.SubscriptionViews.Counts;
import org.otklik.notify.SubscriptionViews.Delivery;
import org.otklik.notify.SubscriptionViews.DistrictCount;
import org.otklik.notify.SubscriptionViews.EmailSource;
import org.otklik.notify.SubscriptionViews.ItemView;
import org.otklik.notify.SubscriptionViews.SubscriptionsRequest;
import org.otklik.notify.SubscriptionViews.SubscriptionsView;
import org.otklik.notify.SubscriptionViews.TopicCount;
import org.otklik.routing.CalendarConfig;
import org.otklik.routing.ReferenceCatalog;
import org.otklik.routing.ReferenceSnapshot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A resident's notice subscriptions: one address and language, one digest hour, and up to 20 district-and-topic
 * subscriptions, each mailed at once or in the daily digest. A PUT replaces them all in one transaction. An address
 * given in the body that the token does not verify gets a confirmation mail, and no notice until it is confirmed.
 */
@ApplicationScoped
public class SubscriptionService {

    private final SubscriptionRepository subscriptions;
    private final MailOutbox mails;
    private final ConfirmationRepository confirmationRows;
    private final ConfirmationService confirmations;
    private final ReferenceCatalog referenceCatalog;
    private final Pool pool;
    private final Clock clock;
    private final ZoneId zone;

    public SubscriptionService(SubscriptionRepository subscriptions, MailOutbox mails,
            ConfirmationRepository confirmationRows, ConfirmationService confirmations, ReferenceCatalog referenceCatalog,
            Pool pool, Clock clock, CalendarConfig calendar) {
        this.subscriptions = subscriptions;
        this.mails = mails;
        this.confirmationRows = confirmationRows;
        this.confirmations = confirmations;
        this.referenceCatalog = referenceCatalog;
        this.pool = pool;
        this.clock = clock;
        this.zone = calendar.zone();
    }

    public Uni<SubscriptionsView> get(String subject) {
        return subscriptions.find(subject).chain(found -> found.isEmpty()
                ? Uni.createFrom().item(new SubscriptionsView(null, null, false, false, "ru", null, null, List.of()))
                : subscriptions.items(found.get().id()).map(items -> view(found.get(), items)));
    }

    /**
     * @param verifiedEmail the token's address, when the token says it is verified
     */
    public Uni<SubscriptionsView> replace(String subject, Optional<String> verifiedEmail, SubscriptionsRequest request) {
        return referenceCatalog.current().chain(reference -> {
            validate(request, reference);
            EmailSource source = request.email() != null ? EmailSource.BODY : EmailSource.TOKEN;
            String email = MailAddresses.normalize(request.email() != null ? request.email() : verifiedEmail.orElse(null));
            if (email == null) {
                throw ProblemException.invalidField("/email",
                        "give an address, or use an account whose e-mail address the identity provider has verified");
            }
            if (!MailAddresses.isValid(email)) {
                throw ProblemException.invalidField("/email", "not a mail address");
            }
            Instant now = clock.instant();
            Integer hour = request.digestHour();
            Instant nextDigest = hour == null ? null : DigestSchedule.nextAfter(hour, now, zone);
            String language = request.language() == null ? "ru" : request.language();
            boolean vouched = verifiedEmail.map(MailAddresses::normalize).filter(email::equals).isPresent();
            return pool.withTransaction(transaction -> subscriptions
                    .upsert(transaction, subject, email, source, language, hour, nextDigest, now)
                    .call(id -> subscriptions.replaceItems(transaction, id, request.items()))
                    .call(id -> source == EmailSource.TOKEN ? Uni.createFrom().voidItem()
                            : vouched ? confirmationRows.vouch(transaction, subject, email, now)
                                    : confirmations.ask(transaction, new ConfirmationService.Request(subject, email, language,
                                            UnsubscribeTokens.immediateNoticesList(id), null, null), now)));
        }).chain(() -> get(subject));
    }

    /** Stops every notice mail of the resident, pending ones included. */
    public Uni<Void> delete(String subject) {
        return pool.withTransaction(transaction -> subscriptions.delete(transaction, subject)
                .chain(id -> id.isEmpty() ? Uni.createFrom().voidItem()
                        : mails.cancelPendingOfList(transaction, UnsubscribeTokens.immediateNoticesList(id.get()))
                                .chain(() -> mails.cancelPendingOfList(transaction, UnsubscribeTokens.digestList(id.get())))
                                .replaceWithVoid()));
    }

    /** How many follow what: for staff, without addresses. */
    public Uni<Counts> counts() {
        return subscriptions.subscriberCount().chain(total -> subscriptions.counts(true).chain(byDistrict -> subscriptions
                .counts(false).map(byTopic -> {
                    long immediate = byDistrict.stream().filter(c -> c.delivery() == Delivery.IMMEDIATE)
                            .mapToLong(SubscriptionRepository.GroupCount::count).sum();
                    long digest = byDistrict.stream().filter(c -> c.delivery() == Delivery.DAILY_DIGEST)
                            .mapToLong(SubscriptionRepository.GroupCount::count).sum();
                    return new Counts(total, immediate, digest,
                            grouped(byDistrict).stream().map(g -> new DistrictCount(g.code(), g.immediate(), g.digest())).toList(),
                            grouped(byTopic).stream().map(g -> new TopicCount(g.code(), g.immediate(), g.digest())).toList());
                })));
    }

    private record Grouped(String code, long immediate, long digest) {
    }

    private static List<Grouped> grouped(List<SubscriptionRepository.GroupCount> counts) {
        Map<String, long[]> byCode = new java.util.LinkedHashMap<>();
        for (SubscriptionRepository.GroupCount count : counts) {
            long[] pair = byCode.computeIfAbsent(count.code() == null ? "\u0000" : count.code(), code -> new long[2]);
            pair[count.delivery() == Delivery.IMMEDIATE ? 0 : 1] += count.count();
        }
        List<Grouped> grouped = new ArrayList<>();
        byCode.forEach((code, pair) -> grouped.add(new Grouped("\u0000".equals(code) ? null : code, pair[0], pair[1])));
        return grouped;
    }

    private static void validate(SubscriptionsRequest request, ReferenceSnapshot reference) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean digest = false;
        for (int i = 0; i < request.items().size(); i++) {
            SubscriptionViews.Item item = request.items().get(i);
            if (reference.district(item.districtCode()).isEmpty()) {
                errors.add(FieldError.atPointer("/items/" + i + "/districtCode", "unknown district"));
            }
            if (item.categoryCode() != null && reference.category(item.categoryCode()).isEmpty()) {
                errors.add(FieldError.atPointer("/items/" + i + "/categoryCode", "unknown category"));
            }
            if (!seen.add(item.districtCode() + "|" + item.categoryCode())) {
                errors.add(FieldError.atPointer("/items/" + i, "this district and topic are already in the list"));
            }
            digest |= item.delivery() == Delivery.DAILY_DIGEST;
        }
        if (digest && request.digestHour() == null) {
            errors.add(FieldError.atPointer("/digestHour", "the hour of the daily digest is required with a DAILY_DIGEST subscription"));
        }
        if (!digest && request.digestHour() != null) {
            errors.add(FieldError.atPointer("/digestHour", "only with a DAILY_DIGEST subscription"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION,
                    errors.size() == 1 ? "1 field is not valid." : errors.size() + " fields are not valid.", errors, Map.of());
        }
    }

    private SubscriptionsView view(SubscriptionRepository.Subscriber subscriber, List<SubscriptionRepository.StoredItem> items) {
        return new SubscriptionsView(subscriber.email(), subscriber.emailSource(), subscriber.confirmed(), subscriber.refused(),
                subscriber.language(),
                subscriber.digestHour(),
                subscriber.nextDigestAt() == null ? null : subscriber.nextDigestAt().atZoneSameInstant(zone).toOffsetDateTime(),
                items.stream().map(item -> new ItemView(item.id(), item.districtCode(), item.categoryCode(), item.delivery())).toList());
    }
}
