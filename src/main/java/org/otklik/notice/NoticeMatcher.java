package org.otklik.notice;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.incident.CoveringNotices;
import org.otklik.incident.NoticeRef;
import org.otklik.routing.ReferenceSnapshot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

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
     * Links a registered incident to every active notice covering it (a notice on its category or on a topic
     * above it, whose area covers the incident's place) and returns them.
     */
    @Override
    public Uni<List<NoticeRef>> link(SqlConnection transaction, ReferenceSnapshot reference, long incidentId,
            String categoryCode) {
        List<String> topics = new ArrayList<>();
        topics.add(categoryCode);
        topics.addAll(NoticeService.ancestors(reference, categoryCode));
        return notices.linkIncident(transaction, incidentId, topics, clock.instant()).map(this::refs);
    }

    @Override
    public Uni<List<NoticeRef>> linkedTo(SqlConnection transaction, long incidentId) {
        return notices.linkedTo(transaction, incidentId).map(this::refs);
    }

    private List<NoticeRef> refs(List<NoticeRepository.LinkedNotice> linked) {
        return linked.stream().map(notice -> mapper.ref(notice.id(), notice.titleRu(), notice.titleEn(), notice.endsAt()))
                .toList();
    }
}
