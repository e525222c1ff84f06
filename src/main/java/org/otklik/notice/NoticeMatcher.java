package org.otklik.notice;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.incident.CoveringNotices;
import org.otklik.incident.NoticeRef;
import org.otklik.routing.ReferenceSnapshot;

import io.smallrye.mutiny.Uni;

/**
 * Links incoming messages to the running notices that cover them. Runs in the transaction that registers the
 * message, on whatever channel it came.
 */
@ApplicationScoped
public class NoticeMatcher implements CoveringNotices {

    private final NoticeRepository notices;
    private final NoticeMapper mapper;
    private final Clock clock;

    public NoticeMatcher(NoticeRepository notices, NoticeMapper mapper, Clock clock) {
        this.notices = notices;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Links a registered (and flushed) incident to every active notice covering it: a notice on its category or
     * on a topic above it, whose area covers the incident's place.
     */
    @Override
    public Uni<Void> link(ReferenceSnapshot reference, long incidentId, String categoryCode) {
        List<String> topics = new ArrayList<>();
        topics.add(categoryCode);
        topics.addAll(NoticeService.ancestors(reference, categoryCode));
        return notices.linkIncident(incidentId, topics, clock.instant()).replaceWithVoid();
    }

    /** The notices an incident was linked to. */
    @Override
    public Uni<List<NoticeRef>> linkedTo(long incidentId) {
        return notices.linkedTo(incidentId).map(found -> found.stream().map(mapper::ref).toList());
    }
}
