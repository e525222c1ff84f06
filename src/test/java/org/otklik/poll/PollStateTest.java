package org.otklik.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a poll is at a moment: the admin's status, and for a published poll its opening and closing times. */
class PollStateTest {

    private static final Instant OPENS = Instant.parse("2026-07-01T05:00:00Z");
    private static final Instant CLOSES = Instant.parse("2026-07-21T17:00:00Z");
    private static final Instant BEFORE = OPENS.minus(Duration.ofDays(3));
    private static final Instant DURING = OPENS.plus(Duration.ofDays(3));
    private static final Instant AFTER = CLOSES.plus(Duration.ofDays(3));

    private static PollState published(Instant now) {
        return PollState.of(PollStatus.PUBLISHED, OPENS, CLOSES, now);
    }

    @Test
    void aPublishedPollIsUpcomingUntilItOpens() {
        assertThat(published(BEFORE)).isEqualTo(PollState.UPCOMING);
        assertThat(published(OPENS.minusNanos(1))).isEqualTo(PollState.UPCOMING);
    }

    @Test
    void aPublishedPollIsOpenFromItsOpeningInstant() {
        assertThat(published(OPENS)).isEqualTo(PollState.OPEN);
        assertThat(published(DURING)).isEqualTo(PollState.OPEN);
        assertThat(published(CLOSES.minusNanos(1))).isEqualTo(PollState.OPEN);
    }

    @Test
    void aPublishedPollIsClosedFromItsClosingInstant() {
        assertThat(published(CLOSES)).isEqualTo(PollState.CLOSED);
        assertThat(published(AFTER)).isEqualTo(PollState.CLOSED);
    }

    @ParameterizedTest
    @EnumSource(value = PollStatus.class, names = "PUBLISHED", mode = EnumSource.Mode.EXCLUDE)
    void anUnpublishedClosedOrArchivedPollIsWhatItsStatusSaysWhateverTheTime(PollStatus status) {
        PollState expected = PollState.valueOf(status.name());
        for (Instant now : new Instant[] { BEFORE, OPENS, DURING, CLOSES, AFTER }) {
            assertThat(PollState.of(status, OPENS, CLOSES, now)).as("%s at %s", status, now).isEqualTo(expected);
        }
    }

    @Test
    void aPollClosedByAnAdminBeforeItsClosingTimeIsClosed() {
        assertThat(PollState.of(PollStatus.CLOSED, OPENS, CLOSES, DURING)).isEqualTo(PollState.CLOSED);
    }

    @Test
    void votingHasOpenedOnceThePollHasBeenOpen() {
        assertThat(PollState.OPEN.votingHasOpened()).isTrue();
        assertThat(PollState.CLOSED.votingHasOpened()).isTrue();
        assertThat(PollState.ARCHIVED.votingHasOpened()).isTrue();
        assertThat(PollState.DRAFT.votingHasOpened()).isFalse();
        assertThat(PollState.UPCOMING.votingHasOpened()).isFalse();
    }
}
