package org.otklik.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.otklik.testsupport.Await;
import org.otklik.testsupport.MailServer;
import org.otklik.testsupport.TestTokens;

import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Residents, notices and mail rows the mail tests share. */
final class MailFixtures {

    static final String ADMIN = TestTokens.admin();
    static final String OPERATOR = TestTokens.operator();
    static final java.time.ZoneId SAMARA = java.time.ZoneId.of("Europe/Samara");

    private MailFixtures() {
    }

    static String address(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** A widget resident whose token carries a verified e-mail address. */
    static String resident(String email) {
        return TestTokens.sign(TestTokens.claims("resident-" + UUID.randomUUID(), "citizen")
                .claim("azp", "otklik-widget").claim("email", email).claim("email_verified", true));
    }

    static Map<String, Object> item(String district, String category, String delivery) {
        Map<String, Object> item = new HashMap<>();
        item.put("districtCode", district);
        item.put("categoryCode", category);
        item.put("delivery", delivery);
        return item;
    }

    static Map<String, Object> subscriptions(String language, Integer digestHour, List<Map<String, Object>> items) {
        Map<String, Object> body = new HashMap<>();
        body.put("language", language);
        body.put("digestHour", digestHour);
        body.put("items", items);
        return body;
    }

    static void follow(String token, Map<String, Object> body) {
        given().auth().oauth2(token).contentType("application/json").body(body)
                .when().put("/api/v1/me/subscriptions").then().statusCode(200);
    }

    /** A notice running from an hour ago for a day. */
    static Map<String, Object> notice(String title, String category, List<String> districts) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", Map.of("ru", title, "en", "EN " + title));
        body.put("text", Map.of("ru", "Текст: " + title, "en", "Text: " + title));
        body.put("kind", "PLANNED_OUTAGE");
        body.put("categoryCode", category);
        body.put("districtCodes", districts);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(4)).truncatedTo(ChronoUnit.SECONDS);
        body.put("startsAt", now.minusHours(1).toString());
        body.put("endsAt", now.plusHours(24).toString());
        body.put("organizationCode", "rso.water");
        return body;
    }

    static long publish(Map<String, Object> notice) {
        long id = ((Number) given().auth().oauth2(ADMIN).contentType("application/json").body(notice)
                .when().post("/api/v1/admin/notices").then().statusCode(201).extract().path("id")).longValue();
        given().auth().oauth2(ADMIN).when().post("/api/v1/admin/notices/" + id + "/publish").then().statusCode(200);
        return id;
    }

    /** The mail rows to an address, oldest first. */
    static List<Row> mailRows(Pool pool, String address) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("select id, event_id, event_type, notice_id, incident_number, state, attempts, last_status, last_error,"
                + " next_attempt_at, mail_list, payload from outbox_delivery where destination = 'MAIL' and recipient = $1 order by seq")
                .execute(Tuple.of(address)).await().atMost(Duration.ofSeconds(10)).forEach(rows::add);
        return rows;
    }

    static int relayOnce(MailRelay relay) {
        try {
            return VertxContextSupport.subscribeAndAwait(relay::runOnce);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rounds until a round claims nothing (retries of the tests' 10 ms schedule fall due between rounds). */
    static void relayAll(MailRelay relay) throws InterruptedException {
        Await.until("a mail relay round that claims nothing", Duration.ofSeconds(30), () -> relayOnce(relay) == 0);
    }

    /** The mails GreenMail stored for the address, waiting briefly for those it has just accepted. */
    static List<MimeMessage> awaitMails(String address, int count) throws InterruptedException {
        Await.until(count + " mails received by " + address, Duration.ofSeconds(5),
                () -> MailServer.receivedBy(address).size() >= count);
        List<MimeMessage> received = MailServer.receivedBy(address);
        assertThat(received).as("mails received by " + address).hasSize(count);
        return received;
    }

    private static final java.util.regex.Pattern CONFIRM_LINK =
            java.util.regex.Pattern.compile("http://localhost:8080(/api/v1/mail/confirmation\\?token=[A-Za-z0-9_.-]+)");

    /** The path and query of a confirmation mail's link. */
    static String confirmLink(MimeMessage mail) {
        java.util.regex.Matcher matcher = CONFIRM_LINK.matcher(parts(mail).get("text"));
        assertThat(matcher.find()).as("confirmation link in the mail").isTrue();
        return matcher.group(1);
    }

    static String header(MimeMessage message, String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null ? null : values[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text/plain and text/html parts of a multipart/alternative mail, decoded. */
    static Map<String, String> parts(MimeMessage message) {
        Map<String, String> parts = new HashMap<>();
        try {
            collect(message.getContent(), message.getContentType(), parts);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return parts;
    }

    private static void collect(Object content, String type, Map<String, String> parts) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = multipart.getBodyPart(i);
                collect(part.getContent(), part.getContentType(), parts);
            }
        } else if (content instanceof String text) {
            parts.put(type.toLowerCase().startsWith("text/html") ? "html" : "text", text);
        }
    }
}
