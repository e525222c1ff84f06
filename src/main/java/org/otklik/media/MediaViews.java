package org.otklik.media;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The wire views of photos. */
public final class MediaViews {

    private MediaViews() {
    }

    @Schema(name = "UploadedMedia", description = "A clean copy of an upload: re-encoded as JPEG from the decoded pixels, "
            + "turned upright, at most 2,560 px on the long side, without any metadata. Attach it by its id to one message "
            + "or answer within 24 hours, or it is deleted.")
    public record Uploaded(
            @Schema(description = "The media id to attach") UUID id,
            @Schema(description = "What was uploaded, recognised by content", enumeration = { "JPEG", "PNG", "WEBP" },
                    examples = "JPEG") String sourceFormat,
            @Schema(description = "The stored copy's type", examples = "image/jpeg") String contentType,
            @Schema(examples = "2560", minimum = "1", maximum = "2560") int width,
            @Schema(examples = "1920", minimum = "1", maximum = "2560") int height,
            @Schema(description = "Size of the stored copy in bytes", examples = "412345") int bytes,
            @Schema(description = "Size of the thumbnail in bytes", examples = "31210") int thumbnailBytes,
            @Schema(description = "SHA-256 of the stored copy (hex), also its ETag", examples = "3f0a1c6e9b2d4f5a6c7e8d9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d",
                    minLength = 64, maxLength = 64) String sha256,
            @Schema(examples = "/api/v1/media/c5136cd8-c787-41d8-a076-5ecfa09fb238") String url,
            @Schema(examples = "/api/v1/media/c5136cd8-c787-41d8-a076-5ecfa09fb238/thumbnail") String thumbnailUrl,
            OffsetDateTime createdAt,
            @Schema(description = "Deleted after this unless a message or answer took it") OffsetDateTime attachBefore) {
    }

    @RegisterForReflection
    @Schema(name = "Photo", description = "A photo of a message or an answer; the urls need the caller's token, except for "
            + "publishable photos, which anyone may read")
    public record Photo(
            UUID id,
            @Schema(examples = "2560") int width,
            @Schema(examples = "1920") int height,
            @Schema(examples = "/api/v1/media/c5136cd8-c787-41d8-a076-5ecfa09fb238") String url,
            @Schema(examples = "/api/v1/media/c5136cd8-c787-41d8-a076-5ecfa09fb238/thumbnail") String thumbnailUrl,
            @Schema(description = "Staff marked it publishable: it appears in public views") boolean publishable) {
    }

    /** An incident's photos: the message's and the answer's. */
    public record IncidentPhotos(List<Photo> report, List<Photo> answer) {

        public static final IncidentPhotos NONE = new IncidentPhotos(List.of(), List.of());
    }

    /** The bytes of a stored copy or thumbnail, with what the HTTP answer needs. */
    public record Content(byte[] jpeg, String entityTag, boolean isPublic) {
    }

    /** Which stored file of a photo. */
    public enum Variant {
        IMAGE("image"),
        THUMBNAIL("thumbnail");

        private final String key;

        Variant(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    @Schema(name = "MediaUploadForm", description = "One file per request")
    public record UploadForm(
            @Schema(type = SchemaType.STRING, format = "binary", maxLength = 15728640, description = "The photo: JPEG, PNG or WebP, at most 15 MB "
                    + "(otklik.media.max-bytes) and 40 megapixels; the file name and declared type are ignored") String file) {
    }
}
