package org.otklik.notice;

/** The stored lifecycle: DRAFT → PUBLISHED → ENDED or CANCELLED. */
public enum NoticeStatus {
    DRAFT,
    PUBLISHED,
    ENDED,
    CANCELLED
}
