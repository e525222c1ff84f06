package org.otklik.incident.views;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.incident.DistrictSource;
import org.otklik.incident.FeedbackRequest.Contact;
import org.otklik.incident.FeedbackRequest.Location;
import org.otklik.incident.Incident;
import org.otklik.incident.IncidentRefs.CategoryRef;
import org.otklik.incident.IncidentRefs.DistrictRef;
import org.otklik.incident.IncidentRefs.OrganizationRef;
import org.otklik.incident.IncidentRepository.PublicStatusRow;
import org.otklik.incident.IncidentStatus;
import org.otklik.incident.NoticeRef;
import org.otklik.incident.events.IncidentEvent;
import org.otklik.media.MediaViews.IncidentPhotos;
import org.otklik.media.MediaViews.Photo;
import org.otklik.routing.Overdue;
import org.otklik.routing.ReferenceSnapshot;
import org.otklik.routing.WorkingCalendar;

/** Builds the wire views of incidents; times are shown in the city's time zone. */
@ApplicationScoped
public class IncidentViews {

    private static final int EXCERPT_LENGTH = 140;

    private final WorkingCalendar calendar;
    private final Clock clock;

    public IncidentViews(WorkingCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    public OffsetDateTime local(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, calendar.zone());
    }

    public IncidentReceipt receipt(Incident incident, ReferenceSnapshot reference, List<NoticeRef> notices) {
        return new IncidentReceipt(incident.number, incident.status, category(incident, reference),
                district(incident, reference), DistrictSource.of(incident.districtSource, incident.districtCode),
                organization(incident, reference), local(incident.firstResponseDue),
                local(incident.resolutionDue), local(incident.createdAt), notices);
    }

    /**
     * For a merged duplicate the status, organisation, deadlines and answer are the main incident's.
     * Numbers run in sequence, so this view carries codes and dates only, never text.
     */
    IncidentStatusView publicStatus(PublicStatusRow row, ReferenceSnapshot reference, List<Photo> publishable) {
        boolean answered = isAnswered(row.status(), row.hasAnswer());
        return new IncidentStatusView(row.number(), row.status(), row.mainNumber(),
                reference.category(row.categoryCode()).map(CategoryRef::of).orElse(null),
                reference.district(row.districtCode()).map(DistrictRef::of).orElse(null),
                reference.organization(row.organizationCode()).map(OrganizationRef::of).orElse(null),
                local(row.createdAt()), local(row.mainUpdatedAt() == null ? row.updatedAt() : later(row.updatedAt(), row.mainUpdatedAt())),
                local(row.firstResponseDue()), local(row.resolutionDue()),
                Overdue.isOverdue(row.status().isOpen(), row.firstResponseDue(), row.resolutionDue(), row.firstRespondedAt(),
                        clock.instant()),
                answered ? row.resolution() : null, answered ? local(row.answeredAt()) : null, row.supporters(),
                publishable);
    }

    MyIncidentSummary summary(Incident incident, ReferenceSnapshot reference) {
        return new MyIncidentSummary(incident.number, incident.status, category(incident, reference),
                district(incident, reference), excerpt(incident.text), local(incident.createdAt), local(incident.updatedAt),
                local(incident.resolutionDue), incident.isOverdue(clock.instant()));
    }

    /** @param photos the message's photos; {@code answerPhotos} those of the answer (the main incident's for a duplicate) */
    MyIncidentView own(Incident incident, Incident main, List<IncidentEvent> publicEvents, ReferenceSnapshot reference,
            List<Photo> photos, List<Photo> answerPhotos) {
        Location location = incident.locationLat == null ? null : new Location(incident.locationLat, incident.locationLon);
        Contact contact = incident.contactPhone == null && incident.contactEmail == null ? null
                : new Contact(incident.contactPhone, incident.contactEmail);
        List<TimelineEntryView> timeline = publicEvents.stream()
                .map(e -> new TimelineEntryView(local(e.occurredAt), e.type, e.status, e.organizationCode,
                        e.type.commentForCitizen() ? e.comment : null))
                .toList();
        return new MyIncidentView(incident.number, main.status, main == incident ? null : main.number,
                category(incident, reference), district(incident, reference), organization(main, reference),
                incident.text, incident.address, location, Arrays.asList(incident.attachments), photos, contact,
                local(incident.createdAt), local(later(incident.updatedAt, main.updatedAt)),
                local(main.firstResponseDue), local(main.resolutionDue), main.isOverdue(clock.instant()),
                answer(main, answerPhotos), timeline);
    }

