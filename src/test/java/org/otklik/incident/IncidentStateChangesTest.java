package org.otklik.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;

/**
 * The state changes of an {@link Incident} on a plain object: what each one changes, the event it
 * returns, and the rules it enforces itself (the status and role checks are {@link IncidentAction}'s).
 */
class IncidentStateChangesTest {

    static final Instant NOW = Instant.parse("2026-11-23T07:00:00Z");
    private static final Instant EARLIER = NOW.minus(Duration.ofHours(3));
    private static final Duration RATING_PERIOD = Duration.ofDays(14);

    static Incident incident(IncidentStatus status) {
        Incident incident = new Incident();
        incident.id = 41L;
        incident.number = "OTK-2026-000041";
        incident.status = status;
        incident.organizationCode = "dep.roads";
        incident.createdAt = EARLIER;
        incident.firstResponseDue = NOW.plus(Duration.ofHours(8));
        incident.resolutionDue = NOW.plus(Duration.ofDays(10));
        return incident;
    }

    private static Incident answered(Instant answeredAt) {
        Incident incident = incident(IncidentStatus.ANSWERED);
        incident.firstRespondedAt = EARLIER;
        incident.answeredAt = answeredAt;
        return incident;
    }

    private static void assertEvent(IncidentChange change, Incident on, IncidentEventType type, String comment) {
        assertThat(change.incident()).isSameAs(on);
        assertThat(change.type()).isEqualTo(type);
        assertThat(change.comment()).isEqualTo(comment);
        assertThat(change.visibleToCitizen()).isEqualTo(type.visibleToCitizen());
        assertThat(change.photoLinks()).isEmpty();
    }

    @Test
    void acceptingAssignsTheIncidentAndIsItsFirstResponse() {
        Incident incident = incident(IncidentStatus.NEW);
        incident.redirectToConfirm = true;

        IncidentChange change = incident.accept("Принято", NOW);

        assertThat(incident.status).isEqualTo(IncidentStatus.ASSIGNED);
        assertThat(incident.redirectToConfirm).isFalse();
        assertThat(incident.firstRespondedAt).isEqualTo(NOW);
        assertEvent(change, incident, IncidentEventType.ACCEPTED, "Принято");
    }

    @Test
    void aLaterStepKeepsTheTimeOfTheFirstResponse() {
        Incident incident = incident(IncidentStatus.ASSIGNED);
        incident.firstRespondedAt = EARLIER;

        incident.startWork(NOW);

        assertThat(incident.firstRespondedAt).isEqualTo(EARLIER);
    }

    @Test
    void rejectingStoresTheReasonAndJoinsTheCommentToIt() {
        Incident incident = incident(IncidentStatus.NEW);

        IncidentChange change = incident.reject("SPAM", "реклама", NOW);

        assertThat(incident.status).isEqualTo(IncidentStatus.REJECTED);
        assertThat(incident.rejectionReason).isEqualTo("SPAM");
        assertThat(incident.firstRespondedAt).isEqualTo(NOW);
        assertEvent(change, incident, IncidentEventType.REJECTED, "SPAM: реклама");
        assertThat(change.visibleToCitizen()).isTrue();
    }

    @Test
    void aRejectionWithoutACommentCarriesTheReasonAlone() {
        assertThat(incident(IncidentStatus.NEW).reject("NOT_MUNICIPAL", null, NOW).comment()).isEqualTo("NOT_MUNICIPAL");
    }

    @Test
    void anOperatorsTransferOfANewIncidentLeavesItAwaitingModeration() {
        Incident incident = incident(IncidentStatus.NEW);

        IncidentChange change = incident.assignTo("dep.housing", false, true, "не наш участок", NOW);

        assertThat(incident.organizationCode).isEqualTo("dep.housing");
        assertThat(incident.status).isEqualTo(IncidentStatus.NEW);
        assertThat(incident.redirectToConfirm).isFalse();
        assertThat(incident.firstRespondedAt).isEqualTo(NOW);
        assertEvent(change, incident, IncidentEventType.TRANSFERRED, "не наш участок");
    }

    @ParameterizedTest
    @EnumSource(value = IncidentStatus.class, names = { "ASSIGNED", "IN_PROGRESS", "REOPENED" })
    void aTransferOfAnIncidentInWorkAssignsItAfresh(IncidentStatus from) {
        Incident incident = incident(from);

        incident.assignTo("dep.housing", false, true, null, NOW);

        assertThat(incident.status).isEqualTo(IncidentStatus.ASSIGNED);
    }

