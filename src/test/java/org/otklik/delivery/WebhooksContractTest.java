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
        for (String item : List.of("IncidentWebhook", "NoticeWebhook")) {
            List<String> parameters = contract.getList("components.pathItems." + item + ".post.parameters.$ref", String.class);
            assertThat(parameters).as(item).containsExactly("#/components/parameters/WebhookId",
                    "#/components/parameters/WebhookTimestamp", "#/components/parameters/WebhookSignature");
        }
        assertThat(List.of("WebhookId", "WebhookTimestamp", "WebhookSignature"))
                .extracting(name -> contract.getString("components.parameters." + name + ".name"))
                .containsExactly("webhook-id", "webhook-timestamp", "webhook-signature");
    }
}
