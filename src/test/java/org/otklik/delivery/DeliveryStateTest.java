package org.otklik.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;

import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;

/**
 * Delivery states and destinations are named once, in {@link DeliveryState} and {@link DeliveryOutbox.Destination}
 * (plus MAIL); the contract's enumerations of the delivery log's filters (annotation constants) list the same.
 */
class DeliveryStateTest {

    @Test
    void theDeliveryLogsFiltersEnumerateTheStatesAndTheDestinations() throws ReflectiveOperationException {
        Method list = Arrays.stream(DeliveryAdminResource.class.getDeclaredMethods()).filter(m -> m.getName().equals("list"))
                .findFirst().orElseThrow();
        assertThat(enumerationOf(list, "state")).containsExactly(Arrays.stream(DeliveryState.values()).map(Enum::name).toArray(String[]::new));
        assertThat(enumerationOf(list, "channel")).containsExactlyElementsOf(DeliveryAdminService.DESTINATIONS);
        assertThat(DeliveryAdminService.DESTINATIONS).containsExactly("GOSUSLUGI", "SOCIAL", "WEBHOOK", "MAIL");
    }

    private static String[] enumerationOf(Method method, String query) {
        for (Parameter parameter : method.getParameters()) {
            QueryParam name = parameter.getAnnotation(QueryParam.class);
            if (name != null && name.value().equals(query)) {
                return parameter.getAnnotation(org.eclipse.microprofile.openapi.annotations.parameters.Parameter.class).schema().enumeration();
            }
        }
        throw new AssertionError("no query parameter " + query);
    }
}
