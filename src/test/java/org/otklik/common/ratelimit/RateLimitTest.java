package org.otklik.common.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.stats.ReportGate;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Parallel;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

@QuarkusTest
@TestProfile(RateLimitTestProfile.class)
class RateLimitTest {

    private static final String LOOKUPS_POLICY = "\"lookups\";q=" + RateLimitTestProfile.LOOKUPS + ";w=3600";

    @Inject
    ReportGate reports;

    /** A client address no other test uses, as the ingress would put it in X-Forwarded-For. */
    private static String newAddress() {
        UUID random = UUID.randomUUID();
        return "198.51." + Math.floorMod(random.getMostSignificantBits(), 256) + "."
                + Math.floorMod(random.getLeastSignificantBits(), 256);
    }

    private static Response status(String address, String number) {
        return given().header("X-Forwarded-For", address).when().get("/api/v1/incidents/" + number + "/status");
    }

    @Test
    void anAnonymousNumberWalkIsStoppedWhileOtherAddressesGoOn() {
        String walker = newAddress();
        for (int i = 1; i <= RateLimitTestProfile.LOOKUPS; i++) {
            status(walker, String.format("0000-%06d", i)).then().statusCode(404)
                    .header(RateLimitHeaders.POLICY, LOOKUPS_POLICY);
        }
        Response refused = status(walker, "0000-000006");
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://otklik.org/problems/too-many-requests"))
                .body("status", equalTo(429))
                .body("instance", equalTo("/api/v1/incidents/0000-000006/status"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header(RateLimitHeaders.POLICY, LOOKUPS_POLICY)
                .header(RateLimitHeaders.LIMIT, matchesPattern("\"lookups\";r=0;t=[1-9][0-9]*"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3600L / RateLimitTestProfile.LOOKUPS);
        assertThat(refused.header(RateLimitHeaders.LIMIT)).endsWith(";t=" + retryAfter);

        status(newAddress(), "0000-000006").then().statusCode(404);
        given().header("X-Forwarded-For", walker).auth().oauth2(TestTokens.citizen(Feedback.uniqueSubject("walker")))
                .when().get("/api/v1/me/incidents").then().statusCode(200);
        status(walker, "0000-000007").then().statusCode(429);
    }

    @Test
    void noticesAndOpen311ShareTheLookupQuotaAndOpen311AnswersInItsOwnForm() {
        String notices = newAddress();
        for (int i = 0; i < RateLimitTestProfile.LOOKUPS; i++) {
            given().header("X-Forwarded-For", notices).when().get("/api/v1/notices").then().statusCode(200)
                    .header(RateLimitHeaders.POLICY, LOOKUPS_POLICY);
        }
        given().header("X-Forwarded-For", notices).when().get("/api/v1/notices").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", matchesPattern("[1-9][0-9]*"));

        String georeport = newAddress();
        for (int i = 0; i < RateLimitTestProfile.LOOKUPS; i++) {
            given().header("X-Forwarded-For", georeport).when().get("/open311/v2/services.json").then().statusCode(200);
        }
        given().header("X-Forwarded-For", georeport).when().get("/open311/v2/services.json").then().statusCode(429)
                .contentType(org.hamcrest.Matchers.startsWith("application/json"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header(RateLimitHeaders.LIMIT, matchesPattern("\"lookups\";r=0;t=[1-9][0-9]*"))
                .body("[0].code", equalTo("429"))
                .body("[0].description", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
        given().header("X-Forwarded-For", georeport).when().get("/open311/v2/services.xml").then().statusCode(429)
                .contentType(org.hamcrest.Matchers.containsString("xml"))
                .body("errors.error.code", equalTo("429"));
    }

    @Test
    void successfulAnswersTellWhatIsLeft() {
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("headers")), Feedback.pothole());
        String address = newAddress();
        status(address, number).then().statusCode(200)
                .header(RateLimitHeaders.POLICY, LOOKUPS_POLICY)
                .header(RateLimitHeaders.LIMIT, matchesPattern("\"lookups\";r=" + (RateLimitTestProfile.LOOKUPS - 1) + ";t=[0-9]+"));
        status(address, number).then().statusCode(200)
                .header(RateLimitHeaders.LIMIT, matchesPattern("\"lookups\";r=" + (RateLimitTestProfile.LOOKUPS - 2) + ";t=[0-9]+"));
    }

    /**
     * What the contract says: the shared 400 and 404 answers of a limited operation carry the headers too; a
     * refusal of the security layer (401, 403 for a role) comes before the limiter and carries none.
     */
    @Test
    void refusalsAfterTheLimiterTellWhatIsLeftToo() {
        String address = newAddress();
        given().header("X-Forwarded-For", address).queryParam("state", "NOT_A_STATE").when().get("/api/v1/polls")
                .then().statusCode(400).header(RateLimitHeaders.POLICY, LOOKUPS_POLICY)
                .header(RateLimitHeaders.LIMIT, matchesPattern("\"lookups\";r=[0-9]+;t=[0-9]+"));
        status(address, "0000-000001").then().statusCode(404).header(RateLimitHeaders.POLICY, LOOKUPS_POLICY);
        given().header("X-Forwarded-For", address).when().get("/api/v1/me").then().statusCode(401)
                .header(RateLimitHeaders.POLICY, nullValue());
        given().header("X-Forwarded-For", address).auth().oauth2(TestTokens.citizen(Feedback.uniqueSubject("forbidden")))
                .when().get("/api/v1/organizations").then().statusCode(403).header(RateLimitHeaders.POLICY, nullValue());
    }

    @Test
    void parallelRequestsNeverGetMoreThanTheQuota() throws Exception {
        String address = newAddress();
        List<Integer> statuses = Parallel.run(20, () -> status(address, "0000-000001").statusCode());
        assertThat(statuses).filteredOn(s -> s == 404).hasSize(RateLimitTestProfile.LOOKUPS);
        assertThat(statuses).filteredOn(s -> s != 404).containsOnly(429);
    }

    @Test
    void forwardedForCountsOnlyFromATrustedProxy() throws Exception {
        InetAddress untrusted = InetAddress.getByName("127.0.0.2");
        for (int i = 0; i < RateLimitTestProfile.LOOKUPS; i++) {
            assertThat(rawStatus(untrusted, newAddress())).isEqualTo(404);
        }
        assertThat(rawStatus(untrusted, newAddress())).as("a spoofed X-Forwarded-For from an untrusted peer is ignored")
                .isEqualTo(429);
        assertThat(rawStatus(InetAddress.getByName("127.0.0.1"), newAddress()))
                .as("the trusted proxy's X-Forwarded-For names a fresh client").isEqualTo(404);
    }

    /**
     * Behind an ingress that appends what it sees, a client writing a new X-Forwarded-For of its own on every
     * request still lands in one bucket: the rightmost entry the trusted proxy did not add.
     */
    @Test
    void aForgedForwardedForPerRequestStaysInTheSameBucket() {
        String client = newAddress();
        for (int i = 0; i < RateLimitTestProfile.LOOKUPS; i++) {
            status(newAddress() + ", " + client, "0000-000001").then().statusCode(404);
        }
        status(newAddress() + ", " + client, "0000-000001").then().statusCode(429);
        status(UUID.randomUUID() + ", " + client, "0000-000001").then().statusCode(429);
        status(newAddress() + ", " + newAddress(), "0000-000001").then().statusCode(404);
    }

    /** A plain HTTP/1.1 request from the given local address (REST Assured cannot choose it). */
    private static int rawStatus(InetAddress from, String forwardedFor) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), RestAssured.port), 5000);
            socket.setSoTimeout(10000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/incidents/0000-000001/status HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + forwardedFor
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                head.write(b);
            }
            String statusLine = head.toString(StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    @Test
    void peopleAreLimitedBySubjectAndIntegrationsByClient() {
        String first = TestTokens.citizen(Feedback.uniqueSubject("busy"));
        for (int i = 0; i < RateLimitTestProfile.SUBMISSIONS; i++) {
            Feedback.submit(first, Feedback.pothole()).statusCode(201);
        }
        Feedback.submit(first, Feedback.pothole()).statusCode(429)
                .header(RateLimitHeaders.POLICY, "\"submissions\";q=" + RateLimitTestProfile.SUBMISSIONS + ";w=3600");
        Feedback.submit(TestTokens.citizen(Feedback.uniqueSubject("calm")), Feedback.pothole()).statusCode(201);

        String client = "client-" + UUID.randomUUID();
        for (int i = 0; i < RateLimitTestProfile.CLIENT_LOOKUPS; i++) {
            given().auth().oauth2(integration("account-" + i, client)).when().get("/api/v1/me").then().statusCode(200)
                    .header(RateLimitHeaders.POLICY, "\"lookups\";q=" + RateLimitTestProfile.CLIENT_LOOKUPS + ";w=3600");
        }
        given().auth().oauth2(integration("another-account", client)).when().get("/api/v1/me").then().statusCode(429);
        given().auth().oauth2(integration("another-account", "client-" + UUID.randomUUID())).when().get("/api/v1/me")
                .then().statusCode(200);
    }

    private static String integration(String subject, String client) {
        return TestTokens.sign(TestTokens.claims(subject, "integration").claim("azp", client));
    }

    @Test
    void aCallerWithAReportRunningGets429AndOthersWaitThen503() {
        Cancellable mine = hold(Optional.of(new RateLimitScope(RateLimitScope.Kind.SUBJECT, "analyst-1")));
        try {
            given().auth().oauth2(TestTokens.analyst()).when().get("/api/v1/stats/summary").then().statusCode(429)
                    .contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .header(RateLimitHeaders.POLICY, "\"reports-in-flight\";q=1;qu=\"concurrency\"");
            long started = System.nanoTime();
            given().auth().oauth2(TestTokens.sign(TestTokens.claims("analyst-2", "analyst"))).when().get("/api/v1/stats/summary")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo("https://otklik.org/problems/reports-busy"))
                    .header("Retry-After", "1");
            assertThat((System.nanoTime() - started) / 1_000_000).as("waited for a slot").isGreaterThanOrEqualTo(900);
        } finally {
            mine.cancel();
        }
        given().auth().oauth2(TestTokens.analyst()).when().get("/api/v1/stats/summary").then().statusCode(200);
    }

    @Test
    void aReportThatGetsASlotInTimeRuns() throws Exception {
        Cancellable other = hold(Optional.empty());
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            other.cancel();
        });
        release.start();
        given().auth().oauth2(TestTokens.sign(TestTokens.claims("analyst-3", "analyst"))).when().get("/api/v1/stats/monthly")
                .then().statusCode(200);
        release.join();
    }

    @Test
    void openDataOfAMonthIsComputedOnceAndServedWithoutASlot() {
        String month = YearMonth.now().minusMonths(2).toString();
        Response first = given().header("X-Forwarded-For", newAddress()).queryParam("month", month).when().get("/api/v1/stats/public");
        first.then().statusCode(200);
        Cancellable busy = hold(Optional.empty());
        try {
            given().header("X-Forwarded-For", newAddress()).queryParam("month", month).when().get("/api/v1/stats/public")
                    .then().statusCode(200).header("ETag", first.header("ETag"));
            given().header("X-Forwarded-For", newAddress()).header("If-None-Match", first.header("ETag"))
                    .queryParam("month", month).when().get("/api/v1/stats/public").then().statusCode(304);
            given().header("X-Forwarded-For", newAddress()).queryParam("month", YearMonth.now().minusMonths(3).toString())
                    .when().get("/api/v1/stats/public").then().statusCode(503).header("Retry-After", "1");
        } finally {
            busy.cancel();
        }
    }

    /** Takes a report slot (and the caller's in-flight place) until cancelled. */
    private Cancellable hold(Optional<RateLimitScope> caller) {
        return reports.run(caller, () -> Uni.createFrom().nothing()).subscribe().with(ignored -> {
        }, failure -> {
        });
    }
}
