package org.otklik.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

/** Requests the contract calls invalid (found by fuzzing from it, issue 28) are refused, not answered 2xx. */
@QuarkusTest
class ContractRefusalsTest {

    @Test
    void aNoticeIdBelowOneIs400() {
        given().auth().oauth2(TestTokens.operator()).queryParam("notice", "0").when().get("/api/v1/incidents")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].parameter", equalTo("notice"));
    }

    @Test
    void aPollDistrictOverItsLengthIs400() {
        given().queryParam("district", "d".repeat(65)).when().get("/api/v1/polls")
                .then().statusCode(400).contentType("application/problem+json");
        given().queryParam("district", "d".repeat(64)).when().get("/api/v1/polls").then().statusCode(200);
    }

    @Test
    void open311PagesAndCodesOverTheContractsBoundsAre400() {
        given().queryParam("page", "2147484").when().get("/open311/v2/requests.json")
                .then().statusCode(400).contentType(startsWith("application/json")).body("[0].code", equalTo("400"));
        given().queryParam("service_code", "c".repeat(2001)).when().get("/open311/v2/requests.json")
                .then().statusCode(400).body("[0].description", org.hamcrest.Matchers.containsString("service_code"));
    }
}
