package org.otklik.poll;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.otklik.poll.PollFixtures.ballot;
import static org.otklik.poll.PollFixtures.citizen;
import static org.otklik.poll.PollFixtures.createOpen;
import static org.otklik.poll.PollFixtures.uniqueSubject;
import static org.otklik.poll.PollFixtures.vote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.otklik.poll.tally.LiveRounds;
import org.otklik.poll.tally.TallyJobs;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Who may call which poll endpoint: anonymous, a citizen and every other role. */
@QuarkusTest
class PollAccessTest {

    private static final List<String> NOT_ADMIN = List.of("citizen", "operator", "executor", "analyst", "integration");
    private static final List<String> NOT_CITIZEN = List.of("operator", "executor", "analyst", "admin", "integration");

    private static UUID poll;
    private static String receipt;

    @Inject
    TallyJobs tallies;

    @Inject
    LiveRounds liveRounds;

    @BeforeEach
    void anOpenPollWithAVote() {
        if (poll == null) {
            poll = createOpen();
            receipt = vote(citizen(uniqueSubject("access")), poll, ballot("park", 3)).statusCode(201).extract().path("receipt");
            liveRounds.refresh();
        }
    }

    record Call(String method, String path, Object body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Call> adminCalls() {
        String id = "/api/v1/admin/polls/" + UUID.randomUUID();
        return List.of(
                new Call("GET", "/api/v1/admin/polls", null),
                new Call("POST", "/api/v1/admin/polls", PollFixtures.definition()),
                new Call("GET", id, null),
                new Call("PUT", id, PollFixtures.definition()),
                new Call("DELETE", id, null),
                new Call("POST", id + "/publish", null),
                new Call("POST", id + "/close", null),
                new Call("POST", id + "/extension", Map.of("closesAt", "2030-01-01T00:00:00Z")),
                new Call("POST", id + "/archive", null),
                new Call("GET", id + "/results", null),
                new Call("GET", id + "/consistency", null));
    }

    static Stream<Arguments> adminCallsByOtherRoles() {
        List<Arguments> arguments = new ArrayList<>();
        for (Call call : adminCalls()) {
            for (String role : NOT_ADMIN) {
                arguments.add(Arguments.of(call, role));
            }
        }
        return arguments.stream();
    }

    private static io.restassured.response.ValidatableResponse send(RequestSpecification request, Call call) {
        if (call.body() != null) {
            request.contentType(ContentType.JSON).body(call.body());
        }
        return request.when().request(call.method(), call.path()).then();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adminCalls")
    void anonymousCallersGet401FromAdminEndpoints(Call call) {
        send(given(), call).statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("adminCallsByOtherRoles")
    void otherRolesGet403FromAdminEndpoints(Call call, String role) {
        send(given().auth().oauth2(TestTokens.forRole(role)), call).statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://otklik.org/problems/forbidden"));
    }

    @Test
    void adminsMayCallAdminEndpoints() {
        String admin = TestTokens.forRole("admin");
        given().auth().oauth2(admin).when().get("/api/v1/admin/polls").then().statusCode(200);
        given().auth().oauth2(admin).when().get("/api/v1/admin/polls/" + poll).then().statusCode(200);
        given().auth().oauth2(admin).when().get("/api/v1/admin/polls/" + poll + "/results").then().statusCode(200);
        given().auth().oauth2(admin).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = { "anonymous", "citizen", "operator", "executor", "analyst", "admin", "integration" })
    void everyoneMayReadPublicPollEndpoints(String role) {
        RequestSpecification request = role.equals("anonymous") ? given() : given().auth().oauth2(TestTokens.forRole(role));
        request.when().get("/api/v1/polls").then().statusCode(200);
        request.when().get("/api/v1/polls/" + poll).then().statusCode(200).body("id", equalTo(poll.toString()));
        request.when().get("/api/v1/polls/" + poll + "/results").then().statusCode(200);
        request.contentType(ContentType.JSON).body(Map.of("receipt", receipt)).when().post("/api/v1/polls/receipt-checks")
                .then().statusCode(200).body("status", equalTo("ACCEPTED"));
    }

    @Test
    void anonymousCallersMayNotVote() {
        given().contentType(ContentType.JSON).body(ballot("park", 3)).when().post("/api/v1/polls/" + poll + "/ballots")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notCitizens")
    void onlyCitizensMayVote(String role) {
        vote(TestTokens.forRole(role), poll, ballot("park", 3)).statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://otklik.org/problems/forbidden"));
    }

    static List<String> notCitizens() {
        return NOT_CITIZEN;
    }

    @Test
    void aCitizenMayVote() {
        vote(citizen(uniqueSubject("allowed")), poll, ballot("bikes", 1)).statusCode(201);
    }

    @Test
    void anInvalidTokenOnTheBallotEndpointIs401() {
        vote("garbage", poll, ballot("park", 3)).statusCode(401).contentType("application/problem+json");
    }
}
