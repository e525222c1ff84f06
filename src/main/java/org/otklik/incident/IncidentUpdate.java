package org.otklik.incident;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.otklik.security.Channel;

/**
 * A citizen-visible change of an incident whose author asked to hear back, with what a mail about it may show.
 * Staff-only comments never travel here: {@code citizenText} is the event's comment only where the event type
 * writes it for the citizen.
 *
 * @param address where the resident asked the mails to go
 * @param addressVouched the token verified the address; otherwise the resident confirms it first (double opt-in)
 * @param language ru or en
 * @param citizenText the answer, interim answer or rejection comment written for the citizen, else null
 * @param afterPhotoLinks links to the answer's "after" photos (see {@link IncidentRecorder#afterPhotoLinks})
 */
public record IncidentUpdate(
        IncidentEventType type,
        long incidentId,
        String number,
        Channel channel,
        String authorSubject,
        String address,
        boolean addressVouched,
        String language,
        IncidentStatus status,
        String categoryCode,
        String organizationCode,
        Instant firstResponseDue,
        Instant resolutionDue,
        String citizenText,
        Resolution resolution,
        String redirectedTo,
        String rejectionReason,
        LocalDate plannedDate,
        List<String> afterPhotoLinks,
        Instant occurredAt) {
}
