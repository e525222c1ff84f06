package org.otklik.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

    /** A SQL string literal that names an enum constant: {@code 'PENDING'}, {@code 'MAIL'}. */
    private static final Pattern CONSTANT_LITERAL = Pattern.compile("'([A-Z][A-Z_]+)'");

    @Test
    void theDeliverySqlNamesOnlyDeliveryStatesAndDestinations() throws IOException {
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/otklik/delivery"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Repository.java")).toList()) {
                Matcher literals = CONSTANT_LITERAL.matcher(Files.readString(file));
                while (literals.find()) {
                    named.add(literals.group(1));
                }
            }
        }
        Set<String> known = new TreeSet<>(DeliveryAdminService.DESTINATIONS);
        Arrays.stream(DeliveryState.values()).map(Enum::name).forEach(known::add);
        assertThat(named).as("constants named in delivery's SQL").contains("PENDING", "DEAD", "CANCELLED", "MAIL")
                .isSubsetOf(known);
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
