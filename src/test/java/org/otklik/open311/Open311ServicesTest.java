package org.otklik.open311;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.otklik.open311.Open311Checks.BASE;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class Open311ServicesTest {

    @Test
    void discoveryNamesTheSpecificationAndBothFormats() {
        Response json = Open311Checks.json(given().get(BASE + "discovery.json"), "discovery");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.jsonPath().getString("endpoints[0].specification")).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(json.jsonPath().getString("endpoints[0].url")).endsWith("/open311/v2");
        assertThat(json.jsonPath().getList("endpoints[0].formats")).containsExactly("application/json", "text/xml");

        Element xml = Open311Checks.xml(given().get(BASE + "discovery.xml"), "discovery", null);
        assertThat(Open311Checks.childNames(xml)).contains("changeset", "contact", "key_service", "endpoints");
        Element endpoints = Open311Checks.children(xml).stream().filter(e -> e.getTagName().equals("endpoints")).findFirst().orElseThrow();
        Element endpoint = Open311Checks.children(endpoints).get(0);
        assertThat(endpoint.getTagName()).isEqualTo("endpoint");
        assertThat(Open311Checks.childNames(endpoint)).contains("specification", "url", "changeset", "type", "formats");
    }

    @Test
    void servicesAreTheLeafTopicsWithTheirGroups() {
        Response json = Open311Checks.json(given().get(BASE + "services.json"), "services");
        List<Map<String, Object>> services = json.jsonPath().getList("$");
        assertThat(services).extracting(s -> s.get("service_code"))
                .contains("housing.heating", "roads.potholes", "covid", "other")
                .doesNotContain("housing", "roads");
        Map<String, Object> heating = services.stream().filter(s -> s.get("service_code").equals("housing.heating")).findFirst().orElseThrow();
        assertThat(heating).containsEntry("service_name", "Отопление").containsEntry("group", "ЖКХ")
                .containsEntry("type", "realtime").containsEntry("metadata", true);
        assertThat((String) heating.get("keywords")).isNotBlank();
        Map<String, Object> stops = services.stream().filter(s -> s.get("service_code").equals("transport.stops")).findFirst().orElseThrow();
        assertThat(stops).containsEntry("metadata", false);

        Element xml = Open311Checks.xml(given().get(BASE + "services.xml"), "services", "service");
        assertThat(Open311Checks.children(xml)).hasSize(services.size());
        Element first = Open311Checks.children(xml).get(0);
        assertThat(Open311Checks.childNames(first)).contains("service_code", "service_name", "metadata", "type", "group");
    }

    @Test
    void aServiceDefinitionListsItsAttributes() {
        Response json = Open311Checks.json(given().get(BASE + "services/housing.heating.json"), "service-definition");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.jsonPath().getString("service_code")).isEqualTo("housing.heating");
        assertThat(json.jsonPath().getList("attributes.code")).containsExactly("scope", "since");
        assertThat(json.jsonPath().getList("attributes[0].values.key")).containsExactly("flat", "building", "block");
        assertThat(json.jsonPath().getBoolean("attributes[0].required")).isTrue();

        Open311Checks.json(given().get(BASE + "services/roads.potholes.json"), "service-definition");
        Response none = Open311Checks.json(given().get(BASE + "services/transport.stops.json"), "service-definition");
        assertThat(none.jsonPath().getList("attributes")).isEmpty();

        Element xml = Open311Checks.xml(given().get(BASE + "services/housing.heating.xml"), "service_definition", null);
        assertThat(Open311Checks.childNames(xml)).containsExactly("service_code", "attributes");
        Element attributes = Open311Checks.children(xml).get(1);
        assertThat(Open311Checks.childNames(attributes)).containsOnly("attribute");
        Element scope = Open311Checks.children(attributes).get(0);
        assertThat(Open311Checks.childNames(scope)).contains("variable", "code", "datatype", "required", "order", "description", "values");
        Element values = Open311Checks.children(scope).stream().filter(e -> e.getTagName().equals("values")).findFirst().orElseThrow();
        assertThat(Open311Checks.childNames(values)).containsOnly("value");
        assertThat(Open311Checks.childNames(Open311Checks.children(values).get(0))).containsExactly("key", "name");
    }

    @Test
    void unknownServicesTopicsWithSubTopicsAndJurisdictionsAre404() {
        assertThat(Open311Checks.jsonErrors(given().get(BASE + "services/roads.nothing.json"), 404)).isNotEmpty();
        Open311Checks.jsonErrors(given().get(BASE + "services/housing.json"), 404);
        Open311Checks.xmlErrors(given().get(BASE + "services/roads.nothing.xml"), 404);
        assertThat(Open311Checks.jsonErrors(given().queryParam("jurisdiction_id", "moscow.ru").get(BASE + "services.json"), 404))
                .anySatisfy(d -> assertThat(d).contains("jurisdiction_id"));
        Open311Checks.json(given().queryParam("jurisdiction_id", "samara.ru").get(BASE + "services.json"), "services");
    }

    @Test
    void otherSuffixesAndUnknownResourcesAre404InTheOpen311Form() {
        for (String path : List.of("services.html", "services.csv", "discovery.yaml", "requests.txt", "requests/2611-000001.html",
                "tokens/abc.jsonp", "servicerequestupdates.rss", "services", "nothing.json", "services/housing.heating")) {
            Response response = given().get(BASE + path);
            assertThat(response.contentType()).as(path).doesNotContain("problem");
            Open311Checks.jsonErrors(response, 404);
        }
        Open311Checks.xmlErrors(given().get(BASE + "nothing.xml"), 404);
    }

    @Test
    void aMethodThatIsNotAllowedIs405InTheOpen311Form() {
        Open311Checks.jsonErrors(given().delete(BASE + "services.json"), 405);
        Open311Checks.xmlErrors(given().put(BASE + "requests.xml"), 405);
        Open311Checks.jsonErrors(given().contentType("application/x-www-form-urlencoded").formParam("a", "b")
                .post(BASE + "services.json"), 405);
    }

    @Test
    void anUnexpectedFailureIs500InTheOpen311FormWithoutInternals() {
        List<String> descriptions = Open311Checks.jsonErrors(given().get(BASE + "test-failure.json"), 500);
        assertThat(descriptions.get(0)).contains("Correlation id").doesNotContain("secret", "Exception", "+7");
        List<String> xml = Open311Checks.xmlErrors(given().get(BASE + "test-failure.xml"), 500);
        assertThat(xml.get(0)).doesNotContain("secret");
    }
}
