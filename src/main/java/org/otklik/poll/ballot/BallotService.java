package org.otklik.poll.ballot;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.poll.BallotReceiptView;
import org.otklik.poll.BallotRequest;
import org.otklik.poll.Poll;
import org.otklik.poll.PollDetailView.VotingView;
import org.otklik.poll.PollProblem;
import org.otklik.poll.PollRepository;
import org.otklik.poll.PollSnapshot;
import org.otklik.poll.PollState;
import org.otklik.poll.PollStatus;
import org.otklik.poll.PollTimes;
import org.otklik.poll.ReceiptView;
import org.otklik.poll.ballot.BallotRepository.BatchVote;
import org.otklik.poll.ballot.BallotRepository.Outcome;
import org.otklik.poll.definition.Eligibility;
import org.otklik.poll.definition.PollDefinition;
import org.otklik.security.Caller;

import io.smallrye.mutiny.Uni;

/** Voting: eligibility, whole-ballot validation, one vote per citizen, receipts. */
@ApplicationScoped
public class BallotService {

    static final String UNKNOWN_GROUP = "UNKNOWN";
    private static final Pattern GROUP_VALUE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final PollRepository polls;
    private final BallotRepository ballots;
    private final VoteBatcher batcher;
    private final ParticipationKeys keys;
    private final BallotKeys ballotKeys;
    private final PollTimes times;

    public BallotService(PollRepository polls, BallotRepository ballots, VoteBatcher batcher,
            ParticipationKeys keys, BallotKeys ballotKeys, PollTimes times) {
        this.ballotKeys = ballotKeys;
        this.polls = polls;
        this.ballots = ballots;
        this.batcher = batcher;
        this.keys = keys;
        this.times = times;
    }

    /**
     * Checks the vote on the request, then hands it to the batcher; answers once its batch is
     * committed. A citizen already counted gets 409, or in a poll that allows it replaces the ballot.
     */
    public Uni<BallotReceiptView> cast(UUID pollId, Caller caller, BallotRequest request) {
        return polls.findOpenSnapshot(pollId).chain(found -> {
            PollSnapshot poll = found.filter(p -> p.status() != PollStatus.DRAFT)
                    .orElseThrow(() -> ProblemException.notFound("There is no poll " + pollId + "."));
            PollTimes.Now now = times.now();
            PollState state = poll.stateAt(now.instant());
            if (state != PollState.OPEN) {
                throw notOpen(state);
            }
            checkEligible(poll.definition().eligibility(), caller, now);
            ValidBallot valid = BallotValidator.validate(poll.definition(), request);
            return store(poll, caller, valid);
        });
    }

    /**
     * Seals the ballot (with its receipt's hash, district and channel) under the poll's data key and
     * hands it to the batcher with the citizen's claim key; in a poll that allows revotes, the new
     * ballot replaces the one sealed in the claim.
     */
    private Uni<BallotReceiptView> store(PollSnapshot poll, Caller caller, ValidBallot valid) {
        PollDefinition definition = poll.definition();
        byte[] participationKey = keys.participation(poll.id(), caller.subject());
        Instant castHour = times.now().instant().truncatedTo(ChronoUnit.HOURS);
        String receipt = Receipts.issue(ballotKeys.receiptKey(), poll.id(), castHour);
        byte[] plaintext = new SealedBallot(Receipts.hash(receipt), groupValue(caller.district().orElse(null)),
                caller.channel().map(Enum::name).orElse(UNKNOWN_GROUP), valid.answers(), valid.tallyKeys()).encode();
        byte[] legacyRevoteKey = definition.allowRevote() ? keys.revote(poll.id(), caller.subject()) : null;
        return ballotKeys.forSealing(poll.id()).chain(dataKey -> {
            if (dataKey.isEmpty()) {
                return Uni.createFrom().failure(notOpen(PollState.CLOSED));
            }
            byte[] sealed = BallotSeal.seal(dataKey.get(), poll.id(), plaintext);
            return batcher.submit(new BatchVote(poll.id(), participationKey, sealed, definition.allowRevote(), legacyRevoteKey));
        }).map(stored -> switch (stored.outcome()) {
            case STORED, REPLACED -> new BallotReceiptView(poll.id(), receipt, times.local(castHour),
                    stored.outcome() == Outcome.REPLACED);
            case NOT_OPEN -> throw notOpen(PollState.CLOSED);
            case ALREADY_PARTICIPATED -> throw new ProblemException(PollProblem.ALREADY_VOTED, definition.allowRevote()
                    ? "Another ballot of yours is being recorded at this moment; try again."
                    : "You have already voted in this poll; it does not allow changing a vote.");
        });
    }

