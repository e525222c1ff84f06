package org.otklik.media;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.otklik.common.problem.Problem;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.media.MediaViews.Uploaded;
import org.otklik.media.MediaViews.Variant;
import org.otklik.security.CurrentCaller;
import org.otklik.security.Roles;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/media")
@Tag(name = "Photos")
public class MediaResource {

    private static final String JPEG = "image/jpeg";
    private static final String ID_EXAMPLE = "c5136cd8-c787-41d8-a076-5ecfa09fb238";

    private final MediaService media;
    private final CurrentCaller caller;

    public MediaResource(MediaService media, CurrentCaller caller) {
        this.media = media;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CITIZEN, Roles.OPERATOR, Roles.EXECUTOR, Roles.INTEGRATION })
    @RateLimited(RateLimitGroup.UPLOADS)
    @Operation(operationId = "uploadMedia", summary = "Upload a photo",
            description = "One file per request (multipart/form-data, any field name). The format is recognised from the "
                    + "content: JPEG, PNG or WebP; HEIC/HEIF is refused with 415 (no maintained Java decoder exists; phones "
                    + "and the widget send JPEG). At most 15 MB (otklik.media.max-bytes) and 40 megapixels, checked from "
                    + "the header before anything is decoded. The original is never stored: the clean copy is re-encoded "
                    + "from the decoded pixels, turned upright by its EXIF orientation, at most 2,560 px on the long side, "
                    + "with a 480 px thumbnail, and carries no EXIF, GPS, XMP, ICC profile, comment or trailing bytes. "
                    + "Attach the id to one message (mediaIds of a feedback, a social comment) or answer within 24 hours.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = MediaViews.UploadForm.class)))
    @APIResponse(responseCode = "201", description = "Stored as a clean copy",
            headers = @Header(name = "Location", description = "The stored copy", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Uploaded.class),
                    examples = @ExampleObject(name = "uploaded", value = """
                            {"id":"c5136cd8-c787-41d8-a076-5ecfa09fb238","sourceFormat":"JPEG","contentType":"image/jpeg",\
                            "width":2560,"height":1920,"bytes":412345,"thumbnailBytes":31210,\
                            "sha256":"3f0a1c6e9b2d4f5a6c7e8d9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d",\
                            "url":"/api/v1/media/c5136cd8-c787-41d8-a076-5ecfa09fb238",\
                            "thumbnailUrl":"/api/v1/media/c5136cd8-c787-41d8-a076-5ecfa09fb238/thumbnail",\
                            "createdAt":"2026-11-27T20:15:03+04:00","attachBefore":"2026-11-28T20:15:03+04:00"}""")))
    @APIResponse(responseCode = "400", description = "No file, several files, or image data that cannot be decoded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "413", description = "More bytes than otklik.media.max-bytes, or more than 40 megapixels",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "415", description = "Not a JPEG, PNG or WebP image by its content (HEIC/HEIF named as such)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "503", description = "All decode slots of the instance stayed busy; try again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Uni<Response> upload(@RestForm(FileUpload.ALL) List<FileUpload> files) {
        if (files == null || files.isEmpty()) {
            throw MediaService.badForm("send one file in a multipart/form-data body");
        }
        if (files.size() > 1) {
            throw MediaService.badForm("one file per request; " + files.size() + " were sent");
        }
        FileUpload file = files.get(0);
        return media.upload(caller.get(), file.uploadedFile().toFile(), file.size())
                .map(uploaded -> Response.status(201).entity(uploaded).header("Location", uploaded.url()).build());
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Produces({ JPEG, MediaType.APPLICATION_JSON })
    @RateLimited(RateLimitGroup.LOOKUPS)
    @Operation(operationId = "getMedia", summary = "A photo (the clean copy)",
            description = "For the uploader, the incident's author, staff who may see the incident and the client of its "
                    + "channel (an \"after\" photo also for authors of incidents merged into it); for anyone when staff marked "
                    + "it publishable, or with a signed link (expires + signature) delivered on the source channel. Anyone "
                    + "else gets 404. ETag and If-None-Match; Cache-Control private (public for publishable photos).")
    @APIResponse(responseCode = "200", description = "The JPEG",
            headers = { @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = JPEG, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = "The client's copy is current")
    @APIResponse(responseCode = "404", description = "No such photo, or not visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Uni<Response> image(@Parameter(example = ID_EXAMPLE, schema = @Schema(implementation = UUID.class)) @PathParam("id") String id,
            @BeanParam SignedLinkParameters link,
            @Context Request request) {
        return read(id, Variant.IMAGE, link, request);
    }

    @GET
    @Path("/{id}/thumbnail")
    @PermitAll
    @Produces({ JPEG, MediaType.APPLICATION_JSON })
    @RateLimited(RateLimitGroup.LOOKUPS)
    @Operation(operationId = "getMediaThumbnail", summary = "A photo's 480 px thumbnail",
            description = "Visible to the same callers as the photo itself.")
    @APIResponse(responseCode = "200", description = "The JPEG thumbnail",
            headers = { @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = JPEG, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = "The client's copy is current")
    @APIResponse(responseCode = "404", description = "No such photo, or not visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Uni<Response> thumbnail(@Parameter(example = ID_EXAMPLE, schema = @Schema(implementation = UUID.class)) @PathParam("id") String id,
            @BeanParam SignedLinkParameters link,
            @Context Request request) {
        return read(id, Variant.THUMBNAIL, link, request);
    }

    private Uni<Response> read(String id, Variant variant, SignedLinkParameters link, Request request) {
        UUID mediaId = parse(id);
        return caller.optional()
                .chain(current -> media.read(current, mediaId, variant, link.expires(), link.signature()))
                .map(content -> {
                    EntityTag tag = EntityTag.valueOf(content.entityTag());
                    String cache = (content.isPublic() ? "public" : "private") + ", max-age=300";
                    Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
                    Response.ResponseBuilder answer = notModified != null ? notModified
                            : Response.ok(content.jpeg(), JPEG).header("X-Content-Type-Options", "nosniff")
                                    .header("Content-Disposition", "inline");
                    return answer.tag(tag).header("Cache-Control", cache).build();
                });
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No photo with this id is visible to you.");
        }
    }
}
