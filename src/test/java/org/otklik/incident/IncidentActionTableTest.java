package org.otklik.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.otklik.incident.IncidentStateChangesTest.incident;
import static org.otklik.incident.IncidentStatus.ANSWERED;
import static org.otklik.incident.IncidentStatus.ASSIGNED;
import static org.otklik.incident.IncidentStatus.IN_PROGRESS;
import static org.otklik.incident.IncidentStatus.NEW;
import static org.otklik.incident.IncidentStatus.REJECTED;
import static org.otklik.incident.IncidentStatus.REOPENED;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.otklik.security.Roles;

/** What staff may do to an incident, in which statuses and in which role, written out as a table. */
class IncidentActionTableTest {

    private static final Set<String> OPERATOR = Set.of(Roles.OPERATOR);
    private static final Set<String> EXECUTOR = Set.of(Roles.EXECUTOR);
    private static final Set<IncidentStatus> OPEN = EnumSet.of(NEW, ASSIGNED, IN_PROGRESS, REOPENED);
    private static final Set<IncidentStatus> IN_WORK = EnumSet.of(ASSIGNED, IN_PROGRESS, REOPENED);

    private static Set<IncidentStatus> expectedStatuses(IncidentAction action) {
        return switch (action) {
            case MODERATION -> EnumSet.of(NEW);
            case ASSIGNMENT, MERGE -> OPEN;
            case PROGRESS -> EnumSet.of(ASSIGNED, REOPENED);
            case INTERIM_ANSWER, ANSWER -> IN_WORK;
            case NOTES -> EnumSet.allOf(IncidentStatus.class);
            case CLOSE -> EnumSet.of(ANSWERED);
            case PHOTO_PUBLICATION -> EnumSet.complementOf(EnumSet.of(REJECTED));
        };
    }

    private static Set<String> expectedRoles(IncidentAction action) {
        return switch (action) {
            case MODERATION, MERGE, CLOSE, PHOTO_PUBLICATION -> OPERATOR;
            case ASSIGNMENT, PROGRESS, INTERIM_ANSWER, ANSWER, NOTES -> Set.of(Roles.OPERATOR, Roles.EXECUTOR);
        };
    }

    private static List<String> available(IncidentStatus status, Set<String> roles) {
        return IncidentAction.available(incident(status), roles);
    }

    @ParameterizedTest
    @EnumSource(IncidentAction.class)
    void eachActionIsAllowedInItsStatusesOnly(IncidentAction action) {
        Set<IncidentStatus> allowed = Arrays.stream(IncidentStatus.values()).filter(action::allowedIn)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(IncidentStatus.class)));

        assertThat(allowed).isEqualTo(expectedStatuses(action));
    }

    @ParameterizedTest
    @EnumSource(IncidentAction.class)
    void eachActionIsAllowedForItsRolesOnly(IncidentAction action) {
        Set<String> allowed = Roles.ALL.stream().filter(role -> action.allowedFor(Set.of(role))).collect(Collectors.toSet());

        assertThat(allowed).isEqualTo(expectedRoles(action));
    }

    @Test
    void aCallerWithSeveralRolesMayDoWhatAnyOfThemMay() {
        assertThat(IncidentAction.CLOSE.allowedFor(Set.of(Roles.EXECUTOR, Roles.OPERATOR))).isTrue();
        assertThat(IncidentAction.CLOSE.allowedFor(Set.of(Roles.EXECUTOR, Roles.ANALYST))).isFalse();
        assertThat(IncidentAction.NOTES.allowedFor(Set.of())).isFalse();
    }

    @Test
    void eachActionHasTheSegmentOfItsPath() {
        assertThat(Arrays.stream(IncidentAction.values()).map(IncidentAction::path)).containsExactly("moderation",
                "assignment", "progress", "interim-answer", "answer", "merge", "notes", "close", "photos");
    }

    @Test
    void anOperatorIsOfferedModerationOfANewIncident() {
        assertThat(available(NEW, OPERATOR)).containsExactly("moderation", "assignment", "merge", "notes");
        assertThat(available(NEW, EXECUTOR)).containsExactly("assignment", "notes");
    }

    @Test
    void staffAreOfferedTheWorkOnAnAssignedIncident() {
        assertThat(available(ASSIGNED, OPERATOR))
                .containsExactly("assignment", "progress", "interim-answer", "answer", "merge", "notes");
        assertThat(available(ASSIGNED, EXECUTOR))
                .containsExactly("assignment", "progress", "interim-answer", "answer", "notes");
    }

    @Test
    void anIncidentInProgressCannotBeStartedAgain() {
        assertThat(available(IN_PROGRESS, EXECUTOR)).containsExactly("assignment", "interim-answer", "answer", "notes");
    }

    @Test
    void aReopenedIncidentIsWorkedOnLikeAnAssignedOne() {
        assertThat(available(REOPENED, OPERATOR)).isEqualTo(available(ASSIGNED, OPERATOR));
        assertThat(available(REOPENED, EXECUTOR)).isEqualTo(available(ASSIGNED, EXECUTOR));
    }

    @Test
    void theInterimAnswerIsNoLongerOfferedOnceGiven() {
        Incident incident = incident(IN_PROGRESS);
        incident.interimAnsweredAt = Instant.parse("2026-11-20T10:00:00Z");

        assertThat(IncidentAction.available(incident, OPERATOR)).containsExactly("assignment", "answer", "merge", "notes");
    }

    @Test
    void onlyAnOperatorClosesAnAnsweredIncident() {
        assertThat(available(ANSWERED, OPERATOR)).containsExactly("notes", "close");
        assertThat(available(ANSWERED, EXECUTOR)).containsExactly("notes");
    }

    @ParameterizedTest
    @EnumSource(value = IncidentStatus.class, names = { "REJECTED", "CLOSED", "DUPLICATE" })
    void anIncidentNoLongerWorkedOnOnlyTakesNotes(IncidentStatus status) {
        assertThat(available(status, OPERATOR)).containsExactly("notes");
        assertThat(available(status, EXECUTOR)).containsExactly("notes");
    }

    @ParameterizedTest
    @EnumSource(IncidentStatus.class)
    void photoPublicationIsNeverAmongTheOfferedActions(IncidentStatus status) {
        assertThat(available(status, Roles.ALL)).doesNotContain("photos");
    }

    @ParameterizedTest
    @EnumSource(IncidentStatus.class)
    void nobodyButOperatorsAndExecutorsIsOfferedAnything(IncidentStatus status) {
        assertThat(available(status, Set.of(Roles.CITIZEN, Roles.ANALYST, Roles.ADMIN, Roles.INTEGRATION))).isEmpty();
        assertThat(available(status, Set.of())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(IncidentStatus.class)
    void anOperatorWhoIsAlsoAnExecutorIsOfferedWhatAnOperatorIs(IncidentStatus status) {
        assertThat(available(status, Set.of(Roles.OPERATOR, Roles.EXECUTOR))).isEqualTo(available(status, OPERATOR));
    }
}
