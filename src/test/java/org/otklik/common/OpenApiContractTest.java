package org.otklik.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The committed contract in openapi/ must be exactly what the code produces. When this fails,
 * regenerate it with the command in docs/integrators.md and review the difference.
 */
@QuarkusTest
class OpenApiContractTest {

    static final Path COMMITTED = Path.of("openapi", "otklik-api.yaml");

    @Test
    void committedContractMatchesTheCode() throws IOException {
        String produced = given().queryParam("format", "yaml").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        assertThat(COMMITTED).as("the committed contract %s", COMMITTED).exists();

        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode expected = yaml.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        JsonNode actual = yaml.readTree(produced);
        if (!expected.equals(actual)) {
            Path written = Path.of("target", "openapi-produced-by-tests.yaml");
            Files.createDirectories(written.getParent());
            Files.writeString(written, produced, StandardCharsets.UTF_8);
            assertThat(actual)
                    .as("openapi/otklik-api.yaml is out of date: the code now produces %s. "
                            + "Regenerate it with: ./mvnw -B package -DskipTests -Popenapi", written)
                    .isEqualTo(expected);
        }
    }
}