    /** For the poll page of a logged-in citizen. */
    public Uni<VotingView> votingOf(Poll poll, PollDefinition definition, Caller caller, PollTimes.Now now) {
        return ballots.hasParticipated(poll.id, keys.participation(poll.id, caller.subject())).map(hasVoted -> {
            if (poll.stateAt(now.instant()) != PollState.OPEN) {
                return new VotingView(false, hasVoted, "NOT_OPEN");
            }
            try {
                checkEligible(definition.eligibility(), caller, now);
            } catch (ProblemException e) {
                return new VotingView(false, hasVoted, "NOT_ELIGIBLE");
            }
            if (hasVoted && !definition.allowRevote()) {
                return new VotingView(false, true, "ALREADY_VOTED");
            }
            return new VotingView(true, hasVoted, null);
        });
    }

    /**
     * A signed code is checked by its signature and its poll's state alone: ACCEPTED while the poll's
     * ballots are sealed, COUNTED once opened, whether a revote replaced its ballot or not. A code of
     * the former kind is looked up by its hash.
     */
    public Uni<ReceiptView> checkReceipt(String typed) {
        String code = Receipts.normalize(typed).orElseThrow(() -> ProblemException.invalidField("/receipt",
                "is not a receipt code (" + Receipts.LENGTH + " or " + Receipts.LEGACY_LENGTH + " characters of base32)"));
        if (code.length() == Receipts.LENGTH) {
            Receipts.Signed signed = Receipts.verify(ballotKeys.receiptKey(), code).orElseThrow(Ballots::noSuchReceipt);
            return receiptView(code, signed.pollId(), signed.castHour());
        }
        return ballots.findLegacyReceipt(Receipts.hash(code)).chain(found -> {
            BallotRepository.LegacyReceipt legacy = found.orElseThrow(Ballots::noSuchReceipt);
            return receiptView(code, legacy.pollId(), legacy.castHour());
        });
    }

    private Uni<ReceiptView> receiptView(String code, UUID pollId, Instant castHour) {
        return polls.findSnapshot(pollId).map(found -> {
            PollSnapshot poll = found.orElseThrow(Ballots::noSuchReceipt);
            return new ReceiptView(code, pollId, poll.definition().title(), castHour == null ? null : times.local(castHour),
                    poll.opened() ? "COUNTED" : "ACCEPTED");
        });
    }

    private static final class Ballots {

        static ProblemException noSuchReceipt() {
            return ProblemException.notFound("No ballot has this receipt.");
        }
    }

    static void checkEligible(Eligibility eligibility, Caller caller, PollTimes.Now now) {
        if (!eligibility.districts().isEmpty()) {
            String district = caller.district().orElseThrow(() -> new ProblemException(PollProblem.NOT_ELIGIBLE,
                    "This poll is for residents of some districts, and your account names no district."));
            if (!eligibility.districts().contains(district)) {
                throw new ProblemException(PollProblem.NOT_ELIGIBLE,
                        "This poll is for residents of " + String.join(", ", eligibility.districts()) + ".");
            }
        }
        if (eligibility.minAge() != null && eligibility.minAge() > 0) {
            LocalDate birthDate = caller.birthDate().orElseThrow(() -> new ProblemException(PollProblem.NOT_ELIGIBLE,
                    "This poll has a minimum age, and your account has no birth date."));
            LocalDate today = now.today();
            if (birthDate.isAfter(today) || Period.between(birthDate, today).getYears() < eligibility.minAge()) {
                throw new ProblemException(PollProblem.NOT_ELIGIBLE,
                        "This poll is for people aged " + eligibility.minAge() + " or more.");
            }
        }
    }

    private static ProblemException notOpen(PollState state) {
        return new ProblemException(PollProblem.POLL_NOT_OPEN, switch (state) {
            case UPCOMING -> "Voting has not started yet.";
            case CLOSED, ARCHIVED -> "Voting has ended.";
            default -> "The poll is not open for voting.";
        });
    }

    private static String groupValue(String claim) {
        return claim != null && GROUP_VALUE.matcher(claim).matches() ? claim : UNKNOWN_GROUP;
    }
}
