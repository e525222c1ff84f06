package org.otklik.incident;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.otklik.incident.QueueFilter.QueueSort;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The staff queue, in SQL: every filter is a predicate on indexed columns, paging is by keyset,
 * and the full-text filter uses the Russian text-search configuration.
 */
@ApplicationScoped
public class IncidentQueueRepository {

    private static final String OVERDUE = "(status in " + IncidentStatus.OPEN_SQL
            + " and (resolution_due < :now or (first_responded_at is null and first_response_due < :now)))";

    public Uni<List<Incident>> page(QueueFilter filter, Instant now) {
        Map<String, Object> parameters = new HashMap<>();
        StringBuilder where = conditions(filter, now, parameters, true);
        boolean byCreation = filter.sort() == QueueSort.CREATED_AT;
        if (filter.after().isPresent()) {
            where.append(byCreation ? " and (created_at, id) < (:afterAt, :afterId)" : " and (resolution_due, id) > (:afterAt, :afterId)");
            parameters.put("afterAt", utc(filter.after().get().at()));
            parameters.put("afterId", filter.after().get().id());
        }
        String sql = "select id from incident where " + where
                + (byCreation ? " order by created_at desc, id desc" : " order by resolution_due asc, id asc")
                + " limit " + (filter.limit() + 1);
        return Panache.getSession().chain(session -> bind(session.createNativeQuery(sql, Long.class), parameters)
                .getResultList()
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Incident>of())
                        : session.createSelectionQuery("from Incident where id in :ids", Incident.class)
                                .setParameter("ids", ids)
                                .getResultList()
                                .map(found -> inOrderOf(ids, found))));
    }

    private static List<Incident> inOrderOf(List<Long> ids, List<Incident> incidents) {
        Map<Long, Incident> byId = new HashMap<>();
        incidents.forEach(incident -> byId.put(incident.id, incident));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    public Uni<Map<IncidentStatus, Long>> countsByStatus(QueueFilter filter, Instant now) {
        Map<String, Object> parameters = new HashMap<>();
        String sql = "select status, count(*) from incident where " + conditions(filter, now, parameters, false)
                + " group by status";
        return Panache.getSession().chain(session -> bind(session.createNativeQuery(sql, Object[].class), parameters)
                .getResultList()
                .map(rows -> {
                    Map<IncidentStatus, Long> counts = new EnumMap<>(IncidentStatus.class);
                    for (Object[] row : rows) {
                        counts.put(IncidentStatus.valueOf((String) row[0]), ((Number) row[1]).longValue());
                    }
                    return counts;
                }));
    }

    private static StringBuilder conditions(QueueFilter filter, Instant now, Map<String, Object> parameters,
            boolean withStatus) {
        StringBuilder where = new StringBuilder("true");
        if (withStatus && !filter.statuses().isEmpty()) {
            where.append(" and status in (:statuses)");
            parameters.put("statuses", filter.statuses().stream().map(Enum::name).toList());
        }
        if (!filter.categoryCodes().isEmpty()) {
            where.append(" and category_code in (:categories)");
            parameters.put("categories", filter.categoryCodes());
        }
        filter.district().ifPresent(d -> {
            where.append(" and district_code = :district");
            parameters.put("district", d);
        });
        filter.organization().ifPresent(o -> {
            where.append(" and organization_code = :organization");
            parameters.put("organization", o);
        });
        filter.channel().ifPresent(c -> {
            where.append(" and channel = :channel");
            parameters.put("channel", c.name());
        });
        filter.overdue().ifPresent(overdue -> {
            where.append(overdue ? " and " + OVERDUE : " and not " + OVERDUE);
            parameters.put("now", utc(now));
        });
        filter.createdFrom().ifPresent(from -> {
            where.append(" and created_at >= :createdFrom");
            parameters.put("createdFrom", utc(from));
        });
        filter.createdTo().ifPresent(to -> {
            where.append(" and created_at < :createdTo");
            parameters.put("createdTo", utc(to));
        });
        filter.notice().ifPresent(notice -> {
            where.append(" and id in (select incident_id from notice_incident where notice_id = :notice)");
            parameters.put("notice", notice);
        });
        filter.text().ifPresent(text -> {
            where.append(" and search_vector @@ plainto_tsquery('russian', :text)");
            parameters.put("text", text);
        });
        return where;
    }

    private static <T> Mutiny.SelectionQuery<T> bind(Mutiny.SelectionQuery<T> query, Map<String, Object> parameters) {
        parameters.forEach(query::setParameter);
        return query;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
