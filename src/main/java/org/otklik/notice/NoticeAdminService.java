package org.otklik.notice;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;
import org.otklik.common.web.KeysetCursor;
import org.otklik.common.web.Page;
import org.otklik.common.web.VersionedResource;
import org.otklik.delivery.DeliveryEvent;
import org.otklik.delivery.DeliveryOutbox;
import org.otklik.delivery.NoticeDeliveryEvent;
import org.otklik.notice.NoticeViews.AdminNotice;
import org.otklik.notice.NoticeViews.AdminPage;
import org.otklik.notice.NoticeViews.Linked;
import org.otklik.notice.NoticeViews.LinkedIncident;
import org.otklik.notice.NoticeViews.Version;
import org.otklik.routing.ReferenceCatalog;
import org.otklik.routing.ReferenceSnapshot;
import org.otklik.routing.RoutingService;
import org.otklik.security.Caller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Notices and their lifecycle, DRAFT → PUBLISHED → ENDED or CANCELLED. Each change locks the row, so of two
 * editors the second sees the first one's result (its If-Match is then stale: 412). An edit after publication
 * keeps the earlier content as a version. A change runs in a pool transaction, so that publishing, editing a
 * published notice and ending it write the outbox rows and the followers' mails in the same transaction.
 */
@ApplicationScoped
public class NoticeAdminService {

    static final int LINKED_SHOWN = 100;

    private final NoticeRepository notices;
    private final NoticeMapper mapper;
    private final ReferenceCatalog referenceCatalog;
    private final DeliveryOutbox outbox;
    private final NoticeFollowers followers;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final RoutingService routing;
    private final Pool pool;

