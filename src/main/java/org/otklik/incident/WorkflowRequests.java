package org.otklik.incident;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.common.web.WebLinks;

/** Bodies of the staff actions on an incident. */
public final class WorkflowRequests {

    private WorkflowRequests() {
    }

    public enum ModerationDecision {
        ACCEPT,
        REJECT
    }

    public enum RejectionReason {
        SPAM,
        ABUSIVE,
        NOT_MUNICIPAL,
        NO_CONTENT
    }

    @Schema(name = "ModerationRequest", description = "ACCEPT sends the incident to its organisation (confirming a redirect "
            + "outside the city's competence); REJECT needs a reason.")
    public record Moderation(
            @Schema(examples = "ACCEPT") @NotNull ModerationDecision decision,
            @Schema(type = SchemaType.STRING, nullable = true, description = "Required with REJECT (400 without it)",
                    enumeration = { "SPAM", "ABUSIVE", "NOT_MUNICIPAL", "NO_CONTENT" }, examples = "SPAM") RejectionReason reason,
            @Schema(nullable = true, examples = "Реклама, не обращение") @Size(max = 2000) String comment) {
    }

    @Schema(name = "AssignmentRequest", description = "Operators transfer an incident to any organisation; executors "
            + "hand it back to the МЦУ (organizationCode omitted or \"mcu\").")
    public record Assignment(
            @Schema(nullable = true, description = "Operators: the organisation to transfer to, required (400 without it). "
                    + "Executors: omitted or \"mcu\" (403 otherwise).", examples = "adm.kirovsky") @Size(max = 64) String organizationCode,
            @Schema(examples = "Адрес относится к Кировскому району", minLength = 1, pattern = FeedbackRequest.NOT_BLANK) @NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(name = "InterimAnswerRequest", description = "Once per incident: the work is planned for plannedDate, which "
            + "becomes the resolution deadline.")
    public record InterimAnswer(
            @Schema(examples = "Ремонт покрытия включён в план работ на декабрь.", minLength = 1, pattern = FeedbackRequest.NOT_BLANK) @NotBlank @Size(max = 5000) String text,
            @Schema(examples = "2026-12-15", description = "After today and at most 90 days ahead by default (otklik.workflow.interim-max-days-ahead), "
                    + "400 otherwise") @NotNull LocalDate plannedDate) {
    }

    @Schema(name = "AnswerRequest")
    public record Answer(
            @Schema(examples = "Яма заделана 02.12.2026.", minLength = 1, pattern = FeedbackRequest.NOT_BLANK) @NotBlank @Size(max = 5000) String text,
            @Schema(type = SchemaType.STRING, description = "DUPLICATE is not an answer: duplicates are merged with the merge action",
                    enumeration = { "FIXED", "EXPLAINED", "PLANNED", "NOT_FIXED", "NOT_RESPONSIBLE" }, examples = "FIXED")
            @NotNull Resolution resolution,
            @Schema(nullable = true, description = "Required (not blank) for NOT_RESPONSIBLE: the body the citizen should turn to; "
                    + "must be left out or null for every other resolution (400 otherwise)",
                    examples = "Министерство здравоохранения Самарской области") @Size(max = 300) String redirectedTo,
            @Schema(nullable = true, description = "Up to 5 https links the organisation hosts itself",
                    examples = "[\"https://files.example.org/after.jpg\"]")
            @Size(max = 5) List<@NotNull @Size(max = WebLinks.MAX_LENGTH) @Pattern(regexp = WebLinks.HTTPS, message = "must be an https URL") String> attachments,
            @Schema(nullable = true, description = "Up to 5 \"after\" photos the caller uploaded (POST /api/v1/media) and did not "
                    + "attach yet: shown to the citizen with the answer and delivered on the source channel as links valid "
                    + "for a limited time. Refused (400) when unknown, someone else's, expired or used.",
                    examples = "[\"c5136cd8-c787-41d8-a076-5ecfa09fb238\"]",
                type = SchemaType.ARRAY, implementation = UUID.class, maxItems = 5)
            @Size(max = 5) List<@NotNull UUID> mediaIds) {

        /** An answer without uploaded photos. */
        public Answer(String text, Resolution resolution, String redirectedTo, List<String> attachments) {
            this(text, resolution, redirectedTo, attachments, null);
        }
    }

    @Schema(name = "PhotoPublicationRequest", description = "Whether a photo of the incident may appear in public views "
            + "(the public status, Open311 media_url). A resident's photo is never public until staff say so.")
    public record PhotoPublication(@Schema(examples = "true") @NotNull Boolean publishable) {
    }

    @Schema(name = "MergeRequest")
    public record Merge(@Schema(examples = "2611-000042", minLength = 1, pattern = FeedbackRequest.NOT_BLANK) @NotBlank @Size(max = 20) String intoNumber) {
    }

    @Schema(name = "NoteRequest", description = "An internal note, never shown to citizens")
    public record Note(@Schema(examples = "Созвонились с УК, выезд завтра", minLength = 1, pattern = FeedbackRequest.NOT_BLANK) @NotBlank @Size(max = 5000) String text) {
    }

    @Schema(name = "RatingRequest", description = "The author accepts the answer, or contests it with a comment")
    public record Rating(
            @Schema(examples = "false") @NotNull Boolean accepted,
            @Schema(nullable = true, description = "Required (not blank) when accepted is false (400 otherwise)",
                    examples = "Яму засыпали щебнем, через день она снова появилась") @Size(max = 2000) String comment) {
    }
}
