package org.otklik.notify;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Wire records of notice subscriptions and unsubscribing. */
public final class SubscriptionViews {

    private SubscriptionViews() {
    }

    public enum Delivery {
        /** A mail for every notice published, changed or ended, as it happens. */
        IMMEDIATE,
        /** The day's notices in one mail at the resident's hour. */
        DAILY_DIGEST
    }

    public enum EmailSource {
        /** The token's {@code email} claim, marked verified by the identity provider. */
        TOKEN,
        /** Given in the request. */
        BODY
    }

    @RegisterForReflection
    @Schema(name = "NoticeSubscriptionsRequest", description = "Replaces all of the caller's notice subscriptions")
    public record SubscriptionsRequest(
            @Schema(nullable = true, maxLength = MailAddresses.MAX_LENGTH, pattern = MailAddresses.PATTERN, examples = "resident@example.org",
                    description = "Where to mail the notices. Left out or null: the address in the access token's email claim, "
                            + "used only when its email_verified claim is true (400 otherwise)")
            @Size(max = MailAddresses.MAX_LENGTH) String email,
            @Schema(nullable = true, maxLength = 2, examples = "ru", description = "The mails' language, ru or en; null: ru")
            @Pattern(regexp = "^(ru|en)$") String language,
            @Schema(nullable = true, type = SchemaType.INTEGER, minimum = "0", maximum = "23", examples = "8",
                    description = "The hour (Europe/Samara) of the daily digest: required with a DAILY_DIGEST subscription, "
                            + "not allowed without one")
            @Min(0) @Max(23) Integer digestHour,
            @Schema(required = true, minItems = 1, maxItems = 20) @NotNull @Size(min = 1, max = 20) List<@Valid @NotNull Item> items) {
    }

    @RegisterForReflection
    @Schema(name = "NoticeSubscriptionItem", description = "A district and a topic to follow; a topic includes its sub-topics")
    public record Item(
            @Schema(required = true, maxLength = 64, examples = "leninsky") @NotBlank @Size(max = 64) String districtCode,
            @Schema(nullable = true, maxLength = 64, examples = "housing",
                    description = "A topic or sub-topic code; null: every topic") @Size(max = 64) String categoryCode,
            @Schema(required = true, examples = "IMMEDIATE") @NotNull Delivery delivery) {
    }

    @RegisterForReflection
    @Schema(name = "NoticeSubscriptions", requiredProperties = { "email", "emailSource", "emailConfirmed", "addressRefused", "language",
            "digestHour", "nextDigestAt", "items" })
    public record SubscriptionsView(
            @Schema(nullable = true, description = "The caller's own address; null when they follow nothing", examples = "resident@example.org") String email,
            @Schema(nullable = true) EmailSource emailSource,
            @Schema(description = "Mails go to the address: the token verified it, or the resident followed the link of the "
                    + "confirmation mail sent to an address given in the body (double opt-in); false while that is pending")
            boolean emailConfirmed,
            @Schema(description = "The mail server refused the address for good: no mail goes to it until it is changed") boolean addressRefused,
            @Schema(examples = "ru") String language,
            @Schema(nullable = true, examples = "8") Integer digestHour,
            @Schema(nullable = true) OffsetDateTime nextDigestAt,
            List<ItemView> items) {
    }

    @RegisterForReflection
    @Schema(name = "NoticeSubscriptionItemView")
    public record ItemView(UUID id, @Schema(examples = "leninsky") String districtCode,
            @Schema(nullable = true, examples = "housing") String categoryCode, Delivery delivery) {
    }

    @RegisterForReflection
    @Schema(name = "NoticeSubscriptionCounts", description = "How many residents follow notices, and what: counts only, no addresses")
    public record Counts(@Schema(description = "Residents with at least one subscription") long subscribers,
            long immediate, long dailyDigest, List<DistrictCount> byDistrict, List<TopicCount> byTopic) {
    }

    @RegisterForReflection
    @Schema(name = "NoticeSubscriptionDistrictCount")
    public record DistrictCount(@Schema(examples = "leninsky") String districtCode, long immediate, long dailyDigest) {
    }

    @RegisterForReflection
    @Schema(name = "NoticeSubscriptionTopicCount")
    public record TopicCount(@Schema(nullable = true, examples = "housing", description = "null: every topic") String categoryCode,
            long immediate, long dailyDigest) {
    }
}
