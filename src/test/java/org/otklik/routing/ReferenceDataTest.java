package org.otklik.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class ReferenceDataTest {

    private static JsonNode samara() throws IOException {
        try (InputStream in = ReferenceDataTest.class.getResourceAsStream("/reference/samara.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void categoriesAreTheSamaraTopicTreeWithInheritedDeadlines() throws IOException {
        JsonNode samara = samara();
        Response response = given().when().get("/api/v1/categories")
                .then().statusCode(200).contentType("application/json").header("ETag", notNullValue())
                .extract().response();
        List<Map<String, Object>> roots = response.jsonPath().getList("$");

        List<String> expectedRoots = new ArrayList<>();
        samara.get("categories").forEach(c -> {
            if (c.get("parent").isNull()) {
                expectedRoots.add(c.get("code").asText());
            }
        });
        assertThat(roots).extracting(r -> r.get("code")).containsExactlyElementsOf(expectedRoots);

        for (JsonNode category : samara.get("categories")) {
            String code = category.get("code").asText();
            String parent = category.get("parent").isNull() ? null : category.get("parent").asText();
            String path = parent == null ? "find { it.code == '" + code + "' }"
                    : "find { it.code == '" + parent + "' }.children.find { it.code == '" + code + "' }";
            assertThat(response.jsonPath().getString(path + ".nameRu")).isEqualTo(category.get("name_ru").asText());
            assertThat(response.jsonPath().getString(path + ".nameEn")).isEqualTo(category.get("name_en").asText());
            if (category.has("first_response_hours")) {
                assertThat(response.jsonPath().getInt(path + ".firstResponseHours"))
                        .isEqualTo(category.get("first_response_hours").asInt());
                assertThat(response.jsonPath().getInt(path + ".resolutionDays"))
                        .isEqualTo(category.get("resolution_days").asInt());
            }
        }
    }

    @Test
    void districtsAreTheNineOfSamara() throws IOException {
        JsonNode samara = samara();
        List<String> expected = new ArrayList<>();
        samara.get("districts").forEach(d -> expected.add(d.get("code").asText()));
        List<String> codes = given().when().get("/api/v1/districts")
                .then().statusCode(200)
                .body("find { it.code == 'samarsky' }.nameRu", equalTo("Самарский"))
                .extract().jsonPath().getList("code");
        assertThat(codes).containsExactlyElementsOf(expected);
    }

    @Test
    void unchangedReferenceDataAnswers304() {
        for (String path : List.of("/api/v1/categories", "/api/v1/districts")) {
            String etag = given().when().get(path).then().statusCode(200).extract().header("ETag");
            given().header("If-None-Match", etag).when().get(path)
                    .then().statusCode(304).header("ETag", equalTo(etag));
            given().header("If-None-Match", "\"stale\"").when().get(path)
                    .then().statusCode(200);
        }
    }

    @Test
    void publicReferenceDataNeedsNoTokenAndIgnoresABadOne() {
        given().auth().oauth2("garbage").when().get("/api/v1/districts").then().statusCode(200);
    }

    @Test
    void anonymousMayNotListOrganisations() {
        given().when().get("/api/v1/organizations").then().statusCode(401)
                .contentType("application/problem+json");
    }
}
