package org.otklik.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.otklik.notify.MailPayload.IncidentFacts;
import org.otklik.routing.ReferenceSnapshot;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a mail row's facts into the data of its template: names in the resident's language, dates in city time,
 * the links to the city's pages and the signed unsubscribe link. Only the facts of the row go in, so a mail can
 * show nothing of another resident and no staff-only note.
 */
public final class MailComposer {

    /** The template family and the data to render it with. */
    public record Composed(String family, String language, Map<String, Object> data) {
    }

    private static final Map<String, DateTimeFormatter> DATE_TIMES = Map.of(
            "ru", DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm", Locale.forLanguageTag("ru")),
            "en", DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH));
    private static final Map<String, DateTimeFormatter> DATES = Map.of(
            "ru", DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.forLanguageTag("ru")),
            "en", DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH));

    private final NotifyConfig.Links links;
    private final String unsubscribeBase;
    private final String confirmationBase;
    private final UnsubscribeTokens tokens;
    private final ZoneId zone;

    public MailComposer(NotifyConfig.Links links, String publicUrl, UnsubscribeTokens tokens, ZoneId zone) {
        this.links = links;
        this.unsubscribeBase = publicUrl.replaceAll("/+$", "") + "/api/v1/mail/unsubscribe?token=";
        this.confirmationBase = publicUrl.replaceAll("/+$", "") + "/api/v1/mail/confirmation?token=";
        this.tokens = tokens;
        this.zone = zone;
    }

    public static String language(String language) {
        return MailTemplates.LANGUAGES.contains(language) ? language : "ru";
    }

    public String unsubscribeLink(String list) {
        return unsubscribeBase + tokens.sign(list);
    }

    /** A mail about one incident. */
    public Composed incident(MailPayload payload, ReferenceSnapshot reference) {
        String lang = language(payload.language());
        IncidentFacts facts = payload.incident();
        Map<String, Object> data = new HashMap<>();
        data.put("kind", payload.kind().name());
        data.put("number", facts.number());
        data.put("category", reference.category(facts.categoryCode())
                .map(c -> "en".equals(lang) && c.nameEn != null ? c.nameEn : c.nameRu).orElse(facts.categoryCode()));
        data.put("organization", reference.organization(facts.organizationCode()).map(o -> o.nameRu)
                .orElse(facts.organizationCode()));
        data.put("firstResponseDue", dateTime(facts.firstResponseDue(), lang));
        data.put("resolutionDue", dateTime(facts.resolutionDue(), lang));
        data.put("text", facts.text());
        data.put("resolution", facts.resolution());
        data.put("redirectedTo", facts.redirectedTo());
        data.put("rejectionReason", facts.rejectionReason());
        data.put("plannedDate", facts.plannedDate() == null ? null : DATES.get(lang).format(facts.plannedDate()));
        data.put("afterPhotos", facts.afterPhotos() == null ? List.of() : facts.afterPhotos());
        data.put("statusLink", links.status().replace("{number}", encode(facts.number())));
        data.put("rateLink", links.rate().replace("{number}", encode(facts.number())));
        data.put("unsubscribeLink", unsubscribeLink(payload.list()));
        return new Composed("incident", lang, data);
    }

    /** The confirmation mail of an address (double opt-in): for a message's mails, or for notices. */
    public Composed confirmation(MailPayload payload) {
        String lang = language(payload.language());
        Map<String, Object> data = new HashMap<>();
        data.put("aboutMessage", payload.incident() != null);
        data.put("number", payload.incident() == null ? "" : payload.incident().number());
        data.put("confirmLink", confirmationBase + tokens.signConfirmation(payload.confirmation()));
        data.put("unsubscribeLink", unsubscribeLink(payload.list()));
        return new Composed("confirm", lang, data);
    }

    /** The data of a mail row's template, by its kind. */
    public Composed compose(MailPayload payload, ReferenceSnapshot reference, List<NoticeEventContent> notices) {
        if (payload.kind() == MailKind.CONFIRM) {
            return confirmation(payload);
        }
        return payload.kind().aboutIncident() ? incident(payload, reference) : notices(payload, notices);
    }

    /**
     * A notice mail: one notice, or the digest of several.
     *
     * @param events each event's type and the notice's public view then, in the order to show them
     */
    public Composed notices(MailPayload payload, List<NoticeEventContent> events) {
        String lang = language(payload.language());
        List<Map<String, Object>> notices = new ArrayList<>();
        for (NoticeEventContent event : events) {
            notices.add(notice(event, lang));
        }
        Map<String, Object> data = new HashMap<>();
        data.put("digest", payload.kind() == MailKind.NOTICE_DIGEST);
        data.put("date", payload.day() == null ? "" : DATES.get(lang).format(payload.day()));
        data.put("notices", notices);
        data.put("subscriptionsLink", links.subscriptions());
        data.put("unsubscribeLink", unsubscribeLink(payload.list()));
        return new Composed("notice", lang, data);
    }

    /** A notice event as its mail shows it: the event type and the notice's public view at that moment. */
    public record NoticeEventContent(String eventType, JsonNode notice) {
    }

    private Map<String, Object> notice(NoticeEventContent event, String lang) {
        JsonNode notice = event.notice();
        Map<String, Object> data = new HashMap<>();
        data.put("event", event.eventType());
        data.put("state", notice.path("state").asText());
        data.put("title", localized(notice.path("title"), lang));
        data.put("text", localized(notice.path("text"), lang));
        data.put("starts", dateTime(notice.path("startsAt").asText(), lang));
        data.put("ends", dateTime(notice.path("endsAt").asText(), lang));
        List<String> districts = new ArrayList<>();
        notice.path("districts").forEach(d -> districts.add("en".equals(lang) && d.hasNonNull("nameEn")
                ? d.path("nameEn").asText() : d.path("nameRu").asText()));
        data.put("districts", String.join(", ", districts));
        data.put("link", links.notice().replace("{id}", notice.path("id").asText()));
        return data;
    }

    private static String localized(JsonNode text, String lang) {
        return "en".equals(lang) && text.hasNonNull("en") ? text.path("en").asText() : text.path("ru").asText();
    }

    private String dateTime(Instant instant, String lang) {
        return instant == null ? null : DATE_TIMES.get(lang).format(instant.atZone(zone));
    }

    private String dateTime(String isoOffset, String lang) {
        return isoOffset.isEmpty() ? "" : dateTime(OffsetDateTime.parse(isoOffset).toInstant(), lang);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
