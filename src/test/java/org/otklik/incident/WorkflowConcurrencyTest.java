package org.otklik.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Parallel;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WorkflowConcurrencyTest {

    @Test
    void twoStaffAnsweringAtOnceExactlyOneWins() throws Exception {
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("race")), Feedback.pothole());
        Staff.accept(number);
        String operator = TestTokens.operator();
        String executor = TestTokens.executor("dep.roads");
        String etag = Staff.currentTag(number);
        List<Integer> statuses = Parallel.run(10, () -> given().auth().oauth2(Math.random() < 0.5 ? operator : executor)
                .header("If-Match", etag).contentType("application/json").body(Map.of("text", "Ответ", "resolution", "FIXED"))
                .when().post("/api/v1/incidents/" + number + "/answer").statusCode());
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 409 || s == 412);
        Staff.detail(operator, number).statusCode(200)
                .body("timeline.findAll { it.type == 'ANSWERED' }.size()", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void actionsOnOneVersionSucceedOnceThenAre412() throws Exception {
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("race")), Feedback.pothole());
        String operator = TestTokens.operator();
        String etag = Staff.detail(operator, number).extract().header("ETag");
        List<Integer> statuses = Parallel.run(8, () -> given().auth().oauth2(operator).header("If-Match", etag)
                .contentType("application/json")
                .body(Map.of("organizationCode", "adm.leninsky", "reason", "по адресу"))
                .when().post("/api/v1/incidents/" + number + "/assignment").statusCode());
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 412 || s == 409);
    }
}
