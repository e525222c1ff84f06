package org.otklik.open311;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.open311.Open311Repository.AttributeRow;
import org.otklik.open311.Open311Views.Attribute;
import org.otklik.open311.Open311Views.AttributeValue;
import org.otklik.routing.Category;
import org.otklik.routing.ReferenceCatalog;
import org.otklik.routing.ReferenceSnapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/** Open311 services: the leaf topics, with the extra attributes some of them ask for. */
@ApplicationScoped
public class ServiceCatalog {

    private static final TypeReference<List<AttributeValue>> VALUES = new TypeReference<>() {
    };
    private static final int MAX_STRING = 255;
    private static final int MAX_TEXT = 2000;

    private final ReferenceCatalog reference;
    private final Open311Repository repository;
    private final ObjectMapper objectMapper;

    public ServiceCatalog(ReferenceCatalog reference, Open311Repository repository, ObjectMapper objectMapper) {
        this.reference = reference;
        this.repository = repository;
        this.objectMapper = objectMapper;
    }

    /** The reference data and every category's attributes, read together. */
    public record Snapshot(ReferenceSnapshot reference, Map<String, List<Attribute>> attributes) {

        public List<Attribute> attributesOf(String categoryCode) {
            return attributes.getOrDefault(categoryCode, List.of());
        }

        public Optional<Category> service(String code) {
            return reference.category(code).filter(category -> reference.isLeaf(category.code));
        }
    }

    public Uni<Snapshot> current() {
        return reference.current().chain(snapshot -> repository.attributes().map(rows -> new Snapshot(snapshot,
                rows.stream().collect(Collectors.groupingBy(AttributeRow::categoryCode, LinkedHashMap::new,
                        Collectors.mapping(this::attribute, Collectors.toList()))))));
    }

    public List<Open311Views.Service> services(Snapshot snapshot) {
        return snapshot.reference().categories().stream()
                .filter(category -> snapshot.reference().isLeaf(category.code))
                .map(category -> service(snapshot, category))
                .toList();
    }

    private Open311Views.Service service(Snapshot snapshot, Category category) {
        String group = category.parentCode == null ? category.nameRu
                : snapshot.reference().category(category.parentCode).map(parent -> parent.nameRu).orElse(null);
        String keywords = category.keywordsRu == null || category.keywordsRu.length == 0 ? null
                : String.join(", ", category.keywordsRu);
        return new Open311Views.Service(category.code, category.nameRu, category.nameEn,
                !snapshot.attributesOf(category.code).isEmpty(), "realtime", keywords, group);
    }

    private Attribute attribute(AttributeRow row) {
        List<AttributeValue> values;
        try {
            values = objectMapper.readValue(row.allowedValuesJson(), VALUES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("category_attribute.allowed_values of " + row.categoryCode() + "/" + row.code(), e);
        }
        return new Attribute(true, row.code(), row.datatype(), row.required(), row.datatypeDescription(), row.order(),
                row.description(), values.isEmpty() ? null : values);
    }

    /**
     * Checks {@code attribute[code]} answers against the service definition and returns them by code
     * (a multi-value list as a list), in the definition's order.
     *
     * @param answers code → the values sent for it
     */
    public Map<String, Object> validate(List<Attribute> definition, Map<String, List<String>> answers) {
        Map<String, Attribute> byCode = new LinkedHashMap<>();
        definition.forEach(attribute -> byCode.put(attribute.code(), attribute));
        List<String> unknown = answers.keySet().stream().filter(code -> !byCode.containsKey(code)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.badParameter("attribute[" + unknown.get(0) + "]",
                    definition.isEmpty() ? "this service takes no attributes"
                            : "not an attribute of this service; it has " + String.join(", ", byCode.keySet()));
        }
        Map<String, Object> valid = new LinkedHashMap<>();
        for (Attribute attribute : definition) {
            String name = "attribute[" + attribute.code() + "]";
            List<String> sent = answers.getOrDefault(attribute.code(), List.of()).stream()
                    .map(String::strip).filter(value -> !value.isEmpty()).toList();
            if (sent.isEmpty()) {
                if (attribute.required()) {
                    throw ProblemException.badParameter(name, "is required: " + attribute.description());
                }
                continue;
            }
            if (!attribute.datatype().equals("multivaluelist") && sent.size() > 1) {
                throw ProblemException.badParameter(name, "takes one value");
            }
            String value = sent.get(0);
            switch (attribute.datatype()) {
                case "singlevaluelist" -> valid.put(attribute.code(), listValue(attribute, name, value));
                case "multivaluelist" -> {
                    List<String> keys = new ArrayList<>();
                    for (String each : sent) {
                        keys.add(listValue(attribute, name, each));
                    }
                    valid.put(attribute.code(), keys.stream().distinct().toList());
                }
                case "number" -> {
                    try {
                        valid.put(attribute.code(), new BigDecimal(value).toPlainString());
                    } catch (NumberFormatException e) {
                        throw ProblemException.badParameter(name, "must be a number");
                    }
                }
                case "datetime" -> {
                    try {
                        valid.put(attribute.code(), java.time.OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
                    } catch (DateTimeParseException e) {
                        throw ProblemException.badParameter(name, "must be a time like 2026-11-28T08:00:00+04:00");
                    }
                }
                case "text" -> valid.put(attribute.code(), bounded(name, value, MAX_TEXT));
                default -> valid.put(attribute.code(), bounded(name, value, MAX_STRING));
            }
        }
        return valid;
    }

    private static String listValue(Attribute attribute, String name, String value) {
        if (attribute.values().stream().noneMatch(allowed -> allowed.key().equals(value))) {
            throw ProblemException.badParameter(name, "must be one of "
                    + attribute.values().stream().map(AttributeValue::key).collect(Collectors.joining(", ")));
        }
        return value;
    }

    private static String bounded(String name, String value, int max) {
        if (value.length() > max) {
            throw ProblemException.badParameter(name, "must be at most " + max + " characters");
        }
        return value;
    }

    /** The answers as lines staff can read: "Где нет отопления: Во всём доме". */
    public static List<String> describe(List<Attribute> definition, Map<String, Object> answers) {
        List<String> lines = new ArrayList<>();
        for (Attribute attribute : definition) {
            Object answer = answers.get(attribute.code());
            if (answer == null) {
                continue;
            }
            List<String> values = answer instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                    : List.of(String.valueOf(answer));
            String shown = values.stream().map(value -> attribute.values() == null ? value
                    : attribute.values().stream().filter(v -> v.key().equals(value)).map(AttributeValue::name).findFirst()
                            .orElse(value))
                    .collect(Collectors.joining(", "));
            lines.add(attribute.description() + ": " + shown);
        }
        return lines;
    }
}
