package org.otklik.incident.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.web.KeysetCursor;
import org.otklik.incident.IncidentStatus;
import org.otklik.incident.queue.QueueFilter.QueueSort;
import org.otklik.routing.ReferenceSnapshot;
import org.otklik.routing.ReferenceSnapshots;
import org.otklik.security.Channel;

/** The staff queue's query parameters: what each parses into, and the 400 naming each bad one. No container. */
class QueueParametersTest {

    private static final ReferenceSnapshot REFERENCE = ReferenceSnapshots.of(
            List.of(ReferenceSnapshots.category("roads", null, "Дороги", "Roads"),
                    ReferenceSnapshots.category("roads.potholes", "roads", "Ямы", "Potholes")),
            List.of(ReferenceSnapshots.district("leninsky", "Ленинский", "Leninsky")), List.of());

    /** Every parameter absent, as the resource receives them (sort and limit take their defaults). */
    private static QueueParameters parse(String name, String value) {
        return QueueParameters.parse(name.equals("status") ? List.of(value) : null, value(name, "category", value),
                value(name, "district", value), value(name, "organization", value), value(name, "channel", value),
                value(name, "overdue", value), value(name, "createdFrom", value), value(name, "createdTo", value),
                value(name, "q", value), value(name, "notice", value),
                name.equals("sort") ? value : "createdAt", value(name, "cursor", value), 20);
    }

    private static String value(String name, String parameter, String value) {
        return name.equals(parameter) ? value : null;
    }

    /** The parameter named by the 400 that parsing ends in. */
    private static String badParameter(Supplier<?> parsing) {
        try {
            parsing.get();
        } catch (ProblemException problem) {
            return problem.errors().get(0).parameter();
        }
        return fail("parsed without a 400");
    }

    @Test
    void absentParametersFilterNothing() {
        QueueFilter filter = parse("none", null).filter(REFERENCE);
        assertThat(filter).isEqualTo(new QueueFilter(Set.of(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                QueueSort.CREATED_AT, Optional.empty(), 20));
    }

    @Test
    void valuesParseIntoTheFilter() {
        QueueFilter filter = QueueParameters.parse(List.of("NEW,ASSIGNED", "REOPENED"), "roads", "leninsky", "dep.roads",
                "GOSUSLUGI", "true", "2026-11-01T00:00:00+04:00", "2026-12-01T00:00:00+04:00", "  яма ", "17",
                "resolutionDue", KeysetCursor.after(Instant.parse("2026-11-02T10:00:00Z"), 42).encode(), 50).filter(REFERENCE);
        assertThat(filter.statuses()).containsExactlyInAnyOrder(IncidentStatus.NEW, IncidentStatus.ASSIGNED, IncidentStatus.REOPENED);
        assertThat(filter.categoryCodes()).containsExactly("roads", "roads.potholes");
        assertThat(filter.district()).contains("leninsky");
        assertThat(filter.organization()).contains("dep.roads");
        assertThat(filter.channel()).contains(Channel.GOSUSLUGI);
        assertThat(filter.overdue()).contains(true);
        assertThat(filter.createdFrom()).contains(Instant.parse("2026-10-31T20:00:00Z"));
        assertThat(filter.createdTo()).contains(Instant.parse("2026-11-30T20:00:00Z"));
        assertThat(filter.text()).contains("  яма ");
        assertThat(filter.notice()).contains(17L);
        assertThat(filter.sort()).isEqualTo(QueueSort.RESOLUTION_DUE);
        assertThat(filter.after().orElseThrow().at()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
        assertThat(filter.after().orElseThrow().id()).isEqualTo(42);
        assertThat(filter.limit()).isEqualTo(50);
    }

    @Test
    void eachSortHasItsOrder() {
        assertThat(parse("sort", "createdAt").sort()).isEqualTo(QueueSort.CREATED_AT);
        assertThat(parse("sort", "resolutionDue").sort()).isEqualTo(QueueSort.RESOLUTION_DUE);
        assertThat(parse("sort", "supporters").sort()).isEqualTo(QueueSort.SUPPORTERS);
        assertThat(badParameter(() -> parse("sort", "number"))).isEqualTo("sort");
    }

    @Test
    void overdueIsTrueFalseOrAbsent() {
        assertThat(parse("overdue", "false").overdue()).contains(false);
        assertThat(parse("overdue", "").overdue()).isEmpty();
        assertThat(badParameter(() -> parse("overdue", "yes"))).isEqualTo("overdue");
    }

    @Test
    void blankTextSearchesNothing() {
        assertThat(parse("q", "   ").text()).isEmpty();
    }

    @Test
    void badValuesAreA400NamingTheirParameter() {
        assertThat(badParameter(() -> parse("channel", "FAX"))).isEqualTo("channel");
        assertThat(badParameter(() -> parse("createdFrom", "2026-11-01"))).isEqualTo("createdFrom");
        assertThat(badParameter(() -> parse("createdTo", "yesterday"))).isEqualTo("createdTo");
        assertThat(badParameter(() -> parse("notice", "0"))).isEqualTo("notice");
        assertThat(badParameter(() -> parse("notice", "x"))).isEqualTo("notice");
        assertThat(badParameter(() -> parse("cursor", "not-a-cursor"))).isEqualTo("cursor");
        assertThat(badParameter(() -> parse("status", "LOST").filter(REFERENCE))).isEqualTo("status");
        assertThat(badParameter(() -> parse("category", "parks").filter(REFERENCE))).isEqualTo("category");
        assertThat(badParameter(() -> parse("district", "nowhere").filter(REFERENCE))).isEqualTo("district");
    }

    @Test
    void createdToMustFollowCreatedFrom() {
        String parameter = badParameter(() -> QueueParameters.parse(null, null, null, null, null, null,
                "2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z", null, null, "createdAt", null, 20));
        assertThat(parameter).isEqualTo("createdTo");
    }

    @Test
    void theSupportersOrderTakesACountCursor() {
        String countCursor = KeysetCursor.of(7L, 42L).encode();
        KeysetCursor after = QueueParameters.parse(null, null, null, null, null, null, null, null, null, null, "supporters",
                countCursor, 20).after().orElseThrow();
        assertThat(after.number(0)).isEqualTo(7);
        assertThat(after.id()).isEqualTo(42);
        String tooLarge = KeysetCursor.of(Integer.MAX_VALUE + 1L, 42L).encode();
        assertThat(badParameter(() -> QueueParameters.parse(null, null, null, null, null, null, null, null, null, null,
                "supporters", tooLarge, 20))).isEqualTo("cursor");
    }
}
