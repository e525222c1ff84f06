package org.otklik.incident;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.delivery.DeliveryEvent;
import org.otklik.delivery.DeliveryOutbox;
import org.otklik.incident.events.IncidentEvent;
import org.otklik.incident.events.IncidentEventRepository;
import org.otklik.media.MediaService;
import org.otklik.security.Caller;
import org.otklik.security.Roles;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Records what a state change of an incident did: the timeline event, {@code updatedAt} and, for a
 * citizen-visible event that its type delivers, the outbox row, all in the change's own transaction.
 */
@ApplicationScoped
class IncidentRecorder {

    /** Who caused an event, as the timeline shows it. */
    record Actor(String subject, String role, String organization) {

        static final Actor SYSTEM = new Actor(null, "system", null);

        static Actor staff(Caller caller) {
            return new Actor(caller.subject(), StaffAccess.roleOf(caller), caller.organization().orElse(null));
        }

        static Actor citizen(Caller caller) {
            return new Actor(caller.subject(), Roles.CITIZEN, null);
        }

        static Actor submitter(Caller caller) {
            return new Actor(caller.subject(), caller.hasRole(Roles.INTEGRATION) ? Roles.INTEGRATION : Roles.CITIZEN, null);
        }
    }

    /** States an incident never leaves: the retention term of its photos starts when it reaches one. */
    private static final java.util.Set<IncidentStatus> FINAL = java.util.EnumSet.of(IncidentStatus.CLOSED,
            IncidentStatus.REJECTED, IncidentStatus.DUPLICATE);

    private final IncidentEventRepository events;
    private final DeliveryOutbox outbox;
    private final MediaService media;
    private final ResidentMails mails;

    IncidentRecorder(IncidentEventRepository events, DeliveryOutbox outbox, MediaService media, ResidentMails mails) {
        this.events = events;
        this.outbox = outbox;
        this.media = media;
        this.mails = mails;
    }

    /**
     * In a pool transaction (the intake's, the workflow's): the event, its delivery and mails; a change to a final
     * state also starts the retention term of the photos.
     */
    Uni<Void> record(SqlConnection transaction, Actor actor, IncidentChange change, Instant now) {
        IncidentEvent event = eventOf(actor, change, now);
        Uni<Void> none = Uni.createFrom().voidItem();
        return events.insert(transaction, event)
                .chain(() -> deliveryOf(change, now).map(delivery -> outbox.enqueue(transaction, delivery)).orElse(none))
                .chain(() -> FINAL.contains(change.incident().status)
                        ? media.incidentFinished(transaction, change.incident().id, now) : none)
                .chain(() -> mailOf(change, now).map(update -> mails.changed(transaction, update)).orElse(none))
                .chain(() -> supportersMailOf(change, now).map(update -> mails.supportersOf(transaction, update)).orElse(none));
    }

    /** The change as a mail to its author may show it, when the author asked for mails and the change is theirs to see. */
    static java.util.Optional<IncidentUpdate> mailOf(IncidentChange change, Instant now) {
        Incident incident = change.incident();
        if (!incident.notify || incident.mailAddress() == null || !change.visibleToCitizen()) {
            return java.util.Optional.empty();
        }
        IncidentEventType type = change.type();
        return java.util.Optional.of(new IncidentUpdate(type, incident.id, incident.number, incident.channel,
                incident.authorSubject, incident.mailAddress(), incident.notifyEmail != null, incident.language, incident.status, incident.categoryCode,
                incident.organizationCode, incident.firstResponseDue, incident.resolutionDue,
                type.commentForCitizen() ? change.comment() : null, incident.resolution, incident.redirectedTo,
                incident.rejectionReason, type == IncidentEventType.INTERIM_ANSWER ? incident.interimPlannedDate : null,
                type == IncidentEventType.ANSWERED ? afterPhotoLinks(incident, change) : List.of(), now));
    }

    /**
     * The change as its supporters may see it: what the public status shows (status, organisation, deadlines,
     * outcome), never the author nor any text or photo written for the author.
     */
    static java.util.Optional<IncidentUpdate> supportersMailOf(IncidentChange change, Instant now) {
        Incident incident = change.incident();
        if (!change.visibleToCitizen() || change.type() == IncidentEventType.SUBMITTED) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new IncidentUpdate(change.type(), incident.id, incident.number, incident.channel, null,
                null, true, "ru", incident.status, incident.categoryCode, incident.organizationCode,
                incident.firstResponseDue, incident.resolutionDue, null, incident.resolution, incident.redirectedTo,
                incident.rejectionReason, change.type() == IncidentEventType.INTERIM_ANSWER ? incident.interimPlannedDate : null,
                List.of(), now));
    }

    /**
     * The links an answer mail shows as its "after" photos: the answer's photos as time-limited signed links
     * ({@link MediaService#signedLinks}, never a stored object's own address), then the https links the answer attached.
     */
    static List<String> afterPhotoLinks(Incident incident, IncidentChange change) {
        List<String> links = new java.util.ArrayList<>(change.photoLinks() == null ? List.of() : change.photoLinks());
        if (incident.answerAttachments != null) {
            links.addAll(List.of(incident.answerAttachments));
        }
        return links;
    }

    private static IncidentEvent eventOf(Actor actor, IncidentChange change, Instant now) {
        Incident incident = change.incident();
        if (change.type().touchesUpdatedAt()) {
            incident.updatedAt = now;
        }
        IncidentEvent event = new IncidentEvent();
        event.incidentId = incident.id;
        event.occurredAt = now;
        event.type = change.type();
        event.visibleToCitizen = change.visibleToCitizen();
        event.actorSubject = actor.subject();
        event.actorRole = actor.role();
        event.actorOrganization = actor.organization();
        event.status = incident.status;
        event.organizationCode = incident.organizationCode;
        event.comment = change.comment();
        return event;
    }

    /** One after the other, in order, in a pool transaction (the workflow's). */
    Uni<Void> recordAll(SqlConnection transaction, Actor actor, List<IncidentChange> changes, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (IncidentChange change : changes) {
            chain = chain.chain(() -> record(transaction, actor, change, now));
        }
        return chain;
    }

    /** The outbox event of a change whose type is delivered to the incident's channel and subscribers. */
    private static java.util.Optional<DeliveryEvent> deliveryOf(IncidentChange change, Instant now) {
        if (!change.visibleToCitizen()) {
            return java.util.Optional.empty();
        }
        Incident incident = change.incident();
        IncidentEventType type = change.type();
        return type.deliveryType().map(deliveryType -> new DeliveryEvent(deliveryType, incident.id, incident.number,
                // a duplicate receiving its main incident's answer is announced as answered
                incident.status == IncidentStatus.DUPLICATE && type == IncidentEventType.ANSWERED
                        ? IncidentStatus.ANSWERED.name() : incident.status.name(),
                incident.channel, incident.externalId, incident.socialPlatform == null ? null : incident.socialPlatform.name(),
                incident.categoryCode, incident.organizationCode, type.answerLike() ? change.comment() : null,
                incident.resolution == null ? null : incident.resolution.name(),
                type == IncidentEventType.INTERIM_ANSWER ? incident.interimPlannedDate : null, now, change.photoLinks()));
    }
}
