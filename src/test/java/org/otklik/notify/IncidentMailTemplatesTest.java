package org.otklik.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.otklik.incident.IncidentEventType;
import org.otklik.incident.IncidentStatus;
import org.otklik.incident.IncidentUpdate;
import org.otklik.incident.Resolution;
import org.otklik.routing.ReferenceSnapshot;
import org.otklik.routing.ReferenceSnapshots;
import org.otklik.security.Channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The six mails about one's own message, from a workflow change to the rendered mail, in both languages, with plain
 * Qute: the right subject, facts and links, HTML escaped, and nothing but what the author may read.
 */
class IncidentMailTemplatesTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final ReferenceSnapshot REFERENCE = ReferenceSnapshots.of(
            List.of(ReferenceSnapshots.category("roads", null, "Дороги", "Roads"),
                    ReferenceSnapshots.category("roads.potholes", "roads", "Ямы и покрытие", "Potholes and surface")),
            List.of(ReferenceSnapshots.district("oktyabrsky", "Октябрьский", "Oktyabrsky")),
            List.of(ReferenceSnapshots.organization("dep.roads", "Департамент дорожного хозяйства")));
    static final NotifyConfig.Links LINKS = new NotifyConfig.Links() {
        public String status() {
            return "https://samara.example/status?n={number}";
        }

        public String rate() {
            return "https://samara.example/rate?n={number}";
        }

        public String notice() {
            return "https://samara.example/notices/{id}";
        }

        public String subscriptions() {
            return "https://samara.example/subscriptions";
        }
    };
    static final UnsubscribeTokens TOKENS = new UnsubscribeTokens("a-test-secret-of-at-least-thirty-two-bytes");
    static final MailComposer COMPOSER = new MailComposer(LINKS, "https://api.samara.example/", TOKENS, ZoneId.of("Europe/Samara"));
    static final MailTemplates TEMPLATES = new MailTemplates();

    private final IncidentMails mails = new IncidentMails(null, null, JSON, null);

    private static IncidentUpdate update(IncidentEventType type, IncidentStatus status, String citizenText, Resolution resolution,
            String rejection, LocalDate planned, List<String> photos, Channel channel) {
        return new IncidentUpdate(type, 77, "2612-000077", channel, "citizen-7", " Resident@Example.org ", true, "ru", status,
                "roads.potholes", "dep.roads", Instant.parse("2026-12-02T14:00:00Z"), Instant.parse("2026-12-15T14:00:00Z"),
                citizenText, resolution, null, rejection, planned, photos, Instant.parse("2026-12-01T08:00:00Z"));
    }

    private MailTemplates.RenderedMail render(IncidentUpdate update, String language) throws Exception {
        MailOutbox.NewMail row = mails.mailOf(update).orElseThrow();
        MailPayload payload = JSON.readValue(row.payload(), MailPayload.class);
        MailPayload inLanguage = new MailPayload(payload.kind(), language, payload.subject(), payload.list(), payload.incident(),
                payload.noticeEvents(), payload.day(), null);
        MailComposer.Composed composed = COMPOSER.incident(inLanguage, REFERENCE);
        return TEMPLATES.render(composed.family(), composed.language(), composed.data());
    }

    @Test
    void registered() throws Exception {
        IncidentUpdate submitted = update(IncidentEventType.SUBMITTED, IncidentStatus.NEW, null, null, null, null, List.of(), Channel.WIDGET);
        MailTemplates.RenderedMail ru = render(submitted, "ru");
        assertThat(ru.subject()).isEqualTo("Обращение 2612-000077 зарегистрировано");
        assertThat(ru.text()).contains("Ямы и покрытие", "Департамент дорожного хозяйства", "02.12.2026 18:00", "15.12.2026 18:00",
                "https://samara.example/status?n=2612-000077", "https://api.samara.example/api/v1/mail/unsubscribe?token=");
        MailTemplates.RenderedMail en = render(submitted, "en");
        assertThat(en.subject()).isEqualTo("Your message 2612-000077 is registered");
        assertThat(en.text()).contains("Potholes and surface", "2 Dec 2026, 18:00", "15 Dec 2026, 18:00");
        assertThat(en.html()).contains("<a href=\"https://samara.example/status?n=2612-000077\">");
        assertThat(mails.mailOf(submitted).orElseThrow().recipient()).isEqualTo("resident@example.org");
    }

    @Test
    void interimAnswer() throws Exception {
        IncidentUpdate interim = update(IncidentEventType.INTERIM_ANSWER, IncidentStatus.IN_PROGRESS, "Ремонт в плане.", null, null,
                LocalDate.of(2026, 12, 14), List.of(), Channel.MOBILE);
        assertThat(render(interim, "ru").subject()).isEqualTo("Промежуточный ответ по обращению 2612-000077");
        assertThat(render(interim, "ru").text()).contains("Ремонт в плане.", "14.12.2026");
        assertThat(render(interim, "en").text()).contains("Ремонт в плане.", "14 Dec 2026");
    }

    @Test
    void answerWithAfterPhotosAndTheLinkToRateIt() throws Exception {
        IncidentUpdate answered = update(IncidentEventType.ANSWERED, IncidentStatus.ANSWERED, "Яма заделана <b>асфальтом</b> & катком.",
                Resolution.FIXED, null, null, List.of("https://files.example.org/after.jpg?a=1&b=2"), Channel.WIDGET);
        MailTemplates.RenderedMail ru = render(answered, "ru");
        assertThat(ru.subject()).isEqualTo("Ответ по обращению 2612-000077");
        assertThat(ru.text()).contains("Результат: устранено.", "Яма заделана <b>асфальтом</b> & катком.",
                "https://files.example.org/after.jpg?a=1&b=2", "https://samara.example/rate?n=2612-000077");
        assertThat(ru.html()).contains("Яма заделана &lt;b&gt;асфальтом&lt;/b&gt; &amp; катком.")
                .contains("href=\"https://files.example.org/after.jpg?a=1&amp;b=2\"").doesNotContain("<b>асфальтом");
        assertThat(render(answered, "en").text()).contains("Outcome: fixed.", "Rate it or contest it: https://samara.example/rate?n=2612-000077");
    }

    @Test
    void rejectionWithItsReasonInWords() throws Exception {
        IncidentUpdate rejected = update(IncidentEventType.REJECTED, IncidentStatus.REJECTED, "NOT_MUNICIPAL: Обратитесь в УК.",
                null, "NOT_MUNICIPAL", null, List.of(), Channel.WIDGET);
        MailTemplates.RenderedMail ru = render(rejected, "ru");
        assertThat(ru.subject()).isEqualTo("Обращение 2612-000077 отклонено");
        assertThat(ru.text()).contains("Причина: вопрос не относится к городскому хозяйству.", "Обратитесь в УК.")
                .doesNotContain("NOT_MUNICIPAL");
        assertThat(render(rejected, "en").text()).contains("Reason: not a municipal matter.");
        IncidentUpdate bare = update(IncidentEventType.REJECTED, IncidentStatus.REJECTED, "SPAM", null, "SPAM", null, List.of(), Channel.WIDGET);
        assertThat(render(bare, "ru").text()).contains("Причина: реклама или спам.").doesNotContain("SPAM");
    }

    @Test
    void reopenedAndClosed() throws Exception {
        IncidentUpdate reopened = update(IncidentEventType.REOPENED, IncidentStatus.REOPENED, "Яма снова появилась", null, null, null,
                List.of(), Channel.WIDGET);
        assertThat(render(reopened, "ru").subject()).isEqualTo("Обращение 2612-000077 снова в работе");
        assertThat(render(reopened, "en").text()).contains("Resolution by 15 Dec 2026, 18:00");
        for (IncidentEventType closing : List.of(IncidentEventType.CLOSED, IncidentEventType.RATED)) {
            IncidentUpdate closed = update(closing, IncidentStatus.CLOSED, null, Resolution.FIXED, null, null, List.of(), Channel.WIDGET);
            assertThat(render(closed, "ru").subject()).isEqualTo("Обращение 2612-000077 закрыто");
            assertThat(render(closed, "en").subject()).isEqualTo("Your message 2612-000077 is closed");
        }
    }

    @Test
    void otherChangesAndOtherChannelsAreNotMailed() {
        for (IncidentEventType type : List.of(IncidentEventType.ACCEPTED, IncidentEventType.ASSIGNED, IncidentEventType.TRANSFERRED,
                IncidentEventType.HANDED_BACK, IncidentEventType.IN_PROGRESS, IncidentEventType.MERGED, IncidentEventType.NOTE)) {
            assertThat(mails.mailOf(update(type, IncidentStatus.ASSIGNED, null, null, null, null, List.of(), Channel.WIDGET)))
                    .as(type.name()).isEmpty();
        }
        for (Channel channel : List.of(Channel.GOSUSLUGI, Channel.SOCIAL, Channel.OPEN311)) {
            assertThat(mails.mailOf(update(IncidentEventType.ANSWERED, IncidentStatus.ANSWERED, "x", Resolution.FIXED, null, null,
                    List.of(), channel))).as(channel.name()).isEmpty();
        }
        IncidentUpdate badAddress = new IncidentUpdate(IncidentEventType.ANSWERED, 1, "n", Channel.WIDGET, "s", "not-an-address",
                true, "ru", IncidentStatus.ANSWERED, "roads", "dep.roads", Instant.now(), Instant.now(), "x", Resolution.FIXED, null, null,
                null, List.of(), Instant.now());
        assertThat(mails.mailOf(badAddress)).isEmpty();
        assertThat(MailKind.of(IncidentEventType.RATED)).contains(MailKind.CLOSED);
        assertThat(MailKind.REGISTERED.eventType()).isEqualTo("incident.registered");
    }

    @Test
    void theMailCarriesOnlyTheAuthorsOwnFacts() throws Exception {
        IncidentUpdate answered = update(IncidentEventType.ANSWERED, IncidentStatus.ANSWERED, "Сделано.", Resolution.FIXED, null, null,
                List.of(), Channel.WIDGET);
        Map<String, Object> payload = JSON.readValue(mails.mailOf(answered).orElseThrow().payload(),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        assertThat(payload.keySet()).containsExactlyInAnyOrder("kind", "language", "subject", "list", "incident");
        assertThat(((Map<?, ?>) payload.get("incident")).keySet()).allSatisfy(key -> assertThat(key.toString())
                .isIn("number", "status", "categoryCode", "organizationCode", "firstResponseDue", "resolutionDue", "text",
                        "resolution", "redirectedTo", "rejectionReason", "plannedDate", "afterPhotos"));
        assertThat(payload.get("list")).isEqualTo("i:77");
    }

    @Test
    void theConfirmationMailAsksInBothLanguagesWithASignedLinkThatOnlyConfirms() throws Exception {
        java.util.UUID confirmation = java.util.UUID.randomUUID();
        IncidentUpdate registered = update(IncidentEventType.SUBMITTED, IncidentStatus.NEW, null, null, null, null, List.of(),
                Channel.WIDGET);
        MailPayload facts = JSON.readValue(mails.mailOf(registered).orElseThrow().payload(), MailPayload.class);
        for (String language : List.of("ru", "en")) {
            MailPayload payload = new MailPayload(MailKind.CONFIRM, language, "citizen-7", "i:77", facts.incident(), null, null,
                    confirmation);
            MailComposer.Composed composed = COMPOSER.compose(payload, REFERENCE, List.of());
            MailTemplates.RenderedMail mail = TEMPLATES.render(composed.family(), composed.language(), composed.data());
            String token = TOKENS.signConfirmation(confirmation);
            assertThat(mail.subject()).contains("2612-000077").contains("ru".equals(language) ? "Подтвердите" : "Confirm");
            assertThat(mail.text()).contains("https://api.samara.example/api/v1/mail/confirmation?token=" + token)
                    .contains("https://api.samara.example/api/v1/mail/unsubscribe?token=").doesNotContain("esident@");
            assertThat(mail.html()).contains("/api/v1/mail/confirmation?token=" + token);
            assertThat(TOKENS.verifyConfirmation(token)).contains(confirmation);
            assertThat(TOKENS.verify(token)).as("a confirmation token never unsubscribes").isEmpty();
        }
        MailPayload notices = new MailPayload(MailKind.CONFIRM, "en", "citizen-7", "n:" + confirmation, null, null, null, confirmation);
        MailComposer.Composed composed = COMPOSER.compose(notices, REFERENCE, List.of());
        assertThat(TEMPLATES.render(composed.family(), composed.language(), composed.data()).subject())
                .isEqualTo("Confirm your address for the city's notices");
    }
}