    @Test
    void aTransferToAnExternalOrganisationAwaitsItsConfirmation() {
        Incident incident = incident(IncidentStatus.ASSIGNED);

        incident.assignTo("ext.water-utility", true, true, null, NOW);

        assertThat(incident.redirectToConfirm).isTrue();
    }

    @Test
    void anExecutorsHandBackIsAHandedBackEvent() {
        Incident incident = incident(IncidentStatus.IN_PROGRESS);

        IncidentChange change = incident.assignTo("centre", false, false, "не наша зона", NOW);

        assertEvent(change, incident, IncidentEventType.HANDED_BACK, "не наша зона");
        assertThat(incident.status).isEqualTo(IncidentStatus.ASSIGNED);
    }

    @Test
    void anIncidentCannotBeAssignedToTheOrganisationThatHasIt() {
        Incident incident = incident(IncidentStatus.ASSIGNED);

        assertThatThrownBy(() -> incident.assignTo("dep.roads", false, true, null, NOW))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.kind()).isEqualTo(ProblemType.CONFLICT))
                .hasMessageContaining("already assigned to dep.roads");
        assertThat(incident.status).isEqualTo(IncidentStatus.ASSIGNED);
        assertThat(incident.firstRespondedAt).isNull();
    }

    @Test
    void startingWorkPutsTheIncidentInProgress() {
        Incident incident = incident(IncidentStatus.ASSIGNED);

        IncidentChange change = incident.startWork(NOW);

        assertThat(incident.status).isEqualTo(IncidentStatus.IN_PROGRESS);
        assertThat(incident.firstRespondedAt).isEqualTo(NOW);
        assertEvent(change, incident, IncidentEventType.IN_PROGRESS, null);
    }

    @Test
    void anInterimAnswerIsStoredAndPutsTheIncidentInProgress() {
        Incident incident = incident(IncidentStatus.ASSIGNED);
        LocalDate planned = LocalDate.parse("2026-11-30");

        IncidentChange change = incident.giveInterimAnswer("Сделаем к 30-му", planned, NOW.plus(Duration.ofDays(7)), NOW);

        assertThat(incident.status).isEqualTo(IncidentStatus.IN_PROGRESS);
        assertThat(incident.interimAnswerText).isEqualTo("Сделаем к 30-му");
        assertThat(incident.interimPlannedDate).isEqualTo(planned);
        assertThat(incident.interimAnsweredAt).isEqualTo(NOW);
        assertThat(incident.firstRespondedAt).isEqualTo(NOW);
        assertThat(incident.awaitsInterimAnswer()).isFalse();
        assertEvent(change, incident, IncidentEventType.INTERIM_ANSWER, "Сделаем к 30-му");
    }

    @Test
    void aPlannedDayAfterTheResolutionDeadlinePushesTheDeadlineOut() {
        Incident incident = incident(IncidentStatus.ASSIGNED);
        Instant plannedEnd = incident.resolutionDue.plus(Duration.ofDays(5));

        incident.giveInterimAnswer("Позже", LocalDate.parse("2026-12-08"), plannedEnd, NOW);

        assertThat(incident.resolutionDue).isEqualTo(plannedEnd);
    }

    @Test
    void aPlannedDayBeforeOrAtTheResolutionDeadlineLeavesTheDeadline() {
        Incident before = incident(IncidentStatus.ASSIGNED);
        Instant due = before.resolutionDue;
        before.giveInterimAnswer("Скоро", LocalDate.parse("2026-11-25"), due.minus(Duration.ofDays(1)), NOW);
        assertThat(before.resolutionDue).isEqualTo(due);

        Incident at = incident(IncidentStatus.ASSIGNED);
        at.giveInterimAnswer("В срок", LocalDate.parse("2026-12-03"), due, NOW);
        assertThat(at.resolutionDue).isEqualTo(due);
    }

    @Test
    void onlyOneInterimAnswerIsAllowed() {
        Incident incident = incident(IncidentStatus.ASSIGNED);
        incident.giveInterimAnswer("Первый", LocalDate.parse("2026-11-30"), NOW, EARLIER);
        incident.status = IncidentStatus.REOPENED;

        assertThatThrownBy(() -> incident.giveInterimAnswer("Второй", LocalDate.parse("2026-12-01"), NOW, NOW))
                .isInstanceOf(IncidentConflict.class).hasMessageContaining("only one is allowed");
        assertThat(incident.interimAnswerText).isEqualTo("Первый");
        assertThat(incident.interimAnsweredAt).isEqualTo(EARLIER);
        assertThat(incident.status).isEqualTo(IncidentStatus.REOPENED);
    }

    @Test
    void anAnswerStoresItsTextResolutionRedirectAndPhotos() {
        Incident incident = incident(IncidentStatus.IN_PROGRESS);
        incident.redirectToConfirm = true;

        IncidentChange change = incident.answer("Яма заделана", Resolution.NOT_RESPONSIBLE, "Водоканал",
                List.of("photo-1", "photo-2"), NOW);

        assertThat(incident.status).isEqualTo(IncidentStatus.ANSWERED);
        assertThat(incident.answerText).isEqualTo("Яма заделана");
        assertThat(incident.resolution).isEqualTo(Resolution.NOT_RESPONSIBLE);
        assertThat(incident.redirectedTo).isEqualTo("Водоканал");
        assertThat(incident.answerAttachments).containsExactly("photo-1", "photo-2");
        assertThat(incident.answeredAt).isEqualTo(NOW);
        assertThat(incident.redirectToConfirm).isFalse();
        assertThat(incident.firstRespondedAt).isEqualTo(NOW);
        assertEvent(change, incident, IncidentEventType.ANSWERED, "Яма заделана");
    }

    @Test
    void anAnswerWithoutPhotosHasAnEmptyListOfThem() {
        Incident incident = incident(IncidentStatus.ASSIGNED);
        incident.answerAttachments = new String[] { "stale" };

        incident.answer("Готово", Resolution.FIXED, null, null, NOW);

        assertThat(incident.answerAttachments).isEmpty();
    }

    @Test
    void aDuplicateReceivesTheAnswerAsAnEventWithoutChangingItself() {
        Incident duplicate = incident(IncidentStatus.DUPLICATE);
        duplicate.duplicateOf = 7L;

        IncidentChange change = duplicate.receiveAnswer("Яма заделана");

        assertEvent(change, duplicate, IncidentEventType.ANSWERED, "Яма заделана");
        assertThat(duplicate.status).isEqualTo(IncidentStatus.DUPLICATE);
        assertThat(duplicate.answerText).isNull();
    }

    @Test
    void mergingMakesADuplicateOfTheMainIncidentAndTellsBoth() {
        Incident incident = incident(IncidentStatus.NEW);
        incident.redirectToConfirm = true;
        Incident main = incident(IncidentStatus.IN_PROGRESS);
        main.id = 7L;
        main.number = "OTK-2026-000007";

        List<IncidentChange> changes = incident.mergeInto(main, NOW);

        assertThat(incident.status).isEqualTo(IncidentStatus.DUPLICATE);
        assertThat(incident.resolution).isEqualTo(Resolution.DUPLICATE);
        assertThat(incident.duplicateOf).isEqualTo(7L);
        assertThat(incident.redirectToConfirm).isFalse();
        assertThat(incident.firstRespondedAt).isEqualTo(NOW);
        assertThat(main.status).isEqualTo(IncidentStatus.IN_PROGRESS);
        assertThat(changes).hasSize(2);
        assertEvent(changes.get(0), incident, IncidentEventType.MERGED, "OTK-2026-000007");
        assertThat(changes.get(1).incident()).isSameAs(main);
        assertThat(changes.get(1).type()).isEqualTo(IncidentEventType.MERGED);
        assertThat(changes.get(1).comment()).isEqualTo("OTK-2026-000041");
        assertThat(changes.get(1).visibleToCitizen()).as("the main incident's side of a merge is staff-only").isFalse();
    }

    @Test
    void anIncidentCannotBeMergedIntoItself() {
        Incident incident = incident(IncidentStatus.NEW);
        Incident sameRow = incident(IncidentStatus.NEW);

        assertThatThrownBy(() -> incident.mergeInto(sameRow, NOW))
                .isInstanceOf(IncidentConflict.class).hasMessageContaining("cannot be merged into itself");
        assertThat(incident.status).isEqualTo(IncidentStatus.NEW);
    }

    @ParameterizedTest
    @EnumSource(value = IncidentStatus.class, names = { "REJECTED", "ANSWERED", "CLOSED", "DUPLICATE" })
    void anIncidentCanOnlyBeMergedIntoAnOpenOne(IncidentStatus mainStatus) {
        Incident incident = incident(IncidentStatus.ASSIGNED);
        Incident main = incident(mainStatus);
        main.id = 7L;
        main.number = "OTK-2026-000007";

        assertThatThrownBy(() -> incident.mergeInto(main, NOW))
                .isInstanceOf(IncidentConflict.class)
                .hasMessageContaining("OTK-2026-000007 is " + mainStatus);
        assertThat(incident.status).isEqualTo(IncidentStatus.ASSIGNED);
        assertThat(incident.duplicateOf).isNull();
    }

    @ParameterizedTest
    @EnumSource(IncidentStatus.class)
    void aNoteIsAStaffOnlyEventThatChangesNothing(IncidentStatus status) {
        Incident incident = incident(status);

        IncidentChange change = incident.note("позвонить заявителю");

        assertEvent(change, incident, IncidentEventType.NOTE, "позвонить заявителю");
        assertThat(change.visibleToCitizen()).isFalse();
        assertThat(incident.status).isEqualTo(status);
        assertThat(incident.firstRespondedAt).as("a note is no response to the resident").isNull();
    }

    @Test
    void closingStoresWhenTheIncidentClosed() {
        Incident incident = answered(EARLIER);

        IncidentChange change = incident.close(NOW);

        assertThat(incident.status).isEqualTo(IncidentStatus.CLOSED);
        assertThat(incident.closedAt).isEqualTo(NOW);
        assertEvent(change, incident, IncidentEventType.CLOSED, null);
    }

    @Test
    void anAcceptedAnswerClosesTheIncident() {
        Incident incident = answered(EARLIER);

        IncidentChange change = incident.rate(true, "Спасибо", RATING_PERIOD, NOW.plus(Duration.ofDays(3)), NOW);

        assertThat(incident.status).isEqualTo(IncidentStatus.CLOSED);
        assertThat(incident.closedAt).isEqualTo(NOW);
        assertThat(incident.ratingAccepted).isTrue();
        assertThat(incident.ratingComment).isEqualTo("Спасибо");
        assertThat(incident.ratedAt).isEqualTo(NOW);
        assertThat(incident.reopenCount).isZero();
        assertEvent(change, incident, IncidentEventType.RATED, "Спасибо");
    }

    @Test
    void aContestedAnswerReopensTheIncidentWithANewDeadline() {
        Incident incident = answered(EARLIER);
        incident.reopenCount = 1;
        Instant reopenedDue = NOW.plus(Duration.ofDays(3));

        IncidentChange change = incident.rate(false, "Яма осталась", RATING_PERIOD, reopenedDue, NOW);

        assertThat(incident.status).isEqualTo(IncidentStatus.REOPENED);
        assertThat(incident.reopenCount).isEqualTo(2);
        assertThat(incident.resolutionDue).isEqualTo(reopenedDue);
        assertThat(incident.ratingAccepted).isFalse();
        assertThat(incident.ratedAt).isEqualTo(NOW);
        assertThat(incident.closedAt).isNull();
        assertEvent(change, incident, IncidentEventType.REOPENED, "Яма осталась");
    }

    @Test
    void anAnswerCanBeRatedUntilTheLastInstantOfTheRatingPeriod() {
        Incident incident = answered(NOW.minus(RATING_PERIOD));

        incident.rate(true, null, RATING_PERIOD, NOW, NOW);

        assertThat(incident.status).isEqualTo(IncidentStatus.CLOSED);
    }

    @Test
    void anAnswerCannotBeRatedAfterTheRatingPeriod() {
        Incident incident = answered(NOW.minus(RATING_PERIOD).minusMillis(1));

        assertThatThrownBy(() -> incident.rate(false, null, RATING_PERIOD, NOW, NOW))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.kind()).isEqualTo(ProblemType.CONFLICT))
                .hasMessageContaining("within 14 days");
        assertThat(incident.status).isEqualTo(IncidentStatus.ANSWERED);
        assertThat(incident.ratedAt).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = IncidentStatus.class, names = "ANSWERED", mode = EnumSource.Mode.EXCLUDE)
    void onlyAnAnsweredIncidentCanBeRatedAndTheAuthorIsOfferedNoAction(IncidentStatus status) {
        Incident incident = incident(status);
        incident.answeredAt = EARLIER;

        assertThatThrownBy(() -> incident.rate(true, null, RATING_PERIOD, NOW, NOW))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemType.CONFLICT);
                    assertThat(e.extensions()).isEqualTo(Map.of("allowedActions", List.of()));
                })
                .hasMessageContaining("this one is " + status);
        assertThat(incident.status).isEqualTo(status);
    }

    @Test
    void mailsGoToTheAddressGivenForThemElseToTheContactAddress() {
        Incident incident = incident(IncidentStatus.NEW);
        incident.contactEmail = "contact@example.org";
        assertThat(incident.mailAddress()).isEqualTo("contact@example.org");

        incident.notifyEmail = "verified@example.org";
        assertThat(incident.mailAddress()).isEqualTo("verified@example.org");
    }
}
