package org.otklik.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Notice mails and digests rendered with plain Qute from the notices' public views. */
class NoticeMailTemplatesTest {

    private static JsonNode notice(long id, String state, String titleEn) throws Exception {
        String en = titleEn == null ? "" : ",\"en\":\"" + titleEn + "\"";
        return IncidentMailTemplatesTest.JSON.readTree("{\"id\":" + id + ",\"state\":\"" + state + "\","
                + "\"title\":{\"ru\":\"Заголовок " + id + "\"" + en + "},\"text\":{\"ru\":\"Текст " + id + "\"},"
                + "\"districts\":[{\"code\":\"leninsky\",\"nameRu\":\"Ленинский\",\"nameEn\":\"Leninsky\"},"
                + "{\"code\":\"samarsky\",\"nameRu\":\"Самарский\",\"nameEn\":\"Samarsky\"}],"
                + "\"startsAt\":\"2026-12-01T09:00:00+04:00\",\"endsAt\":\"2026-12-03T18:00:00+04:00\"}");
    }

    private static MailTemplates.RenderedMail render(MailKind kind, String language, List<MailComposer.NoticeEventContent> events) {
        MailPayload payload = new MailPayload(kind, language, "s", "d:" + UUID.randomUUID(), null, List.of(),
                kind == MailKind.NOTICE_DIGEST ? LocalDate.of(2026, 12, 1) : null, null);
        MailComposer.Composed composed = IncidentMailTemplatesTest.COMPOSER.notices(payload, events);
        return IncidentMailTemplatesTest.TEMPLATES.render(composed.family(), composed.language(), composed.data());
    }

    @Test
    void eachEventHasItsOwnWords() throws Exception {
        assertThat(render(MailKind.NOTICE, "ru", List.of(new MailComposer.NoticeEventContent("notice.updated", notice(1, "ACTIVE", null))))
                .subject()).isEqualTo("Объявление изменено: Заголовок 1");
        assertThat(render(MailKind.NOTICE, "ru", List.of(new MailComposer.NoticeEventContent("notice.ended", notice(1, "ENDED", null))))
                .subject()).isEqualTo("Объявление завершено: Заголовок 1");
        assertThat(render(MailKind.NOTICE, "en", List.of(new MailComposer.NoticeEventContent("notice.ended", notice(1, "CANCELLED", "Title"))))
                .subject()).isEqualTo("Notice cancelled: Title");
        MailTemplates.RenderedMail published = render(MailKind.NOTICE, "en",
                List.of(new MailComposer.NoticeEventContent("notice.published", notice(9, "UPCOMING", null))));
        assertThat(published.subject()).as("no English title: the Russian one").isEqualTo("New notice: Заголовок 9");
        assertThat(published.text()).contains("From 1 Dec 2026, 09:00 to 3 Dec 2026, 18:00", "Districts: Leninsky, Samarsky",
                "https://samara.example/notices/9", "Stop the notices mailed as they come out");
    }

    @Test
    void aDigestListsTheDaysNoticesInOneMail() throws Exception {
        MailTemplates.RenderedMail digest = render(MailKind.NOTICE_DIGEST, "ru", List.of(
                new MailComposer.NoticeEventContent("notice.published", notice(1, "ACTIVE", null)),
                new MailComposer.NoticeEventContent("notice.ended", notice(2, "ENDED", null))));
        assertThat(digest.subject()).isEqualTo("Объявления города за 01.12.2026: 2");
        assertThat(digest.text()).contains("Новое объявление: Заголовок 1", "Объявление завершено: Заголовок 2",
                "Районы: Ленинский, Самарский", "С 01.12.2026 09:00 до 03.12.2026 18:00", "https://samara.example/subscriptions",
                "Больше не получать ежедневную сводку");
        assertThat(digest.html()).contains("<h3", "Заголовок 2");
    }
}
