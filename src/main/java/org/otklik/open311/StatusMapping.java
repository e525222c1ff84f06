package org.otklik.open311;

import java.util.Map;
import java.util.Set;

import org.otklik.incident.IncidentStatus;

/**
 * Our statuses in Open311 terms: {@code open}/{@code closed} for requests, and the lower-case statuses
 * of the mySociety update extension for the state after each change. docs/integrators.md has the table.
 */
final class StatusMapping {

    static final Set<String> OPEN = IncidentStatus.OPEN_NAMES;
    static final Set<String> CLOSED = Set.of("ANSWERED", "CLOSED", "REJECTED", "DUPLICATE");

    /** Fixed phrases for status_notes and update descriptions: never the free text of a message or answer. */
    private static final Map<String, String> PHRASES = Map.ofEntries(
            Map.entry("open", "Принято"),
            Map.entry("investigating", "Передано исполнителю"),
            Map.entry("in_progress", "В работе"),
            Map.entry("action_scheduled", "Работы запланированы"),
            Map.entry("fixed", "Решено"),
            Map.entry("closed", "Закрыто"),
            Map.entry("unable_to_fix", "Решить не удалось"),
            Map.entry("not_councils_responsibility", "Не в компетенции города"),
            Map.entry("duplicate", "Объединено с другим сообщением"),
            Map.entry("no_further_action", "Отклонено"),
            Map.entry("internal_referral", "Передано другому исполнителю"));

    private StatusMapping() {
    }

    static String openness(String status) {
        return OPEN.contains(status) ? "open" : "closed";
    }

    /** The extended status of an incident in {@code status} with {@code resolution}. */
    static String extended(String status, String resolution) {
        return switch (status) {
            case "NEW", "REOPENED" -> "open";
            case "ASSIGNED" -> "investigating";
            case "IN_PROGRESS" -> "in_progress";
            case "REJECTED" -> "no_further_action";
            case "DUPLICATE" -> "duplicate";
            case "ANSWERED", "CLOSED" -> ofResolution(resolution);
            default -> "open";
        };
    }

    /** The extended status after a timeline event of {@code type} that left the incident in {@code status}. */
    static String afterEvent(String type, String status, String resolution) {
        return switch (type) {
            case "INTERIM_ANSWER" -> "action_scheduled";
            case "TRANSFERRED", "HANDED_BACK" -> "internal_referral";
            case "MERGED" -> "duplicate";
            default -> status == null ? "open" : extended(status, resolution);
        };
    }

    private static String ofResolution(String resolution) {
        if (resolution == null) {
            return "closed";
        }
        return switch (resolution) {
            case "FIXED" -> "fixed";
            case "PLANNED" -> "action_scheduled";
            case "NOT_FIXED" -> "unable_to_fix";
            case "NOT_RESPONSIBLE" -> "not_councils_responsibility";
            case "DUPLICATE" -> "duplicate";
            default -> "closed";
        };
    }

    static String phrase(String extendedStatus) {
        return PHRASES.getOrDefault(extendedStatus, extendedStatus);
    }

    /** Statuses a back office may post (upper case, as FixMyStreet sends them). */
    static final Set<String> POSTABLE = Set.of("OPEN", "INVESTIGATING", "IN_PROGRESS", "ACTION_SCHEDULED", "FIXED", "CLOSED",
            "UNABLE_TO_FIX", "NOT_COUNCILS_RESPONSIBILITY", "DUPLICATE", "NO_FURTHER_ACTION", "INTERNAL_REFERRAL");

    /** Posted statuses that mean work has started: they move an assigned incident to IN_PROGRESS. */
    static final Set<String> WORK_STARTED = Set.of("INVESTIGATING", "IN_PROGRESS", "ACTION_SCHEDULED");
}
