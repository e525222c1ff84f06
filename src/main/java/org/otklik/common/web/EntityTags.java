package org.otklik.common.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.otklik.common.problem.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Strong ETags over a view's JSON form, and the 304 answer when the client's copy is current. */
@ApplicationScoped
public class EntityTags {

    private final ObjectMapper objectMapper;

    public EntityTags(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** What the contract allows in {@code If-None-Match}: {@code *} or a list of entity tags, at most 200 characters. */
    public static final int IF_NONE_MATCH_MAX_LENGTH = 200;
    public static final String IF_NONE_MATCH_PATTERN = "^(\\*|(W/)?\".*\")";
    private static final Pattern IF_NONE_MATCH = Pattern.compile(IF_NONE_MATCH_PATTERN);

    /** Refuses an {@code If-None-Match} the contract calls invalid (400), rather than answering as if it were absent. */
    public static void requireWellFormedIfNoneMatch(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return;
        }
        if (ifNoneMatch.length() > IF_NONE_MATCH_MAX_LENGTH || !IF_NONE_MATCH.matcher(ifNoneMatch).lookingAt()) {
            throw ProblemException.badParameter("If-None-Match",
                    "If-None-Match must be * or entity tags in double quotes, at most 200 characters.");
        }
    }

    public EntityTag of(Object view) {
        return serialize(view).tag();
    }

    /** The view's JSON bytes and their entity tag, for a view that is served unchanged many times. */
    public SerializedView serialize(Object view) {
        try {
            byte[] json = objectMapper.writeValueAsBytes(view);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return new SerializedView(json, new EntityTag(HexFormat.of().formatHex(digest, 0, 16)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot compute an entity tag", e);
        }
    }

    /** 304 when {@code If-None-Match} matches, otherwise 200 with the view; both carry the ETag. */
    public Response conditional(Request request, Object view) {
        return conditional(request, serialize(view));
    }

    /** The same for bytes serialised earlier: nothing is written to JSON or hashed per request. */
    public Response conditional(Request request, SerializedView view) {
        return conditional(request, view, MediaType.APPLICATION_JSON_TYPE);
    }

    /** The same with another JSON media type (GeoJSON). */
    public Response conditional(Request request, SerializedView view, MediaType mediaType) {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setMaxAge(60);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(view.tag());
        if (notModified != null) {
            return notModified.tag(view.tag()).cacheControl(cacheControl).build();
        }
        return Response.ok(view.json(), mediaType).tag(view.tag()).cacheControl(cacheControl).build();
    }
}
