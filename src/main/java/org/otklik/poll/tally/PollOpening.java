package org.otklik.poll.tally;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import javax.crypto.SecretKey;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.otklik.poll.PollRepository;
import org.otklik.poll.ballot.BallotKeys;
import org.otklik.poll.ballot.BallotRepository;
import org.otklik.poll.ballot.BallotSeal;
import org.otklik.poll.ballot.SealedBallot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Opening a poll's ballots at close, exactly once across instances: the vote lock (exclusive) waits
 * for the batches that saw the poll open; then one transaction, holding the poll's row lock, unseals
 * the last ballot of every claim, writes them in a random order (SHA-256 of a SecureRandom salt and
 * the claim key across chunks, {@link Collections#shuffle} with SecureRandom within each), writes the
 * final tallies, erases the sealed ballots and destroys the poll's data key. Unsealing, shuffling and
 * encoding a chunk run on a worker thread ({@link OffEventLoop}), the SQL on the event loop. A second opener waits
 * for the row lock and finds the poll opened; a failed opening rolls back whole and is retried.
 */
@ApplicationScoped
public class PollOpening {

    private static final Logger LOG = Logger.getLogger(PollOpening.class);
    /** Sealed ballots read, opened and written per round trip. */
    static final int CHUNK = 5000;

    private final BallotOpeningRepository openings;
    private final BallotRepository ballots;
    private final PublicTallyRepository publicTallies;
    private final PollRepository polls;
    private final BallotKeys keys;
    private final OffEventLoop workers;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Timer opened;
    private final Timer failed;
    private final Counter failures;

    public PollOpening(BallotOpeningRepository openings, BallotRepository ballots, PublicTallyRepository publicTallies,
            PollRepository polls, BallotKeys keys, OffEventLoop workers, Clock clock, MeterRegistry registry) {
        this.openings = openings;
        this.ballots = ballots;
        this.publicTallies = publicTallies;
        this.polls = polls;
        this.keys = keys;
        this.workers = workers;
        this.clock = clock;
        this.opened = closeTimer(registry, "opened");
        this.failed = closeTimer(registry, "failed");
        this.failures = Counter.builder("otklik.polls.close.failures")
                .description("Openings of a closed poll's sealed ballots that failed (rolled back; retried by the closing job)")
                .register(registry);
    }

    private static Timer closeTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("otklik.polls.close.duration")
                .description("Time to open a closed poll's sealed ballots and write its final tallies")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
    }

    /** Opens the poll's ballots if it has closed and they were not opened yet; true when this call opened them. */
    public Uni<Boolean> open(UUID pollId) {
        long start = System.nanoTime();
        return openings.waitForVoteBatches(pollId)
                .chain(() -> openings.inLongTransaction(transaction -> openings.lockPoll(transaction, pollId)
                        .chain(state -> !state.found() || state.opened() || !state.due() ? Uni.createFrom().item(-1L)
                                : openLocked(transaction, pollId))))
                .map(ballots -> {
                    if (ballots < 0) {
                        return false;
                    }
                    opened.record(Duration.ofNanos(System.nanoTime() - start));
                    LOG.infof("Poll %s: ballots opened and counted (%d)", pollId, ballots);
                    return true;
                })
                .onFailure().invoke(failure -> {
                    failed.record(Duration.ofNanos(System.nanoTime() - start));
                    failures.increment();
                    LOG.errorf("Poll %s: opening its ballots failed, nothing was changed; it is retried: %s", pollId,
                            failure.toString());
                });
    }

    private Uni<Long> openLocked(SqlConnection transaction, UUID pollId) {
        return keys.find(transaction, pollId).chain(key -> openings.countSealed(transaction, pollId).chain(sealed -> {
            if (sealed > 0 && key.isEmpty()) {
                return Uni.createFrom().failure(new IllegalStateException("sealed ballots without a key"));
            }
            Uni<Void> written = sealed == 0 ? Uni.createFrom().voidItem()
                    : openings.forEachSealed(transaction, pollId, salt(), CHUNK,
                            chunk -> workers.run(() -> BallotRepository.openedRows(unseal(key.get(), pollId, chunk)))
                                    .chain(rows -> ballots.insertOpened(transaction, pollId, rows, sealed)));
            return written.chain(() -> keys.destroy(transaction, pollId)).chain(() -> finish(transaction, pollId));
        }));
    }

    /**
     * Ends the opening: ballots stored in clear before sealing lose their keys and hour, the tallies are written
     * from all the poll's ballots, the sealed ballots are erased from their claims, and the poll is marked opened.
     * Returns the number of ballots counted.
     */
    private Uni<Long> finish(SqlConnection transaction, UUID pollId) {
        return ballots.forgetVoters(transaction, pollId)
                .chain(() -> openings.writeFinalTallies(transaction, pollId))
                .chain(() -> ballots.eraseSealed(transaction, pollId))
                .chain(() -> publicTallies.delete(transaction, pollId))
                .chain(() -> polls.markOpened(transaction, pollId))
                .chain(() -> openings.countBallots(transaction, pollId));
    }

    private List<SealedBallot> unseal(SecretKey key, UUID pollId, List<byte[]> chunk) {
        List<SealedBallot> ballots = new ArrayList<>(chunk.size());
        for (byte[] sealed : chunk) {
            ballots.add(SealedBallot.decode(BallotSeal.open(key, pollId, sealed)));
        }
        Collections.shuffle(ballots, random);
        return ballots;
    }

    private byte[] salt() {
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        return salt;
    }

    /** Opens every poll that is due, one after the other; a failure of one does not stop the others. */
    public Uni<Integer> openDue() {
        return openings.pollsToOpen(clock.instant()).chain(ids -> openEach(ids, 0, 0));
    }

    private Uni<Integer> openEach(List<UUID> ids, int index, int done) {
        if (index >= ids.size()) {
            return Uni.createFrom().item(done);
        }
        return open(ids.get(index)).onFailure().recoverWithItem(false)
                .chain(opened -> openEach(ids, index + 1, done + (opened ? 1 : 0)));
    }
}
