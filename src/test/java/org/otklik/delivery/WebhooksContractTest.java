package org.otklik.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The contract's webhooks are exactly the event types the service emits and a subscription may name: the
 * notice events of delivery and the types every {@link DeliveredEvents} bean declares.
 */
@QuarkusTest
class WebhooksContractTest {

    @Inject
    Instance<DeliveredEvents> emitters;

    private Set<String> knownTypes() {
        Set<String> types = new TreeSet<>(DeliveryEvent.NOTICE_TYPES);
        emitters.forEach(emitter -> types.addAll(emitter.types()));
        return types;
    }

    private static JsonPath contract() {
        return given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void webhooksListExactlyTheEventTypesOfTheService() {
        JsonPath contract = contract();
        Set<String> known = knownTypes();
        assertThat(known).isNotEmpty();

        assertThat(contract.getMap("webhooks").keySet()).as("webhooks").containsExactlyInAnyOrderElementsOf(known);
        assertThat(contract.getList("components.schemas.WebhookEventType.enum", String.class))
                .as("WebhookEventType, the events a subscription names").containsExactlyInAnyOrderElementsOf(known);

        List<String> incident = contract.getList("components.schemas.IncidentWebhookPayload.properties.type.enum", String.class);
        List<String> notice = contract.getList("components.schemas.NoticeWebhookPayload.properties.type.enum", String.class);
        assertThat(notice).containsExactlyInAnyOrderElementsOf(DeliveryEvent.NOTICE_TYPES);
        assertThat(incident).containsExactlyInAnyOrderElementsOf(
                known.stream().filter(type -> !DeliveryEvent.NOTICE_TYPES.contains(type)).toList());
    }

    @Test
    void eachWebhookCarriesTheSignatureHeaders() {
        JsonPath contract = contract();
        // inline, not $ref: openapi-generator's validator does not resolve $ref parameters in components.pathItems
        List<Object> incident = contract.getList("components.pathItems.IncidentWebhook.post.parameters");
        List<Object> notice = contract.getList("components.pathItems.NoticeWebhook.post.parameters");
        assertThat(notice).isEqualTo(incident);
        for (String item : List.of("IncidentWebhook", "NoticeWebhook")) {
            String at = "components.pathItems." + item + ".post.parameters";
            assertThat(contract.getList(at + ".name", String.class)).as(item)
                    .containsExactly("webhook-id", "webhook-timestamp", "webhook-signature");
            assertThat(contract.getList(at + ".in", String.class)).as(item).containsOnly("header");
            assertThat(contract.getList(at + ".$ref")).as(item).allMatch(ref -> ref == null);
        }
    }
}
