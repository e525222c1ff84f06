package org.otklik.poll.tally;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.testsupport.Await;

/**
 * The tally jobs' rounds run by a test itself. A LIVE round: {@link TallyJobs#refreshLive()} skips its round while
 * another one holds the lock (the scheduled round, which may have read the ballots before the test's last vote); this
 * one waits for that round to end and then runs its own. The consistency check: as its schedule runs it.
 */
@ApplicationScoped
public class LiveRounds {

    private final TallyRepository tallies;
    private final LiveTallies live;
    private final TallyJobs jobs;

    LiveRounds(TallyRepository tallies, LiveTallies live, TallyJobs jobs) {
        this.tallies = tallies;
        this.live = live;
        this.jobs = jobs;
    }

    public int refresh() {
        return Await.find("a LIVE round of the test's own (the LIVE lock free)", Duration.ofSeconds(10),
                () -> tallies.exclusively(TallyRepository.LIVE_LOCK, live::refresh).await().atMost(Duration.ofSeconds(30)));
    }

    public void checkConsistency() {
        jobs.scheduledCheck().await().indefinitely();
    }
}
