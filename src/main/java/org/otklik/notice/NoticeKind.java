package org.otklik.notice;

public enum NoticeKind {
    PLANNED_OUTAGE,
    ROAD_WORKS,
    EMERGENCY,
    EVENT,
    INFO
}
