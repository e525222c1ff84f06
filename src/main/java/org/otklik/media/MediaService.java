package org.otklik.media;

import java.io.File;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.otklik.common.problem.Problem.FieldError;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;
import org.otklik.media.MediaViews.Content;
import org.otklik.media.MediaViews.IncidentPhotos;
import org.otklik.media.MediaViews.Photo;
import org.otklik.media.MediaViews.Uploaded;
import org.otklik.media.MediaViews.Variant;
import org.otklik.routing.WorkingCalendar;
import org.otklik.security.Caller;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Photos: uploads cleaned into stored copies, their attachment to one message or answer of the uploader, who
 * may read them, and the links given to other systems.
 */
@ApplicationScoped
public class MediaService {

    private static final Logger LOG = Logger.getLogger(MediaService.class);
    private static final String PATH = "/api/v1/media/";

    private final MediaRepository media;
    private final MediaStore store;
    private final DecodeSlots decodes;
    private final MediaAccessPolicy access;
    private final MediaConfig config;
    private final PhotoCleaner cleaner;
    private final SignedLinks links;
    private final WorkingCalendar calendar;
    private final Clock clock;

    public MediaService(MediaRepository media, MediaStore store, DecodeSlots decodes, MediaAccessPolicy access,
            MediaConfig config, WorkingCalendar calendar, Clock clock) {
        this.media = media;
        this.store = store;
        this.decodes = decodes;
        this.access = access;
        this.config = config;
        this.calendar = calendar;
        this.clock = clock;
        this.cleaner = new PhotoCleaner(new PhotoCleaner.Limits(config.maxPixels(), config.maxLongSide(),
                config.thumbnailLongSide(), config.jpegQuality()));
        this.links = new SignedLinks(config.linkSecret());
    }

    /** Cleans an uploaded file and keeps the clean copy and its thumbnail; nothing is kept of a refused file. */
    public Uni<Uploaded> upload(Caller caller, File file, long size) {
        if (size > config.maxBytes().asLongValue()) {
            return Uni.createFrom().failure(new ProblemException(MediaProblem.FILE_TOO_LARGE, "The file has " + size
                    + " bytes; at most " + config.maxBytes().asLongValue() + " are accepted."));
        }
        return decodes.run(() -> cleaner.clean(file)).chain(clean -> {
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            MediaRow row = new MediaRow(id, caller.subject(), clean.source().name(), clean.width(), clean.height(),
                    clean.image().length, clean.thumbnail().length, clean.sha256(), now, null, null, false);
            return store.put(key(id, Variant.IMAGE), clean.image())
                    .chain(() -> store.put(key(id, Variant.THUMBNAIL), clean.thumbnail()))
                    .chain(() -> media.insert(row))
                    .onFailure().call(failure -> store.delete(keys(List.of(id))).onFailure().recoverWithNull())
                    .map(ignored -> new Uploaded(id, row.sourceFormat(), "image/jpeg", row.width(), row.height(), row.bytes(),
                            row.thumbnailBytes(), row.sha256(), PATH + id, PATH + id + "/thumbnail",
                            OffsetDateTime.ofInstant(now, calendar.zone()),
                            OffsetDateTime.ofInstant(now.plus(config.unattachedTtl()), calendar.zone())));
        });
    }

    /**
     * A stored copy or thumbnail for whoever may see it: anyone when it is publishable or the link is validly
     * signed; the uploader; and whom the incident's owner allows. Everyone else learns nothing (404).
     */
    public Uni<Content> read(Optional<Caller> caller, UUID id, Variant variant, Long expires, String signature) {
        return media.findRow(id)
                .chain(found -> {
                    MediaRow row = found.orElseThrow(MediaService::notFound);
                    if (row.publishable() && row.incidentId() != null) {
                        return Uni.createFrom().item(new Readable(row, true));
                    }
                    if (links.valid(id, variant.key(), expires, signature, clock.instant())) {
                        return Uni.createFrom().item(new Readable(row, false));
                    }
                    if (caller.isEmpty()) {
                        throw notFound();
                    }
                    if (row.uploadedBy().equals(caller.get().subject())) {
                        return Uni.createFrom().item(new Readable(row, false));
                    }
                    if (row.incidentId() == null) {
                        throw notFound();
                    }
                    return access.maySee(caller.get(), row.incidentId(), row.role())
                            .map(allowed -> {
                                if (!allowed) {
                                    throw notFound();
                                }
                                return new Readable(row, false);
                            });
                })
                .chain(readable -> store.get(key(id, variant)).map(bytes -> new Content(bytes.orElseThrow(MediaService::notFound),
                        "\"" + readable.row().sha256() + (variant == Variant.THUMBNAIL ? "-t" : "") + "\"", readable.isPublic())));
    }

    private record Readable(MediaRow row, boolean isPublic) {
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("No photo with this id is visible to you.");
    }

