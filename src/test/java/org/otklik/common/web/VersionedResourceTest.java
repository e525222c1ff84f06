package org.otklik.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;

import org.junit.jupiter.api.Test;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;
import org.otklik.incident.IncidentPhotoResource;
import org.otklik.incident.StaffIncidentResource;
import org.otklik.notice.NoticeAdminResource;

class VersionedResourceTest {

    @Test
    void theTagOfAVersionIsTheNumberInDoubleQuotes() {
        assertThat(VersionedResource.tag(3)).isEqualTo("\"3\"");
    }

    @Test
    void anIfMatchNamingTheCurrentTagWeakOrStrongAloneOrInAListLetsTheChangeGoAhead() {
        assertThat(VersionedResource.accepts("\"3\"", "\"3\"")).isTrue();
        assertThat(VersionedResource.accepts("W/\"3\"", "\"3\"")).isTrue();
        assertThat(VersionedResource.accepts("\"1\", \"3\"", "\"3\"")).isTrue();
        assertThat(VersionedResource.accepts("\"2\"", "\"3\"")).isFalse();
        assertThat(VersionedResource.accepts("3", "\"3\"")).isFalse();
    }

    @Test
    void aStaleIfMatchIsRefusedWith412AndAMissingOneIsNotCheckedForEitherResource() {
        for (VersionedResource resource : VersionedResource.values()) {
            assertThatThrownBy(() -> resource.check(4, "\"3\""))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.kind()).isEqualTo(ProblemType.PRECONDITION_FAILED));
            resource.check(4, "\"4\"");
            resource.check(4, null);
            resource.check(4, "*");
        }
    }

    @Test
    void incidentsRequireIfMatchFromClientsAndNoticesDoNot() {
        assertThat(VersionedResource.INCIDENT.requiresIfMatch()).isTrue();
        assertThat(VersionedResource.NOTICE.requiresIfMatch()).isFalse();
        for (String absent : new String[] { null, "", " ", "*" }) {
            assertThatThrownBy(() -> VersionedResource.INCIDENT.fromClient(absent))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.kind()).isEqualTo(ProblemType.PRECONDITION_REQUIRED));
            assertThat(VersionedResource.NOTICE.fromClient(absent)).isEqualTo(absent);
        }
        assertThat(VersionedResource.INCIDENT.fromClient("\"3\"")).isEqualTo("\"3\"");
    }

    /** The contract's If-Match parameters (from the annotations) are required exactly where the policy requires them. */
    @Test
    void theContractsIfMatchParametersFollowThePolicy() {
        Map<Class<?>, VersionedResource> resources = Map.of(StaffIncidentResource.class, VersionedResource.INCIDENT,
                IncidentPhotoResource.class, VersionedResource.INCIDENT, NoticeAdminResource.class, VersionedResource.NOTICE);
        int checked = 0;
        for (Map.Entry<Class<?>, VersionedResource> entry : resources.entrySet()) {
            for (Method method : entry.getKey().getDeclaredMethods()) {
                for (Parameter parameter : method.getParameters()) {
                    HeaderParam header = parameter.getAnnotation(HeaderParam.class);
                    if (header != null && header.value().equals(HttpHeaders.IF_MATCH)) {
                        assertThat(parameter.getAnnotation(org.eclipse.microprofile.openapi.annotations.parameters.Parameter.class).required())
                                .as("If-Match of %s.%s", entry.getKey().getSimpleName(), method.getName())
                                .isEqualTo(entry.getValue().requiresIfMatch());
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).as("staff actions (8), photo publication (1), notice changes (4)").isEqualTo(13);
    }
}
