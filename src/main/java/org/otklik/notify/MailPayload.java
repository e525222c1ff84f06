package org.otklik.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a mail row of the outbox holds: the facts of its event, rendered only when the mail is sent. Notice mails
 * name the notice events ({@code mail_notice_event}) whose content they show; the digest names several.
 *
 * @param subject the resident (token subject) the mail is for: an address refused for them is not used again
 * @param list what the mail's one-click unsubscribe stops (see {@link UnsubscribeTokens})
 * @param day the city day of a digest
 * @param confirmation the confirmation a {@link MailKind#CONFIRM} mail asks the resident to follow
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MailPayload(MailKind kind, String language, String subject, String list, IncidentFacts incident,
        List<UUID> noticeEvents, LocalDate day, UUID confirmation) {

    /** An incident's mail: only what its author may read, never a staff-only note. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IncidentFacts(String number, String status, String categoryCode, String organizationCode,
            Instant firstResponseDue, Instant resolutionDue, String text, String resolution, String redirectedTo,
            String rejectionReason, LocalDate plannedDate, List<String> afterPhotos) {
    }
}