    public NoticeAdminService(NoticeRepository notices, NoticeMapper mapper, ReferenceCatalog referenceCatalog,
            DeliveryOutbox outbox, NoticeFollowers followers, ObjectMapper objectMapper, Clock clock, RoutingService routing,
            Pool pool) {
        this.routing = routing;
        this.pool = pool;
        this.notices = notices;
        this.mapper = mapper;
        this.referenceCatalog = referenceCatalog;
        this.outbox = outbox;
        this.followers = followers;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    @WithSession
    public Uni<AdminPage> list(Caller caller, Optional<NoticeStatus> status, Optional<KeysetCursor> after, int limit) {
        Optional<String> confined = NoticeAccess.confinedOrganization(caller);
        return notices.adminPage(confined, status, after, limit).map(found -> {
            Page<NoticeViews.AdminSummary> page = Page.of(found, limit, last -> KeysetCursor.after(last.createdAt, last.id),
                    mapper::summary);
            return new AdminPage(page.items(), page.nextCursor());
        });
    }

    /** A new notice that passed the checks, with the organisation it belongs to. */
    public record NewNotice(Caller caller, NoticeRequest request, String organization) {
    }

    /** The checks before anything is written (and before an Idempotency-Key is looked up). */
    public Uni<NewNotice> admit(Caller caller, NoticeRequest request) {
        Optional<String> confined = NoticeAccess.confinedOrganization(caller);
        return Uni.createFrom().item(() -> organizationOf(request, confined))
                .chain(organization -> referenceCatalog.current()
                        .invoke(reference -> {
                            NoticeValidator.validate(request, organization, reference);
                            NoticeScope.check(confined, request.categoryCode(), request.districtCodes(), reference, routing);
                        })
                        .map(reference -> new NewNotice(caller, request, organization)));
    }

    /** In the creation's pool transaction (with its Idempotency-Key); a new draft has no versions and no links yet. */
    public Uni<AdminNotice> create(SqlConnection transaction, NewNotice admitted) {
        Instant now = clock.instant();
        Notice notice = new Notice();
        notice.status = NoticeStatus.DRAFT;
        notice.version = 1;
        notice.createdAt = now;
        notice.createdBy = admitted.caller().subject();
        notice.updatedAt = now;
        apply(notice, admitted.request(), admitted.organization());
        return notices.insert(transaction, notice)
                .map(inserted -> mapper.admin(notice, List.of(), new Linked(0, 0, List.of())));
    }

    @WithSession
    public Uni<AdminNotice> get(Caller caller, long id) {
        return notices.findById(id)
                .map(notice -> NoticeAccess.visible(caller, notice, id))
                .chain(notice -> detailOf(caller, notice));
    }

    public Uni<AdminNotice> update(Caller caller, long id, String ifMatch, NoticeRequest request) {
        Optional<String> confined = NoticeAccess.confinedOrganization(caller);
        return reference()
                .chain(reference -> change(caller, id, ifMatch, (transaction, notice, now) -> {
                    String organization = organizationOf(request, confined);
                    NoticeValidator.validate(request, organization, reference);
                    NoticeScope.check(confined, request.categoryCode(), request.districtCodes(), reference, routing);
                    if (notice.status != NoticeStatus.DRAFT && notice.status != NoticeStatus.PUBLISHED) {
                        throw ProblemException.conflict("An " + notice.status + " notice cannot be edited.");
                    }
                    if (notice.status == NoticeStatus.DRAFT) {
                        apply(notice, request, organization);
                        return Uni.createFrom().voidItem();
                    }
                    Instant validFrom = notice.contentUpdatedAt != null ? notice.contentUpdatedAt : notice.publishedAt;
                    String earlier = json(mapper.content(notice));
                    return notices.saveVersion(transaction, notice, earlier, validFrom, now, caller.subject()).invoke(() -> {
                        apply(notice, request, organization);
                        notice.version++;
                        notice.contentUpdatedAt = now;
                    }).chain(() -> emit(transaction, notice, DeliveryEvent.NOTICE_UPDATED, reference, now));
                }));
    }

    public Uni<AdminNotice> publish(Caller caller, long id, String ifMatch) {
        return reference().chain(reference -> change(caller, id, ifMatch, (transaction, notice, now) -> {
            if (notice.status != NoticeStatus.DRAFT) {
                throw ProblemException.conflict("Only a draft can be published; this notice is " + notice.status + ".");
            }
            NoticeScope.check(NoticeAccess.confinedOrganization(caller), notice.categoryCode, List.of(notice.districtCodes),
                    reference, routing);
            if (!notice.endsAt.isAfter(now)) {
                throw ProblemException.conflict("The notice's end has passed; set a later endsAt before publishing.");
            }
            notice.status = NoticeStatus.PUBLISHED;
            notice.publishedAt = now;
            // the link reads only the notice's place and start, which publishing does not change
            return notices.linkOpenIncidents(transaction, notice.id, reference.subtree(notice.categoryCode), now)
                    .chain(() -> emit(transaction, notice, DeliveryEvent.NOTICE_PUBLISHED, reference, now));
        }));
    }

    /** Ends a running (or already expired) notice now; an upcoming one is cancelled instead. */
    public Uni<AdminNotice> end(Caller caller, long id, String ifMatch) {
        return reference().chain(reference -> change(caller, id, ifMatch, (transaction, notice, now) -> {
            if (notice.status != NoticeStatus.PUBLISHED) {
                throw ProblemException.conflict("Only a published notice can be ended; this one is " + notice.status + ".");
            }
            if (notice.startsAt.isAfter(now)) {
                throw ProblemException.conflict("The notice has not started yet; cancel it instead.");
            }
            notice.status = NoticeStatus.ENDED;
            notice.endedAt = now;
            if (notice.endsAt.isAfter(now)) {
                notice.endsAt = now;
            }
            return emit(transaction, notice, DeliveryEvent.NOTICE_ENDED, reference, now);
        }));
    }

    /** A draft is dropped silently; a published notice is withdrawn, which the channels hear as notice.ended. */
    public Uni<AdminNotice> cancel(Caller caller, long id, String ifMatch) {
        return reference().chain(reference -> change(caller, id, ifMatch, (transaction, notice, now) -> {
            if (notice.status != NoticeStatus.DRAFT && notice.status != NoticeStatus.PUBLISHED) {
                throw ProblemException.conflict("An " + notice.status + " notice cannot be cancelled.");
            }
            boolean wasPublished = notice.status == NoticeStatus.PUBLISHED;
            notice.status = NoticeStatus.CANCELLED;
            notice.cancelledAt = now;
            return wasPublished ? emit(transaction, notice, DeliveryEvent.NOTICE_ENDED, reference, now) : Uni.createFrom().voidItem();
        }));
    }

    /** What a change does to the locked notice, in the change's pool transaction. */
    private interface Change {
        Uni<Void> apply(SqlConnection transaction, Notice notice, Instant now);
    }

    private Uni<ReferenceSnapshot> reference() {
        return Panache.withSession(referenceCatalog::current);
    }

    /** Locks the notice, applies the change and writes the notice back; its view is read after the commit. */
    private Uni<AdminNotice> change(Caller caller, long id, String ifMatch, Change action) {
        return pool.withTransaction(transaction -> notices.lockById(transaction, id)
                .map(notice -> NoticeAccess.visible(caller, notice, id))
                .invoke(notice -> VersionedResource.NOTICE.check(notice.revision, ifMatch))
                .call(notice -> {
                    Instant now = clock.instant();
                    notice.updatedAt = now;
                    return action.apply(transaction, notice, now);
                })
                .call(notice -> notices.update(transaction, notice)))
                .chain(notice -> Panache.withSession(() -> detailOf(caller, notice)));
    }


    private Uni<Void> emit(SqlConnection transaction, Notice notice, String type, ReferenceSnapshot reference, Instant now) {
        NoticeViews.PublicNotice view = mapper.publicView(notice, reference);
        String post = switch (type) {
            case DeliveryEvent.NOTICE_UPDATED -> "Обновлено: ";
            case DeliveryEvent.NOTICE_ENDED -> notice.status == NoticeStatus.CANCELLED ? "Отменено: " : "Завершено: ";
            default -> "";
        } + notice.titleRu + "\n\n" + notice.textRu;
        return outbox.enqueueNotice(transaction, new NoticeDeliveryEvent(type, notice.id, notice.version, view.state().name(), view, post, now))
                .chain(() -> followers.changed(transaction, new NoticeFollowers.NoticeChange(type, notice.id,
                        NoticeService.concerning(reference, notice.categoryCode), List.of(notice.districtCodes), view, now)));
    }

    private Uni<AdminNotice> detailOf(Caller caller, Notice notice) {
        Optional<String> confined = NoticeAccess.confinedOrganization(caller);
        return notices.versions(notice.id)
                .chain(versions -> notices.linkedCounts(notice.id, confined)
                        .chain(counts -> notices.linkedIncidents(notice.id, confined, false, LINKED_SHOWN)
                                .map(latest -> mapper.admin(notice, versions(versions),
                                        new Linked(counts[0], counts[1], latest.stream()
                                                .map(row -> new LinkedIncident(row.number(), row.status(),
                                                        row.organizationCode(), mapper.local(row.createdAt())))
                                                .toList())))));
    }

    private List<Version> versions(List<NoticeRepository.StoredVersion> stored) {
        List<Version> versions = new ArrayList<>();
        for (NoticeRepository.StoredVersion version : stored) {
            try {
                versions.add(new Version(version.version(), objectMapper.readValue(version.contentJson(), NoticeRequest.class),
                        mapper.local(version.validFrom()), mapper.local(version.replacedAt()), version.replacedBy()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored notice version cannot be read", e);
            }
        }
        return versions;
    }

    private static String organizationOf(NoticeRequest request, Optional<String> confined) {
        String requested = request == null ? null : request.organizationCode();
        if (confined.isPresent() && requested != null && !requested.equals(confined.get())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Executors publish notices of their own organisation only.");
        }
        return requested != null ? requested : confined.orElse(null);
    }

    private static void apply(Notice notice, NoticeRequest request, String organization) {
        notice.titleRu = request.title().ru().strip();
        notice.titleEn = request.title().en() == null ? null : request.title().en().strip();
        notice.textRu = request.text().ru().strip();
        notice.textEn = request.text().en() == null ? null : request.text().en().strip();
        notice.kind = request.kind();
        notice.categoryCode = request.categoryCode();
        notice.districtCodes = request.districtCodes() == null ? new String[0] : request.districtCodes().toArray(String[]::new);
        notice.addresses = request.addresses() == null ? new String[0]
                : request.addresses().stream().map(String::strip).toArray(String[]::new);
        notice.pointLat = request.area() == null ? null : request.area().lat();
        notice.pointLon = request.area() == null ? null : request.area().lon();
        notice.radiusMeters = request.area() == null ? null : request.area().radiusMeters();
        notice.startsAt = request.startsAt().toInstant();
        notice.endsAt = request.endsAt().toInstant();
        notice.organizationCode = organization;
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a notice", e);
        }
    }
}
