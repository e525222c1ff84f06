package org.otklik.delivery;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Wire records of the delivery endpoints. */
public final class DeliveryViews {

    private DeliveryViews() {
    }

    @Schema(name = "WebhookSubscriptionRequest")
    public record SubscriptionRequest(
            @Schema(examples = "https://widget.example.org/otklik/events", format = "uri", maxLength = 2000,
                    pattern = "^https://([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(:[1-9][0-9]{0,3})?(/[A-Za-z0-9._~/-]*)?$")
            @NotBlank @Size(max = 2000) String url,
            // a bound on the request (published in the contract), not the number of event types: those are
            // checked against the DeliveredEvents beans; WebhookEvents (META-INF/openapi.yaml) lists them
            @Schema(ref = "WebhookEvents", required = true) @NotNull @NotEmpty @Size(max = 10) List<@NotBlank String> events) {
    }

    @Schema(name = "WebhookSubscription")
    public record Subscription(UUID id, String url, List<String> events, boolean active,
            @Schema(nullable = true) String disabledReason, OffsetDateTime createdAt) {
    }

    @Schema(name = "WebhookSubscriptionCreated", description = "The signing secret is shown here once and never again")
    public record SubscriptionCreated(UUID id, String url, List<String> events,
            @Schema(examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret, OffsetDateTime createdAt) {
    }

    @Schema(name = "Delivery")
    public record Delivery(UUID id, UUID eventId, String eventType,
            @Schema(nullable = true, description = "Null for a notice event") String incidentNumber,
            @Schema(nullable = true, description = "The notice of a notice event") Long noticeId,
            @Schema(examples = "WEBHOOK") String destination, @Schema(nullable = true) UUID subscriptionId,
            @Schema(examples = "PENDING") String state, int attempts, OffsetDateTime nextAttemptAt,
            @Schema(nullable = true) Integer lastStatus,
            @Schema(nullable = true, description = "Why the last attempt failed, in plain words (never an exception or the "
                    + "receiver's answer body)", examples = "connection refused") String lastError,
            @Schema(nullable = true, description = "The kind of that failure: HTTP_STATUS, CONNECTION_REFUSED, TIMEOUT, "
                    + "CONNECTION_CLOSED, TLS, UNREACHABLE, DESTINATION_REFUSED, NO_ACCESS_TOKEN or OTHER; null for mails, whose lastError is the SMTP reply",
                    examples = "CONNECTION_REFUSED", maxLength = 32) String lastErrorKind,
            OffsetDateTime createdAt,
            @Schema(nullable = true) OffsetDateTime deliveredAt,
            @Schema(nullable = true, maxLength = 254, description = "A mail's address, masked (MAIL only)", examples = "r***t@e***.org")
            String recipient) {
    }

    @Schema(name = "DeliveryPage")
    public record DeliveryPage(List<Delivery> items, @Schema(nullable = true) String nextCursor) {
    }
}
