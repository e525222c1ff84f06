package org.otklik.delivery;

import java.time.Instant;

/**
 * A notice published, edited or ended, as the outbox records it: for webhook subscribers and for the
 * social-monitoring client, which posts it on the city's public pages.
 *
 * @param notice the notice's public view (no personal data), sent as it is
 * @param post the text to post on the city's pages
 */
public record NoticeDeliveryEvent(String type, long noticeId, int version, String state, Object notice, String post,
        Instant occurredAt) {
}
