package org.otklik.notice;

import java.time.Instant;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Residents who follow the city's notices by district and topic (implemented by the notify feature): told of a
 * notice published, edited or ended, in the transaction of that change.
 */
public interface NoticeFollowers {

    /**
     * @param type notice.published, notice.updated or notice.ended
     * @param topics the topics whose followers the notice concerns: its own, the sub-topics below it and the topics
     *        above it (a topic's followers get the notices of its sub-topics)
     * @param districtCodes the notice's districts; empty for the whole city
     * @param notice the notice's public view (nothing personal)
     */
    record NoticeChange(String type, long noticeId, List<String> topics, List<String> districtCodes,
            NoticeViews.PublicNotice notice, Instant occurredAt) {
    }

    /** In the change's pool transaction. */
    Uni<Void> changed(SqlConnection transaction, NoticeChange change);
}