    /**
     * Checks, before anything is written, that the caller uploaded each of {@code ids} and that no message or
     * answer took it yet: one field error per id that fails, under {@code pointer}/index.
     */
    public Uni<List<FieldError>> unattachable(SqlConnection transaction, Caller caller, List<UUID> ids, String pointer) {
        if (ids == null || ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        if (ids.size() > config.maxPerMessage()) {
            errors.add(FieldError.atPointer(pointer, "at most " + config.maxPerMessage() + " photos"));
            return Uni.createFrom().item(errors);
        }
        return media.attachableOf(transaction, caller.subject(), ids).map(attachable -> {
            var seen = new HashSet<UUID>();
            for (int i = 0; i < ids.size(); i++) {
                if (!seen.add(ids.get(i))) {
                    errors.add(FieldError.atPointer(pointer + "/" + i, "the same photo twice"));
                } else if (!attachable.contains(ids.get(i))) {
                    errors.add(FieldError.atPointer(pointer + "/" + i,
                            "no photo of yours with this id awaits a message (unknown, someone else's, expired or used)"));
                }
            }
            return errors;
        });
    }

    /** Attaches the caller's uploads to a new message, in the intake's pool transaction. */
    public Uni<Void> attachToMessage(SqlConnection transaction, Caller caller, List<UUID> ids, long incidentId) {
        if (ids == null || ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return media.attach(transaction, caller.subject(), ids, incidentId, MediaRow.REPORT, clock.instant())
                .invoke(count -> requireAll(count, ids)).replaceWithVoid();
    }

    /** Attaches the caller's uploads to an answer, in the workflow's pool transaction. */
    public Uni<Void> attachToAnswer(SqlConnection transaction, Caller caller, List<UUID> ids, long incidentId) {
        if (ids == null || ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return media.attach(transaction, caller.subject(), ids, incidentId, MediaRow.ANSWER, clock.instant())
                .invoke(count -> {
                    if (count != ids.size()) {
                        throw ProblemException.invalidField("/mediaIds",
                                "each photo must be one you uploaded and did not attach yet (unknown, someone else's, expired or used)");
                    }
                }).replaceWithVoid();
    }

    private static void requireAll(int attached, List<UUID> ids) {
        if (attached != ids.size()) {
            throw ProblemException.conflict("A photo was attached to another message meanwhile; each photo goes with one message.");
        }
    }

    /** Marks a photo of the incident publishable or not (the workflow's pool transaction); 404 when the incident has no such photo. */
    public Uni<Void> setPublishable(SqlConnection transaction, long incidentId, UUID id, boolean publishable) {
        return media.setPublishable(transaction, incidentId, id, publishable).invoke(changed -> {
            if (!changed) {
                throw ProblemException.notFound("The incident has no photo " + id + ".");
            }
        }).replaceWithVoid();
    }

    /** The incident reached a final state: the retention term of its photos starts (the workflow's pool transaction). */
    public Uni<Void> incidentFinished(SqlConnection transaction, long incidentId, Instant at) {
        return media.markFinished(transaction, incidentId, at);
    }

    public Uni<IncidentPhotos> photosOf(long incidentId) {
        return media.ofIncident(incidentId).map(rows -> new IncidentPhotos(
                rows.stream().filter(r -> MediaRow.REPORT.equals(r.role())).map(MediaService::photo).toList(),
                rows.stream().filter(r -> MediaRow.ANSWER.equals(r.role())).map(MediaService::photo).toList()));
    }

    /** The publishable photos of each incident, for public views. */
    public Uni<Map<Long, List<Photo>>> publishableOf(List<Long> incidentIds) {
        if (incidentIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return media.publishableOf(incidentIds).map(byIncident -> {
            Map<Long, List<Photo>> photos = new java.util.HashMap<>();
            byIncident.forEach((incident, rows) -> photos.put(incident, rows.stream().map(MediaService::photo).toList()));
            return photos;
        });
    }

    /** The absolute address of a photo, for systems that need one (Open311's media_url). */
    public String absoluteUrl(UUID id) {
        return config.publicUrl().replaceAll("/+$", "") + PATH + id;
    }

    /**
     * Links valid for {@code otklik.media.link-validity} to each photo, for delivery on a source channel:
     * presigned by the object store where it can, otherwise the service's own signed address.
     */
    public List<String> signedLinks(List<UUID> ids) {
        if (ids == null) {
            return List.of();
        }
        long expires = clock.instant().plus(config.linkValidity()).getEpochSecond();
        return ids.stream().map(id -> store.signedLink(key(id, Variant.IMAGE), config.linkValidity()).map(URI::toString)
                .orElseGet(() -> absoluteUrl(id) + "?expires=" + expires + "&signature="
                        + links.signature(id, Variant.IMAGE.key(), expires)))
                .toList();
    }

    /** Deletes photos and their stored files; returns how many rows went. */
    public Uni<Integer> delete(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return store.delete(keys(ids)).chain(() -> media.deleteByIds(ids))
                .invoke(count -> LOG.debugf("Deleted %d photos", count));
    }

    static Photo photo(MediaRow row) {
        return new Photo(row.id(), row.width(), row.height(), PATH + row.id(), PATH + row.id() + "/thumbnail", row.publishable());
    }

    private String key(UUID id, Variant variant) {
        String prefix = config.store() == MediaConfig.StoreKind.S3 ? config.s3().prefix() : "";
        return prefix + id + (variant == Variant.THUMBNAIL ? "-thumb" : "") + ".jpg";
    }

    private List<String> keys(List<UUID> ids) {
        List<String> keys = new ArrayList<>();
        for (UUID id : ids) {
            keys.add(key(id, Variant.IMAGE));
            keys.add(key(id, Variant.THUMBNAIL));
        }
        return keys;
    }

    static ProblemException badForm(String detail) {
        return new ProblemException(ProblemType.VALIDATION, detail, List.of(FieldError.atPointer("/file", detail)), Map.of());
    }
}
