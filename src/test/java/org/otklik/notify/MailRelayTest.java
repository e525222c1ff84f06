package org.otklik.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.otklik.notify.MailFixtures.ADMIN;
import static org.otklik.notify.MailFixtures.address;
import static org.otklik.notify.MailFixtures.awaitMails;
import static org.otklik.notify.MailFixtures.confirmLink;
import static org.otklik.notify.MailFixtures.follow;
import static org.otklik.notify.MailFixtures.item;
import static org.otklik.notify.MailFixtures.mailRows;
import static org.otklik.notify.MailFixtures.notice;
import static org.otklik.notify.MailFixtures.publish;
import static org.otklik.notify.MailFixtures.relayAll;
import static org.otklik.notify.MailFixtures.relayOnce;
import static org.otklik.notify.MailFixtures.resident;
import static org.otklik.notify.MailFixtures.subscriptions;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.delivery.OutboxRepository;
import org.otklik.testsupport.Await;
import org.otklik.testsupport.MailServer;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The mail relay against a real SMTP server (GreenMail) answering as real servers do: 451 is retried and then dead,
 * 550 stops the address for the resident, a relay that stops mid-send or a server slower than a lease sends no
 * duplicate, and the daily limit holds. The tests use notice mails, whose whole path is in place.
 */
@QuarkusTest
class MailRelayTest {

    @Inject
    MailRelay relay;

    @Inject
    Pool pool;

    /** A resident following Kuibyshevsky's cold water at once; the next notice there is mailed to them. */
    private static String follower(String email) {
        String token = resident(email);
        follow(token, subscriptions("ru", null, List.of(item("kuibyshevsky", "housing.cold_water", "IMMEDIATE"))));
        return token;
    }

    private static long coldWaterNotice(String title) {
        return publish(notice(title, "housing.cold_water", List.of("kuibyshevsky")));
    }

    /** Relay rounds until the resident's mail is in {@code state} (its retries fall due every 10 ms in tests). */
    private void relayUntil(String email, String state) {
        Await.until("the mail to " + email + " is " + state, Duration.ofSeconds(20), () -> {
            relayOnce(relay);
            return state.equals(mailRows(pool, email).get(0).getString("state"));
        });
    }

    @Test
    void a451IsRetriedAndTheMailArrivesOnce() throws Exception {
        String email = address("tempfail");
        follower(email);
        MailServer.failTemporarily(email, 2);
        coldWaterNotice("Нет холодной воды");
        relayOnce(relay);
        Row first = mailRows(pool, email).get(0);
        assertThat(first.getString("state")).isEqualTo("PENDING");
        assertThat(first.getInteger("attempts")).isEqualTo(1);
        assertThat(first.getInteger("last_status")).isEqualTo(451);
        assertThat(first.getString("last_error")).contains("451").doesNotContain(email);

        relayUntil(email, "DELIVERED");
        Row done = mailRows(pool, email).get(0);
        assertThat(done.getString("state")).isEqualTo("DELIVERED");
        assertThat(done.getInteger("attempts")).isEqualTo(3);
        awaitMails(email, 1);
    }

    @Test
    void aMailStill451AfterTheScheduleIsDeadAndAdminsSeeItMasked() throws Exception {
        String email = address("alwaysbusy");
        follower(email);
        MailServer.failTemporarily(email, 1000);
        coldWaterNotice("Авария водопровода");
        relayUntil(email, "DEAD");
        Row dead = mailRows(pool, email).get(0);
        assertThat(dead.getString("state")).isEqualTo("DEAD");
        assertThat(dead.getInteger("attempts")).as("the first try and seven retries").isEqualTo(8);
        assertThat(MailServer.receivedBy(email)).isEmpty();

        String log = given().auth().oauth2(ADMIN).when().get("/api/v1/admin/deliveries?channel=MAIL&state=DEAD&limit=100")
                .then().statusCode(200).extract().asString();
        assertThat(log).doesNotContain(email);
        Map<String, Object> shown = JsonPath.from(log).<Map<String, Object>>getList("items").stream()
                .filter(d -> dead.getUUID("id").toString().equals(d.get("id"))).findFirst().orElseThrow();
        assertThat(shown.get("recipient")).isEqualTo("a***" + email.charAt(email.indexOf('@') - 1) + "@e***.org");
        assertThat(shown.get("lastStatus")).isEqualTo(451);
        assertThat(shown.get("destination")).isEqualTo("MAIL");
        given().auth().oauth2(TestTokens.operator()).when().get("/api/v1/admin/deliveries?channel=MAIL").then().statusCode(403);
    }

