package org.otklik.poll;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

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
        for (int attempt = 0; attempt < 200; attempt++) {
            Optional<Integer> done = tallies.exclusively(TallyRepository.LIVE_LOCK, live::refresh)
                    .await().atMost(Duration.ofSeconds(30));
            if (done.isPresent()) {
                return done.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the LIVE lock stayed taken for 10 s");
    }
}
