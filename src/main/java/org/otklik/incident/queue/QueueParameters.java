package org.otklik.incident.queue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.otklik.common.problem.ProblemException;
import org.otklik.common.web.KeysetCursor;
import org.otklik.incident.MyIncidentsResource;
import org.otklik.incident.queue.QueueFilter.QueueSort;
import org.otklik.routing.ReferenceSnapshot;
import org.otklik.security.Channel;

/**
 * The staff queue's query parameters, parsed at the HTTP edge into a {@link QueueFilter}. Strict: every failure is
 * a 400 naming the parameter. {@link #parse} checks what needs no reference data; {@link #filter} checks the
 * category and the district against it, then the statuses.
 */
public record QueueParameters(List<String> status, String category, String district, String organization,
        Optional<Channel> channel, Optional<Boolean> overdue, Optional<Instant> createdFrom, Optional<Instant> createdTo,
        Optional<String> text, Optional<Long> notice, QueueSort sort, Optional<KeysetCursor> after, int limit) {

    public static QueueParameters parse(List<String> status, String category, String district, String organization,
            String channel, String overdue, String createdFrom, String createdTo, String q, String notice, String sort,
            String cursor, int limit) {
        Optional<Instant> from = instant("createdFrom", createdFrom);
        Optional<Instant> to = instant("createdTo", createdTo);
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw ProblemException.badParameter("createdTo", "must be after createdFrom");
        }
        QueueSort order = sort(sort);
        Optional<Boolean> overdueFilter = overdue(overdue);
        Optional<Channel> channelFilter = channel(channel);
        Optional<KeysetCursor> after = Optional.ofNullable(cursor)
                .map(order == QueueSort.SUPPORTERS ? KeysetCursor::decodeCount : KeysetCursor::decode);
        Optional<Long> noticeFilter = notice(notice);
        return new QueueParameters(status, category, district, organization, channelFilter, overdueFilter, from, to,
                Optional.ofNullable(q).filter(s -> !s.isBlank()), noticeFilter, order, after, limit);
    }

    /** The filter for this reference data: 400 for an unknown category or district, then for an unknown status. */
    public QueueFilter filter(ReferenceSnapshot reference) {
        if (category != null && reference.category(category).isEmpty()) {
            throw ProblemException.badParameter("category", "unknown category");
        }
        if (district != null && reference.district(district).isEmpty()) {
            throw ProblemException.badParameter("district", "unknown district");
        }
        return new QueueFilter(MyIncidentsResource.statuses(status), category == null ? List.of() : reference.subtree(category),
                Optional.ofNullable(district), Optional.ofNullable(organization), channel, overdue, createdFrom, createdTo,
                text, notice, sort, after, limit);
    }

    private static QueueSort sort(String value) {
        return switch (value) {
            case "createdAt" -> QueueSort.CREATED_AT;
            case "resolutionDue" -> QueueSort.RESOLUTION_DUE;
            case "supporters" -> QueueSort.SUPPORTERS;
            default -> throw ProblemException.badParameter("sort", "must be createdAt, resolutionDue or supporters");
        };
    }

    private static Optional<Boolean> overdue(String value) {
        return switch (value == null ? "" : value) {
            case "" -> Optional.empty();
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw ProblemException.badParameter("overdue", "must be true or false");
        };
    }

    private static Optional<Channel> channel(String value) {
        return Optional.ofNullable(value).map(name -> {
            try {
                return Channel.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badParameter("channel", "must be one of WIDGET, MOBILE, GOSUSLUGI, SOCIAL, OPEN311");
            }
        });
    }

    private static Optional<Long> notice(String value) {
        return Optional.ofNullable(value).map(text -> {
            try {
                long id = Long.parseLong(text);
                if (id >= 1) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw ProblemException.badParameter("notice", "must be a notice id (1 or more)");
        });
    }

    private static Optional<Instant> instant(String parameter, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter(parameter, "must be an ISO-8601 timestamp with offset");
        }
    }
}
