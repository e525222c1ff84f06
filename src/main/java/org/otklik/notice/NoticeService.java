package org.otklik.notice;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.common.web.KeysetCursor;
import org.otklik.common.web.Page;
import org.otklik.notice.NoticeViews.PublicNotice;
import org.otklik.notice.NoticeViews.PublicPage;
import org.otklik.routing.ReferenceCatalog;
import org.otklik.routing.ReferenceSnapshot;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** What residents read: published notices only, never drafts. */
@ApplicationScoped
public class NoticeService {

    static final int FEED_ENTRIES = 50;

    private final NoticeRepository notices;
    private final NoticeMapper mapper;
    private final ReferenceCatalog referenceCatalog;
    private final Clock clock;

    public NoticeService(NoticeRepository notices, NoticeMapper mapper, ReferenceCatalog referenceCatalog, Clock clock) {
        this.notices = notices;
        this.mapper = mapper;
        this.referenceCatalog = referenceCatalog;
        this.clock = clock;
    }

    @WithSession
    public Uni<PublicPage> list(Optional<String> district, Optional<String> category, Optional<NoticeState> state,
            Optional<KeysetCursor> after, int limit) {
        Instant now = clock.instant();
        return referenceCatalog.current().chain(reference -> {
            district.ifPresent(code -> {
                if (reference.district(code).isEmpty()) {
                    throw ProblemException.badParameter("district", "unknown district");
                }
            });
            List<String> topics = category.map(code -> {
                if (reference.category(code).isEmpty()) {
                    throw ProblemException.badParameter("category", "unknown category");
                }
                return concerning(reference, code);
            }).orElse(List.of());
            return notices.publicPage(district, topics, state, now, after, limit).map(found -> {
                Page<NoticeViews.PublicNotice> page = Page.of(found, limit, last -> KeysetCursor.after(last.startsAt, last.id),
                        n -> mapper.publicView(n, reference));
                return new PublicPage(page.items(), page.nextCursor());
            });
        });
    }

    @WithSession
    public Uni<PublicNotice> detail(long id) {
        return notices.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No notice " + id + " is published."))
                .chain(notice -> {
                    if (notice.publishedAt == null) {
                        return Uni.createFrom().failure(ProblemException.notFound("No notice " + id + " is published."));
                    }
                    return referenceCatalog.current().map(reference -> mapper.publicView(notice, reference));
                });
    }

    public record Feed(List<FeedEntry> entries, Instant updated) {
    }

    /** {@code updated}: the last change of any kind (edit, end, cancellation), which feed readers go by. */
    public record FeedEntry(PublicNotice notice, Instant updated) {
    }

    /** The latest changed published notices of a district (and of the whole city). */
    @WithSession
    public Uni<Feed> feed(Optional<String> district) {
        return referenceCatalog.current().chain(reference -> {
            district.ifPresent(code -> {
                if (reference.district(code).isEmpty()) {
                    throw ProblemException.badParameter("district", "unknown district");
                }
            });
            return notices.latestChanged(district, FEED_ENTRIES).map(found -> new Feed(
                    found.stream().map(n -> new FeedEntry(mapper.publicView(n, reference), n.updatedAt)).toList(),
                    found.isEmpty() ? clock.instant() : found.get(0).updatedAt));
        });
    }

    /** A category's notices: those on it, on its sub-topics, and on the topics above it (which cover it). */
    static List<String> concerning(ReferenceSnapshot reference, String categoryCode) {
        List<String> codes = new java.util.ArrayList<>(reference.subtree(categoryCode));
        codes.addAll(ancestors(reference, categoryCode));
        return codes;
    }

    /** The topics above a category, nearest first. */
    static List<String> ancestors(ReferenceSnapshot reference, String categoryCode) {
        return reference.selfAndAncestors(categoryCode).stream().skip(1).map(category -> category.code).toList();
    }
}
