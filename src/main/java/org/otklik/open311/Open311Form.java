package org.otklik.open311;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;
import org.otklik.common.problem.ProblemException;

/**
 * The text fields of an Open311 POST, read at the HTTP edge (files are refused: media come as media_url), with
 * {@code api_key} from the query when the form has none. Each field is read as its first non-blank value,
 * stripped; a value over the contract's maxLength is a 400 naming the field.
 */
public final class Open311Form {

    private final Map<String, List<String>> fields;

    Open311Form(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    static Open311Form of(MultipartFormDataInput input, String queryKey) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (input != null) {
            for (Map.Entry<String, Collection<FormValue>> field : input.getValues().entrySet()) {
                List<String> values = new ArrayList<>();
                for (FormValue value : field.getValue()) {
                    if (value.isFileItem()) {
                        throw ProblemException.badParameter(field.getKey(), "files are not taken; send media_url links");
                    }
                    values.add(value.getValue());
                }
                fields.put(field.getKey(), values);
            }
        }
        Open311Form form = new Open311Form(fields);
        if (queryKey != null && form.first("api_key") == null) {
            fields.put("api_key", List.of(queryKey));
        }
        return form;
    }

    /** Every field as sent, for the ones named by a pattern (attribute[code]). */
    Map<String, List<String>> fields() {
        return fields;
    }

    List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }

    String first(String name) {
        List<String> values = fields.get(name);
        if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0).strip();
    }

    String bounded(String name, int max) {
        String value = first(name);
        if (value != null && value.length() > max) {
            throw ProblemException.badParameter(name, "must be at most " + max + " characters");
        }
        return value;
    }

    String required(String name, int max) {
        String value = bounded(name, max);
        if (value == null) {
            throw ProblemException.badParameter(name, "is required");
        }
        return value;
    }

    /** A back office's update (mySociety): what it reports about which request. */
    record PostedUpdate(String number, String updateId, String status, Instant updatedAt, String description) {
    }

    PostedUpdate update() {
        String number = required("service_request_id", 20);
        String updateId = required("update_id", 200);
        String status = required("status", 40).toUpperCase(Locale.ROOT);
        if (!StatusMapping.POSTABLE.contains(status)) {
            throw ProblemException.badParameter("status", "must be one of "
                    + StatusMapping.POSTABLE.stream().sorted().collect(Collectors.joining(", ")));
        }
        Instant updatedAt = Open311Times.parse("updated_datetime", required("updated_datetime", 40));
        return new PostedUpdate(number, updateId, status, updatedAt, bounded("description", 4000));
    }
}
