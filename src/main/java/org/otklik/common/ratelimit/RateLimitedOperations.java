package org.otklik.common.ratelimit;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

/**
 * Which documented operation is in which rate-limit group, read from the build's index the way
 * {@link RateLimitFilter} reads it at run time: a method's {@link RateLimited} wins over its class's.
 */
public final class RateLimitedOperations {

    private static final DotName OPERATION = DotName.createSimple(Operation.class);
    private static final DotName RATE_LIMITED = DotName.createSimple(RateLimited.class);

    private RateLimitedOperations() {
    }

    /** Operation id to the group's key ({@link RateLimitGroup#key()}), for every limited operation with an id. */
    public static Map<String, String> groupsByOperationId(IndexView index) {
        Map<String, String> groups = new HashMap<>();
        for (AnnotationInstance operation : index.getAnnotations(OPERATION)) {
            AnnotationValue id = operation.value("operationId");
            if (id == null || operation.target().kind() != AnnotationTarget.Kind.METHOD) {
                continue;
            }
            MethodInfo method = operation.target().asMethod();
            AnnotationInstance limited = method.declaredAnnotation(RATE_LIMITED);
            if (limited == null) {
                limited = method.declaringClass().declaredAnnotation(RATE_LIMITED);
            }
            if (limited != null) {
                groups.put(id.asString(), RateLimitGroup.valueOf(limited.value().asEnum()).key());
            }
        }
        return groups;
    }
}
