package org.otklik.incident;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.incident.FeedbackRequest.Contact;
import org.otklik.incident.FeedbackRequest.Location;
import org.otklik.incident.IncidentRefs.CategoryRef;
import org.otklik.incident.IncidentRefs.DistrictRef;
import org.otklik.incident.IncidentRefs.OrganizationRef;
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

    IncidentReceipt receipt(Incident incident, ReferenceSnapshot reference) {
        return new IncidentReceipt(incident.number, incident.status, category(incident, reference),
                district(incident, reference), organization(incident, reference), local(incident.firstResponseDue),
                local(incident.resolutionDue), local(incident.createdAt));
    }

    /** {@code main} is the incident a duplicate was merged into, or the incident itself. */
    IncidentStatusView publicStatus(Incident incident, Incident main, ReferenceSnapshot reference) {
        return new IncidentStatusView(incident.number, main.status, main == incident ? null : main.number,
                category(incident, reference), district(incident, reference), organization(main, reference),
                local(incident.createdAt), local(later(incident.updatedAt, main.updatedAt)),
                local(main.firstResponseDue), local(main.resolutionDue), main.isOverdue(clock.instant()),
                answer(main));
    }

    MyIncidentSummary summary(Incident incident, ReferenceSnapshot reference) {
        String excerpt = incident.text.length() <= EXCERPT_LENGTH ? incident.text
                : incident.text.substring(0, EXCERPT_LENGTH - 1) + "…";
        return new MyIncidentSummary(incident.number, incident.status, category(incident, reference),
                district(incident, reference), excerpt, local(incident.createdAt), local(incident.updatedAt),
                local(incident.resolutionDue), incident.isOverdue(clock.instant()));
    }

    MyIncidentView own(Incident incident, Incident main, List<IncidentEvent> publicEvents, ReferenceSnapshot reference) {
        Location location = incident.locationLat == null ? null : new Location(incident.locationLat, incident.locationLon);
        Contact contact = incident.contactPhone == null && incident.contactEmail == null ? null
                : new Contact(incident.contactPhone, incident.contactEmail);
        List<TimelineEntryView> timeline = publicEvents.stream()
                .map(e -> new TimelineEntryView(local(e.occurredAt), e.type, e.status, e.organizationCode, e.comment))
                .toList();
        return new MyIncidentView(incident.number, main.status, main == incident ? null : main.number,
                category(incident, reference), district(incident, reference), organization(main, reference),
                incident.text, incident.address, location, Arrays.asList(incident.attachments), contact,
                local(incident.createdAt), local(later(incident.updatedAt, main.updatedAt)),
                local(main.firstResponseDue), local(main.resolutionDue), main.isOverdue(clock.instant()), answer(main),
                timeline);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private AnswerView answer(Incident incident) {
        boolean answered = incident.status == IncidentStatus.ANSWERED || incident.status == IncidentStatus.CLOSED;
        if (!answered || incident.answerText == null) {
            return null;
        }
        return new AnswerView(incident.answerText, incident.resolution, local(incident.answeredAt));
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
