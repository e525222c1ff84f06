package org.otklik.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

/** Each staff action's endpoint allows exactly the roles {@link IncidentAction} gives the action. */
class IncidentActionRolesTest {

    @Test
    void eachActionEndpointAllowsTheRolesOfItsAction() {
        Map<String, Set<String>> endpointRoles = new HashMap<>();
        for (Method method : StaffIncidentResource.class.getDeclaredMethods()) {
            Path path = method.getAnnotation(Path.class);
            if (path != null && path.value().startsWith("/{number}/")) {
                endpointRoles.put(path.value().substring("/{number}/".length()), rolesOf(method, StaffIncidentResource.class));
            }
        }
        for (Method method : IncidentPhotoResource.class.getDeclaredMethods()) {
            if (method.isAnnotationPresent(jakarta.ws.rs.POST.class)) {
                endpointRoles.put("photos", rolesOf(method, IncidentPhotoResource.class));
            }
        }
        endpointRoles.remove("deliveries");
        assertThat(endpointRoles.keySet()).as("an action for every action endpoint")
                .containsExactlyInAnyOrder(java.util.Arrays.stream(IncidentAction.values()).map(IncidentAction::path).toArray(String[]::new));
        for (IncidentAction action : IncidentAction.values()) {
            assertThat(endpointRoles).as("the endpoint of %s", action).containsKey(action.path());
            assertThat(endpointRoles.get(action.path())).as("@RolesAllowed of %s", action).isEqualTo(action.roles());
        }
    }

    private static Set<String> rolesOf(Method method, Class<?> resource) {
        RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                : resource.getAnnotation(RolesAllowed.class);
        return Set.of(roles.value());
    }
}
