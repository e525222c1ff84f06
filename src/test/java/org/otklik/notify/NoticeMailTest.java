package org.otklik.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.otklik.notify.MailFixtures.address;
import static org.otklik.notify.MailFixtures.awaitMails;
import static org.otklik.notify.MailFixtures.follow;
import static org.otklik.notify.MailFixtures.header;
import static org.otklik.notify.MailFixtures.item;
import static org.otklik.notify.MailFixtures.mailRows;
import static org.otklik.notify.MailFixtures.notice;
import static org.otklik.notify.MailFixtures.parts;
import static org.otklik.notify.MailFixtures.publish;
import static org.otklik.notify.MailFixtures.relayAll;
import static org.otklik.notify.MailFixtures.resident;
import static org.otklik.notify.MailFixtures.subscriptions;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Notices reach the residents who follow their district and topic, at once or in the daily digest, through the
 * outbox and a real SMTP server (GreenMail).
 */
@QuarkusTest
class NoticeMailTest {

    private static final ZoneId SAMARA = ZoneId.of("Europe/Samara");

    @Inject
    MailRelay relay;

    @Inject
    DigestJob digests;

    @Inject
    Pool pool;

    @Test
    void aNoticeIsMailedOnceInTheResidentsLanguageWithItsHeaders() throws Exception {
        String ru = address("ru");
        String en = address("en");
        follow(resident(ru), subscriptions("ru", null, List.of(item("leninsky", "housing", "IMMEDIATE"))));
        follow(resident(en), subscriptions("en", null, List.of(item("leninsky", null, "IMMEDIATE"))));

        long id = publish(notice("Отключение горячей воды <ул. Садовая>", "housing.hot_water", List.of("leninsky")));
        List<Row> rows = mailRows(pool, ru);
        assertThat(rows).as("written with the publication, before any relay ran").hasSize(1);
        assertThat(rows.get(0).getString("state")).isEqualTo("PENDING");
        assertThat(rows.get(0).getLong("notice_id")).isEqualTo(id);
        assertThat(rows.get(0).getString("event_type")).isEqualTo("notice.published");

        relayAll(relay);
        relayAll(relay);
        MimeMessage mail = awaitMails(ru, 1).get(0);
        assertThat(mailRows(pool, ru).get(0).getString("state")).isEqualTo("DELIVERED");
        assertThat(mail.getSubject()).isEqualTo("Новое объявление: Отключение горячей воды <ул. Садовая>");
        String eventId = rows.get(0).getUUID("event_id").toString();
        assertThat(header(mail, "Message-ID")).matches("<" + eventId + "\\.[0-9a-f]{16}@otklik\\.local>");
        assertThat(header(mail, "List-Unsubscribe")).matches("<http://localhost:8080/api/v1/mail/unsubscribe\\?token=[A-Za-z0-9_.-]+>");
        assertThat(header(mail, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(header(mail, "Content-Language")).isEqualTo("ru");
        Map<String, String> parts = parts(mail);
        assertThat(parts.get("text")).contains("Текст: Отключение горячей воды <ул. Садовая>", "Районы: Ленинский",
                "http://localhost:8080/api/v1/notices/" + id);
        assertThat(parts.get("html")).contains("Отключение горячей воды &lt;ул. Садовая&gt;").doesNotContain("<ул. Садовая>");

        MimeMessage english = awaitMails(en, 1).get(0);
        assertThat(english.getSubject()).isEqualTo("New notice: EN Отключение горячей воды <ул. Садовая>");
        assertThat(parts(english).get("text")).contains("Text: Отключение", "Districts: Leninsky");
        assertThat(header(english, "Message-ID")).isNotEqualTo(header(mail, "Message-ID"));
    }

    @Test
    void followersAreMatchedByDistrictAndTopicWithItsSubTopics() throws Exception {
        String parentTopic = address("parent");
        String sameTopic = address("same");
        String siblingTopic = address("sibling");
        String otherDistrict = address("district");
        String everything = address("all");
        follow(resident(parentTopic), subscriptions("ru", null, List.of(item("samarsky", "housing", "IMMEDIATE"))));
        follow(resident(sameTopic), subscriptions("ru", null, List.of(item("samarsky", "housing.hot_water", "IMMEDIATE"))));
        follow(resident(siblingTopic), subscriptions("ru", null, List.of(item("samarsky", "housing.heating", "IMMEDIATE"))));
        follow(resident(otherDistrict), subscriptions("ru", null, List.of(item("kirovsky", "housing", "IMMEDIATE"))));
        follow(resident(everything), subscriptions("ru", null, List.of(item("kirovsky", null, "IMMEDIATE"),
                item("samarsky", "roads", "IMMEDIATE"))));

        publish(notice("Горячая вода, Самарский", "housing.hot_water", List.of("samarsky")));
        assertThat(mailRows(pool, parentTopic)).as("a topic's followers get its sub-topics' notices").hasSize(1);
        assertThat(mailRows(pool, sameTopic)).hasSize(1);
        assertThat(mailRows(pool, siblingTopic)).as("another sub-topic").isEmpty();
        assertThat(mailRows(pool, otherDistrict)).as("another district").isEmpty();
        assertThat(mailRows(pool, everything)).as("neither district and topic").isEmpty();

        publish(notice("Вода во всём городе", "housing", List.of()));
        assertThat(mailRows(pool, siblingTopic)).as("a notice on the topic above covers the sub-topic").hasSize(1);
        assertThat(mailRows(pool, otherDistrict)).as("a whole-city notice covers every district").hasSize(1);
        assertThat(mailRows(pool, everything)).as("one mail per event, however many subscriptions match").hasSize(1);
        assertThat(mailRows(pool, parentTopic)).hasSize(2);
    }

    @Test
    void theDigestComesAtTheChosenHourCityTimeAndCountsAsOneMail() throws Throwable {
        String email = address("digest");
        String token = resident(email);
        follow(token, subscriptions("ru", 7, List.of(item("sovetsky", "roads", "DAILY_DIGEST"))));
        OffsetDateTime next = OffsetDateTime.parse(given().auth().oauth2(token).when().get("/api/v1/me/subscriptions")
                .then().statusCode(200).extract().path("nextDigestAt"));
        assertThat(next.getOffset().getTotalSeconds()).as("in city time").isEqualTo(4 * 3600);
        assertThat(next.getHour()).isEqualTo(7);
        assertThat(next.getMinute()).isZero();
        assertThat(Duration.between(Instant.now(), next.toInstant())).isPositive().isLessThanOrEqualTo(Duration.ofDays(1));

        publish(notice("Ремонт дороги на Советской", "roads.potholes", List.of("sovetsky")));
        publish(notice("Перекрытие улицы", "roads", List.of("sovetsky", "kirovsky")));
        assertThat(mailRows(pool, email)).as("nothing is mailed before the digest").isEmpty();

        Instant slot = next.toInstant();
        VertxContextSupport.subscribeAndAwait(() -> digests.runDigests(slot.minusSeconds(60)));
        assertThat(mailRows(pool, email)).as("a minute before the hour").isEmpty();
        VertxContextSupport.subscribeAndAwait(() -> digests.runDigests(slot.plusSeconds(60)));
        List<Row> rows = mailRows(pool, email);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getString("event_type")).isEqualTo("notice.digest");
        VertxContextSupport.subscribeAndAwait(() -> digests.runDigests(slot.plusSeconds(120)));
        assertThat(mailRows(pool, email)).as("once a day").hasSize(1);

        relayAll(relay);
        MimeMessage digest = awaitMails(email, 1).get(0);
        String date = LocalDate.ofInstant(slot, SAMARA).format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        assertThat(digest.getSubject()).isEqualTo("Объявления города за " + date + ": 2");
        assertThat(parts(digest).get("text")).contains("Ремонт дороги на Советской", "Перекрытие улицы",
                "Больше не получать ежедневную сводку");
        Row count = pool.preparedQuery("select sent from mail_daily_count where address = $1")
                .execute(Tuple.of(email)).await().atMost(Duration.ofSeconds(5)).iterator().next();
        assertThat(count.getInteger("sent")).as("a digest counts as one mail").isEqualTo(1);
        OffsetDateTime after = OffsetDateTime.parse(given().auth().oauth2(token).when().get("/api/v1/me/subscriptions")
                .then().statusCode(200).extract().path("nextDigestAt"));
        assertThat(after).isEqualTo(next.plusDays(1));
    }

    @Test
    void oneClickUnsubscribeStopsOnlyThatKindOfMail() throws Throwable {
        String email = address("both");
        String token = resident(email);
        follow(token, subscriptions("en", 9, List.of(item("promyshlenny", "transport", "IMMEDIATE"),
                item("promyshlenny", null, "DAILY_DIGEST"))));
        publish(notice("Автобус 41 меняет маршрут", "transport", List.of("promyshlenny")));
        relayAll(relay);
        MimeMessage immediate = awaitMails(email, 1).get(0);
        String link = header(immediate, "List-Unsubscribe").replaceAll("^<|>$", "");
        String path = link.replace("http://localhost:8080", "");

        Response page = given().when().get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.asString()).contains("the city notices mailed as they come out will not come any more").doesNotContain(email);
        assertThat(given().auth().oauth2(token).get("/api/v1/me/subscriptions").jsonPath().getList("items"))
                .as("opening the link changes nothing").hasSize(2);

        given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                .when().post(path).then().statusCode(200).contentType("text/html");
        given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                .when().post(path).then().statusCode(200);
        List<Map<String, Object>> left = given().auth().oauth2(token).get("/api/v1/me/subscriptions").jsonPath().getList("items");
        assertThat(left).singleElement().extracting(i -> i.get("delivery")).isEqualTo("DAILY_DIGEST");

        publish(notice("Трамвай 3 не ходит", "transport", List.of("promyshlenny")));
        assertThat(mailRows(pool, email)).as("no immediate mail any more").hasSize(1);
        OffsetDateTime next = OffsetDateTime.parse(given().auth().oauth2(token).get("/api/v1/me/subscriptions")
                .then().extract().path("nextDigestAt"));
        VertxContextSupport.subscribeAndAwait(() -> digests.runDigests(next.toInstant().plusSeconds(1)));
        relayAll(relay);
        List<MimeMessage> mails = awaitMails(email, 2);
        assertThat(mails.get(1).getSubject()).startsWith("City notices of");
        assertThat(parts(mails.get(1)).get("text")).contains("EN Трамвай 3 не ходит");
    }

    @Test
    void aLinkThatIsNotOursIsRefused() {
        given().when().get("/api/v1/mail/unsubscribe?token=bjoxMjM.AAAAAAAAAAAAAAAAAAAAAA")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                .when().post("/api/v1/mail/unsubscribe?token=nonsense").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType("application/x-www-form-urlencoded").when().post("/api/v1/mail/unsubscribe")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
