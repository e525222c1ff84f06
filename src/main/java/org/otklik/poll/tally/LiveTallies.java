package org.otklik.poll.tally;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.poll.PollsConfig;
import org.otklik.poll.ballot.BallotKeys;
import org.otklik.poll.ballot.BallotSeal;
import org.otklik.poll.ballot.SealedBallot;
import org.otklik.poll.tally.TallyRepository.TallyRow;

import io.smallrye.mutiny.Uni;

/**
 * Results before close. For each open poll, one instance at a time (the caller holds the job's lock)
 * counts the claims; once at least {@code small-group-threshold} more than the published snapshot
 * holds, it unseals the poll's ballots in memory, counts participants and options (no district, no
 * channel) and publishes that snapshot ({@code poll_public_tally}), which admin and public results
 * read until the poll is opened at close. Nothing of it is written but the totals. Unsealing runs on
 * a worker thread, one chunk after the other ({@link OffEventLoop}).
 */
@ApplicationScoped
public class LiveTallies {

    private final BallotOpeningRepository openings;
    private final PublicTallyRepository snapshots;
    private final BallotKeys keys;
    private final OffEventLoop workers;
    private final PollsConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public LiveTallies(BallotOpeningRepository openings, PublicTallyRepository snapshots, BallotKeys keys,
            OffEventLoop workers, PollsConfig config, Clock clock) {
        this.openings = openings;
        this.snapshots = snapshots;
        this.keys = keys;
        this.workers = workers;
        this.config = config;
        this.clock = clock;
    }

    /** Refreshes the snapshot of every open poll that moved a step; returns how many were published. */
    public Uni<Integer> refresh() {
        return openings.openPolls(clock.instant()).chain(ids -> refreshEach(ids, 0, 0));
    }

    private Uni<Integer> refreshEach(List<UUID> ids, int index, int published) {
        if (index >= ids.size()) {
            return Uni.createFrom().item(published);
        }
        return refresh(ids.get(index)).chain(done -> refreshEach(ids, index + 1, published + (done ? 1 : 0)));
    }

    private Uni<Boolean> refresh(UUID pollId) {
        int step = step();
        return snapshots.find(pollId).chain(current -> openings.countClaims(pollId).chain(claims -> {
            long base = current.map(PublicTallyRepository.Published::participants).orElse(0L);
            if (claims < base + step) {
                return Uni.createFrom().item(false);
            }
            return count(pollId).chain(rows -> {
                long participants = rows.getOrDefault("", 0L);
                if (participants < base + step) {
                    return Uni.createFrom().item(false);
                }
                List<TallyRow> tallies = new ArrayList<>(rows.size());
                rows.forEach((key, votes) -> tallies.add(new TallyRow("ALL", "", key, votes)));
                return snapshots.publish(pollId, participants, tallies, clock.instant(), step).map(p -> true);
            });
        }));
    }

    /** Totals per tally key of the poll's sealed ballots and of those stored in clear before sealing. */
    private Uni<Map<String, Long>> count(UUID pollId) {
        Map<String, Long> counts = new TreeMap<>();
        return openings.inLongTransaction(transaction -> openings.readOnlySnapshot(transaction)
                .chain(() -> keys.find(transaction, pollId))
                .chain(key -> key.isEmpty() ? Uni.createFrom().voidItem()
                        : openings.forEachSealed(transaction, pollId, salt(), PollOpening.CHUNK, chunk -> workers.run(() -> {
                            for (byte[] sealed : chunk) {
                                for (String tallyKey : SealedBallot.decode(BallotSeal.open(key.get(), pollId, sealed)).tallyKeys()) {
                                    counts.merge(tallyKey, 1L, Long::sum);
                                }
                            }
                            return null;
                        }).replaceWithVoid()))
                .chain(() -> openings.legacyTallies(transaction, pollId))
                .map(legacy -> {
                    legacy.forEach(row -> counts.merge(row.key(), row.votes(), Long::sum));
                    return counts;
                }));
    }

    private int step() {
        return Math.max(1, config.smallGroupThreshold());
    }

    private byte[] salt() {
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        return salt;
    }
}