    @Test
    void a550StopsTheAddressForTheResidentUntilTheyChangeIt() throws Exception {
        String refused = address("nosuchuser");
        String token = follower(refused);
        MailServer.refuse(refused);
        coldWaterNotice("Промывка сетей");
        relayAll(relay);
        Row dead = mailRows(pool, refused).get(0);
        assertThat(dead.getString("state")).isEqualTo("DEAD");
        assertThat(dead.getInteger("attempts")).as("a permanent answer is not retried").isEqualTo(1);
        assertThat(dead.getInteger("last_status")).isEqualTo(550);
        assertThat(given().auth().oauth2(token).get("/api/v1/me/subscriptions").jsonPath().getBoolean("addressRefused")).isTrue();

        coldWaterNotice("Промывка сетей, второй этап");
        assertThat(mailRows(pool, refused)).as("no mail is written to a refused address").hasSize(1);

        String changed = address("newaddress");
        follow(token, Map.of("email", changed, "items", List.of(item("kuibyshevsky", "housing.cold_water", "IMMEDIATE"))));
        assertThat(given().auth().oauth2(token).get("/api/v1/me/subscriptions").jsonPath().getBoolean("addressRefused")).isFalse();
        relayAll(relay);
        given().when().post(confirmLink(awaitMails(changed, 1).get(0))).then().statusCode(200);
        coldWaterNotice("Промывка сетей, третий этап");
        relayAll(relay);
        awaitMails(changed, 2);
        assertThat(MailServer.receivedBy(refused)).isEmpty();
    }

    @Test
    void aRelayThatStopsMidSendLeavesTheMailToAnotherWhichSendsItOnce() throws Throwable {
        String email = address("restart");
        follower(email);
        coldWaterNotice("Плановые работы");
        // the first relay claims the row and stops before it records anything
        List<OutboxRepository.ClaimedMail> stopped = VertxContextSupport.subscribeAndAwait(() -> relay.claim());
        assertThat(stopped).extracting(OutboxRepository.ClaimedMail::recipient).contains(email);
        relayAll(relay);
        assertThat(MailServer.receivedBy(email)).as("nothing is sent while the first relay's lease holds").isEmpty();
        assertThat(mailRows(pool, email).get(0).getString("state")).isEqualTo("PENDING");

        // its lease runs out: the row is taken over and sent once
        pool.preparedQuery("update outbox_delivery set leased_until = now() - interval '1 second' where recipient = $1")
                .execute(Tuple.of(email)).await().atMost(Duration.ofSeconds(5));
        relayAll(relay);
        relayAll(relay);
        awaitMails(email, 1);
        Row row = mailRows(pool, email).get(0);
        assertThat(row.getString("state")).isEqualTo("DELIVERED");
        assertThat(row.getInteger("attempts")).isEqualTo(1);
    }

    @Test
    void twoRelaysAndAServerSlowerThanALeaseSendEachMailOnce() throws Exception {
        String email = address("slow");
        follower(email);
        MailServer.stall(email, 3500);
        coldWaterNotice("Медленный сервер");
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> relayOnce(relay));
        // a second relay keeps running rounds while the first one's send stalls past its lease
        Await.until("the first relay's round ends", Duration.ofSeconds(20), () -> {
            if (!first.isDone()) {
                relayOnce(relay);
            }
            return first.isDone();
        });
        first.get(20, TimeUnit.SECONDS);
        relayAll(relay);
        // every relay round has returned, and GreenMail stores a mail before it answers its DATA: none is in flight
        assertThat(awaitMails(email, 1)).as("the lease was renewed while the server stalled").hasSize(1);
        assertThat(mailRows(pool, email).get(0).getInteger("attempts")).isEqualTo(1);
    }

    @Test
    void aboveTheDailyLimitNoticeMailsAreSkipped() throws Exception {
        String email = address("limit");
        follower(email);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Samara"));
        pool.preparedQuery("insert into mail_daily_count (address, day, sent) values ($1, $2, 20)")
                .execute(Tuple.of(email, today)).await().atMost(Duration.ofSeconds(5));
        coldWaterNotice("Двадцать первое письмо");
        relayAll(relay);
        Row skipped = mailRows(pool, email).get(0);
        assertThat(skipped.getString("state")).isEqualTo("CANCELLED");
        assertThat(skipped.getString("last_error")).contains("daily limit of 20");
        assertThat(MailServer.receivedBy(email)).isEmpty();
    }
}
