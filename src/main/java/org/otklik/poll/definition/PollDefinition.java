package org.otklik.poll.definition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.otklik.common.LocalizedText;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Everything that a vote is cast against. Its canonical JSON (members sorted by name, no whitespace,
 * absent values left out, UTF-8) is stored and hashed; opening and closing times are not part of it,
 * so that extending a poll does not change its hash.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PollDefinition(
        LocalizedText title,
        LocalizedText description,
        Eligibility eligibility,
        ResultsPolicy resultsPolicy,
        boolean secret,
        boolean allowRevote,
        List<Question> questions) {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    public Optional<Question> question(String id) {
        return questions.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    public String canonicalJson() {
        try {
            return CANONICAL.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a poll definition", e);
        }
    }

    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PollDefinition fromCanonicalJson(String json) {
        try {
            return CANONICAL.readValue(json, PollDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored poll definition cannot be read", e);
        }
    }
}
