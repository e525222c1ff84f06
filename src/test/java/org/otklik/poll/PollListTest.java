package org.otklik.poll;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.otklik.poll.PollFixtures.admin;
import static org.otklik.poll.PollFixtures.createDraft;
import static org.otklik.poll.PollFixtures.createOpen;
import static org.otklik.poll.PollFixtures.definition;
import static org.otklik.poll.PollFixtures.setWindow;
import static org.otklik.poll.PollFixtures.with;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class PollListTest {

    @Inject
    Pool pool;

    private static List<String> ids(RequestSpecification request) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 1000 && (page == 0 || cursor != null); page++) {
            var body = request.queryParam("limit", 100).when().get("/api/v1/polls" + (cursor == null ? "" : "?cursor=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            ids.addAll(body.getList("items.id", String.class));
            cursor = body.getString("nextCursor");
        }
        return ids;
    }

    private static List<String> listed(String state, String district) {
        RequestSpecification request = given();
        if (state != null) {
            request.queryParam("state", state);
        }
        if (district != null) {
            request.queryParam("district", district);
        }
        return ids(request);
    }

    @Test
    void theWidgetListsPublishedPollsByState() {
        String open = createOpen().toString();
        UUID upcomingId = createOpen();
        setWindow(pool, upcomingId, "1 day", "2 days");
        String upcoming = upcomingId.toString();
        UUID closedId = createOpen();
        admin("close", closedId).statusCode(200);
        String closed = closedId.toString();
        UUID expiredId = createOpen();
        setWindow(pool, expiredId, "-2 days", "-1 day");
        String expired = expiredId.toString();
        UUID archivedId = createOpen();
        admin("close", archivedId).statusCode(200);
        admin("archive", archivedId).statusCode(200);
        String archived = archivedId.toString();
        String draft = createDraft(definition()).toString();

        assertThat(listed("OPEN", null)).contains(open).doesNotContain(upcoming, closed, expired, archived, draft);
        assertThat(listed("UPCOMING", null)).contains(upcoming).doesNotContain(open, closed, expired, archived, draft);
        assertThat(listed("CLOSED", null)).contains(closed, expired).doesNotContain(open, upcoming, archived, draft);
        assertThat(listed(null, null)).contains(open, upcoming, closed, expired).doesNotContain(archived, draft);
        given().queryParam("state", "OPEN").when().get("/api/v1/polls").then().statusCode(200)
                .body("items.find { it.id == '" + open + "' }.state", equalTo("OPEN"))
                .body("items.find { it.id == '" + open + "' }.resultsVisible", equalTo(true))
                .body("items.find { it.id == '" + open + "' }.title.ru", equalTo("Благоустройство набережной"));
    }

    @Test
    void theDistrictFilterKeepsPollsItsResidentsMayVoteIn() {
        String citywide = createOpen().toString();
        String sovetsky = createOpen(with(definition(), "eligibility", Map.of("districts", List.of("sovetsky")))).toString();
        assertThat(listed("OPEN", "leninsky")).contains(citywide).doesNotContain(sovetsky);
        assertThat(listed("OPEN", "sovetsky")).contains(citywide, sovetsky);
    }

    @Test
    void pagesFollowEachOtherWithoutRepeats() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(createOpen().toString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 1000 && (page == 0 || cursor != null); page++) {
            RequestSpecification request = given().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var body = request.when().get("/api/v1/polls").then().statusCode(200).extract().jsonPath();
            assertThat(body.getList("items")).hasSizeLessThanOrEqualTo(2);
            seen.addAll(body.getList("items.id", String.class));
            cursor = body.getString("nextCursor");
        }
        assertThat(seen).doesNotHaveDuplicates().containsAll(mine);
    }

    @Test
    void badListParametersAre400() {
        for (String query : List.of("state=DRAFT", "state=ARCHIVED", "state=SOON", "limit=0", "limit=101", "limit=x", "cursor=%%%")) {
            given().when().get("/api/v1/polls?" + query).then().statusCode(400).contentType("application/problem+json");
        }
    }
}
