package org.otklik.common.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.RecordComponentInfo;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Marks as {@code required} what a response always carries: every component of a wire record that is only
 * ever answered (never part of a request) and that Jackson writes with its default inclusion, nulls
 * included. A record or component with {@code @JsonInclude} other than ALWAYS may leave members out and is
 * left as it is, and so is every schema that is not one record of ours (generic pages, enums, maps).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class RequiredResponsePropertiesFilter implements OASFilter {

    private static final String SCHEMA_REF_PREFIX = "#/components/schemas/";
    private static final String OUR_PACKAGE = "org.otklik.";
    private static final DotName JSON_INCLUDE = DotName.createSimple("com.fasterxml.jackson.annotation.JsonInclude");
    private static final DotName JSON_PROPERTY = DotName.createSimple("com.fasterxml.jackson.annotation.JsonProperty");
    private static final DotName RECORD = DotName.createSimple(Record.class);
    private static final DotName SCHEMA = DotName.createSimple(org.eclipse.microprofile.openapi.annotations.media.Schema.class);

    private final IndexView index;

    public RequiredResponsePropertiesFilter(IndexView index) {
        this.index = index;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null || openAPI.getPaths() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        List<Schema> answered = new ArrayList<>();
        List<Schema> requested = new ArrayList<>();
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                collectOperation(operation, answered, requested);
            }
            if (path.getParameters() != null) {
                path.getParameters().forEach(parameter -> collectParameter(parameter, requested));
            }
        }
        if (openAPI.getComponents().getResponses() != null) {
            openAPI.getComponents().getResponses().values().forEach(response -> collectResponse(response, answered));
        }
        Set<String> responseOnly = reachable(answered, schemas);
        responseOnly.removeAll(reachable(requested, schemas));

        Map<String, ClassInfo> records = recordsBySchemaName();
        for (String name : responseOnly) {
            ClassInfo record = records.get(name);
            Schema schema = schemas.get(name);
            if (record == null || schema.getProperties() == null || leavesMembersOut(record.declaredAnnotation(JSON_INCLUDE))) {
                continue;
            }
            for (RecordComponentInfo component : record.recordComponents()) {
                if (leavesMembersOut(componentAnnotation(record, component, JSON_INCLUDE))) {
                    continue;
                }
                String property = propertyName(record, component);
                if (schema.getProperties().containsKey(property)
                        && (schema.getRequired() == null || !schema.getRequired().contains(property))) {
                    schema.addRequired(property);
                }
            }
        }
    }

    private static void collectOperation(Operation operation, List<Schema> answered, List<Schema> requested) {
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(parameter -> collectParameter(parameter, requested));
        }
        if (operation.getRequestBody() != null) {
            collectContent(operation.getRequestBody().getContent(), requested);
        }
        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            operation.getResponses().getAPIResponses().values().forEach(response -> collectResponse(response, answered));
        }
    }

    private static void collectParameter(Parameter parameter, List<Schema> into) {
        if (parameter.getSchema() != null) {
            into.add(parameter.getSchema());
        }
        collectContent(parameter.getContent(), into);
    }

    private static void collectResponse(APIResponse response, List<Schema> into) {
        collectContent(response.getContent(), into);
        if (response.getHeaders() != null) {
            for (Header header : response.getHeaders().values()) {
                if (header.getSchema() != null) {
                    into.add(header.getSchema());
                }
            }
        }
    }

    private static void collectContent(Content content, List<Schema> into) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        for (MediaType media : content.getMediaTypes().values()) {
            if (media.getSchema() != null) {
                into.add(media.getSchema());
            }
        }
    }

    /** The names of the component schemas these schemas refer to, directly or through others. */
    private static Set<String> reachable(Collection<Schema> roots, Map<String, Schema> schemas) {
        Set<String> names = new HashSet<>();
        Deque<Schema> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (schema.getRef() != null && schema.getRef().startsWith(SCHEMA_REF_PREFIX)) {
                String name = schema.getRef().substring(SCHEMA_REF_PREFIX.length());
                if (names.add(name) && schemas.get(name) != null) {
                    pending.push(schemas.get(name));
                }
            }
            if (schema.getProperties() != null) {
                pending.addAll(schema.getProperties().values());
            }
            if (schema.getItems() != null) {
                pending.push(schema.getItems());
            }
            if (schema.getAdditionalPropertiesSchema() != null) {
                pending.push(schema.getAdditionalPropertiesSchema());
            }
            for (List<Schema> composed : List.of(nonNull(schema.getAllOf()), nonNull(schema.getAnyOf()), nonNull(schema.getOneOf()))) {
                pending.addAll(composed);
            }
        }
        return names;
    }

    private static List<Schema> nonNull(List<Schema> schemas) {
        return schemas == null ? List.of() : schemas;
    }

    /** Our records by the name SmallRye gives their schema; a name two records share is left out. */
    private Map<String, ClassInfo> recordsBySchemaName() {
        Map<String, ClassInfo> records = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (ClassInfo type : index.getKnownDirectSubclasses(RECORD)) {
            if (!type.name().toString().startsWith(OUR_PACKAGE)) {
                continue;
            }
            AnnotationInstance schema = type.declaredAnnotation(SCHEMA);
            AnnotationValue named = schema == null ? null : schema.value("name");
            String name = named == null || named.asString().isEmpty() ? type.simpleName() : named.asString();
            if (records.putIfAbsent(name, type) != null) {
                ambiguous.add(name);
            }
        }
        ambiguous.forEach(records::remove);
        return records;
    }

    private static AnnotationInstance componentAnnotation(ClassInfo record, RecordComponentInfo component, DotName annotation) {
        AnnotationInstance found = component.annotation(annotation);
        if (found == null && record.field(component.name()) != null) {
            found = record.field(component.name()).annotation(annotation);
        }
        if (found == null && record.method(component.name()) != null) {
            found = record.method(component.name()).annotation(annotation);
        }
        return found;
    }

    private static String propertyName(ClassInfo record, RecordComponentInfo component) {
        AnnotationInstance renamed = componentAnnotation(record, component, JSON_PROPERTY);
        AnnotationValue value = renamed == null ? null : renamed.value();
        return value == null || value.asString().isEmpty() ? component.name() : value.asString();
    }

    /** True for {@code @JsonInclude} of anything but ALWAYS (the default) or USE_DEFAULTS. */
    private static boolean leavesMembersOut(AnnotationInstance include) {
        if (include == null || include.value() == null) {
            return false;
        }
        String inclusion = include.value().asEnum();
        return !"ALWAYS".equals(inclusion) && !"USE_DEFAULTS".equals(inclusion);
    }
}
