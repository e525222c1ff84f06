package org.otklik.routing;

import java.time.Instant;

/**
 * Overdue, the one definition: an open incident past its resolution deadline, or past its first-response
 * deadline before any response (the deadlines {@link RoutingService#deadlines} sets). Its Java form is
 * {@link #isOverdue}; its SQL forms, on an incident row's columns at an instant {@code at} (a placeholder
 * or an SQL expression), are {@link #sqlAt} and the two parts the statistics count on their own.
 */
public final class Overdue {

    private Overdue() {
    }

    public static boolean isOverdue(boolean open, Instant firstResponseDue, Instant resolutionDue, Instant firstRespondedAt,
            Instant now) {
        return open && (pastResolutionDue(resolutionDue, now) || firstResponseMissed(firstResponseDue, firstRespondedAt, now));
    }

    static boolean pastResolutionDue(Instant resolutionDue, Instant now) {
        return now.isAfter(resolutionDue);
    }

    static boolean firstResponseMissed(Instant firstResponseDue, Instant firstRespondedAt, Instant now) {
        return firstRespondedAt == null && now.isAfter(firstResponseDue);
    }

    /** {@link #isOverdue} in SQL: open ({@code incident_open_statuses()}) and past a deadline at {@code at}. */
    public static String sqlAt(String at) {
        return "(status = any(incident_open_statuses()) and (" + pastResolutionDueSqlAt(at) + " or "
                + firstResponseMissedSqlAt(at) + "))";
    }

    /** {@link #pastResolutionDue} in SQL. */
    public static String pastResolutionDueSqlAt(String at) {
        return "resolution_due < " + at;
    }

    /** {@link #firstResponseMissed} in SQL. */
    public static String firstResponseMissedSqlAt(String at) {
        return "(first_responded_at is null and first_response_due < " + at + ")";
    }
}
