package org.otklik.poll;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.testsupport.Await;

/**
 * A LIVE round run by a test itself. {@link TallyJobs#refreshLive()} skips its round while another one holds the
 * lock (the scheduled round, which may have read the ballots before the test's last vote); this one waits for that
 * round to end and then runs its own.
 */
@ApplicationScoped
class LiveRounds {

    private final TallyRepository tallies;
    private final LiveTallies live;

    LiveRounds(TallyRepository tallies, LiveTallies live) {
        this.tallies = tallies;
        this.live = live;
    }

    int refresh() {
        return Await.find("a LIVE round of the test's own (the LIVE lock free)", Duration.ofSeconds(10),
                () -> tallies.exclusively(TallyRepository.LIVE_LOCK, live::refresh).await().atMost(Duration.ofSeconds(30)));
    }
}