    public StaffIncidentSummary staffSummary(Incident incident, ReferenceSnapshot reference) {
        return new StaffIncidentSummary(incident.number, incident.status, incident.channel, category(incident, reference),
                district(incident, reference), organization(incident, reference), excerpt(incident.text),
                local(incident.createdAt), local(incident.resolutionDue), incident.isOverdue(clock.instant()),
                incident.redirectToConfirm, incident.supporters);
    }

    public StaffIncidentView staff(Incident incident, String mainNumber, List<String> duplicates, List<IncidentEvent> timeline,
            List<String> allowedActions, ReferenceSnapshot reference, IncidentPhotos photos) {
        Location location = incident.locationLat == null ? null : new Location(incident.locationLat, incident.locationLon);
        Contact contact = incident.contactPhone == null && incident.contactEmail == null ? null
                : new Contact(incident.contactPhone, incident.contactEmail);
        StaffIncidentView.StaffAnswer answer = incident.answeredAt == null ? null
                : new StaffIncidentView.StaffAnswer(incident.answerText, incident.resolution, incident.redirectedTo,
                        Arrays.asList(incident.answerAttachments), photos.answer(), local(incident.answeredAt));
        StaffIncidentView.Interim interim = incident.interimAnsweredAt == null ? null
                : new StaffIncidentView.Interim(incident.interimAnswerText, incident.interimPlannedDate,
                        local(incident.interimAnsweredAt));
        StaffIncidentView.CitizenRating rating = incident.ratedAt == null ? null
                : new StaffIncidentView.CitizenRating(incident.ratingAccepted, incident.ratingComment, local(incident.ratedAt));
        List<StaffIncidentView.StaffTimelineEntry> entries = timeline.stream()
                .map(e -> new StaffIncidentView.StaffTimelineEntry(local(e.occurredAt), e.type, e.visibleToCitizen,
                        e.actorSubject, e.actorRole, e.actorOrganization, e.status, e.organizationCode, e.comment))
                .toList();
        return new StaffIncidentView(incident.number, incident.status, incident.channel, incident.socialPlatform,
                incident.externalId, incident.sourceUrl, category(incident, reference), incident.categoryConfidence,
                district(incident, reference), incident.address, location, incident.text, Arrays.asList(incident.attachments),
                photos.report(),
                new StaffIncidentView.Author(incident.authorSubject, incident.authorExternalId, incident.authorHandle),
                contact, organization(incident, reference), incident.redirectToConfirm, incident.rejectionReason, answer,
                interim, rating, incident.reopenCount, local(incident.createdAt), local(incident.updatedAt),
                local(incident.firstResponseDue), local(incident.resolutionDue), local(incident.firstRespondedAt),
                incident.isOverdue(clock.instant()), mainNumber, duplicates, entries, incident.version, allowedActions);
    }

    private static String excerpt(String text) {
        return text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH - 1) + "…";
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private AnswerView answer(Incident incident, List<Photo> photos) {
        if (!isAnswered(incident.status, incident.answerText != null)) {
            return null;
        }
        return new AnswerView(incident.answerText, incident.resolution, local(incident.answeredAt), photos);
    }

    /** An answer is shown once given, while the incident is answered or closed. */
    private static boolean isAnswered(IncidentStatus status, boolean hasAnswerText) {
        return hasAnswerText && (status == IncidentStatus.ANSWERED || status == IncidentStatus.CLOSED);
    }

    private static CategoryRef category(Incident incident, ReferenceSnapshot reference) {
        return reference.category(incident.categoryCode).map(CategoryRef::of).orElse(null);
    }

    private static DistrictRef district(Incident incident, ReferenceSnapshot reference) {
        return reference.district(incident.districtCode).map(DistrictRef::of).orElse(null);
    }

    private static OrganizationRef organization(Incident incident, ReferenceSnapshot reference) {
        return reference.organization(incident.organizationCode).map(OrganizationRef::of).orElse(null);
    }
}
