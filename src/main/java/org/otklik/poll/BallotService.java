package org.otklik.poll;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.ProblemException;
import org.otklik.poll.BallotRepository.BatchVote;
import org.otklik.poll.BallotRepository.NewBallot;
import org.otklik.poll.PollDetailView.VotingView;
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
    private final PollTimes times;

    public BallotService(PollRepository polls, BallotRepository ballots, VoteBatcher batcher,
            ParticipationKeys keys, PollTimes times) {
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

    private Uni<BallotReceiptView> store(PollSnapshot poll, Caller caller, ValidBallot valid) {
        PollDefinition definition = poll.definition();
        byte[] participationKey = keys.participation(poll.id(), caller.subject());
        String receipt = Receipts.newCode();
        NewBallot ballot = new NewBallot(poll.id(), Receipts.hash(receipt),
                definition.allowRevote() ? keys.revote(poll.id(), caller.subject()) : null,
                definition.secret() ? null : participationKey,
                groupValue(caller.district().orElse(null)),
                caller.channel().map(Enum::name).orElse(UNKNOWN_GROUP),
                valid);
        return batcher.submit(new BatchVote(participationKey, ballot)).chain(stored -> switch (stored.outcome()) {
            case STORED -> Uni.createFrom().item(
                    new BallotReceiptView(poll.id(), receipt, times.local(stored.castHour()), false));
            case NOT_OPEN -> Uni.createFrom().failure(notOpen(PollState.CLOSED));
            case ALREADY_PARTICIPATED -> definition.allowRevote()
                    ? revote(ballot, receipt)
                    : Uni.createFrom().failure(new ProblemException(PollProblem.ALREADY_VOTED,
                            "You have already voted in this poll; it does not allow changing a vote."));
        });
    }

    /** A revote replaces one known ballot in a transaction of its own (see the README on what revoting costs). */
    private Uni<BallotReceiptView> revote(NewBallot ballot, String receipt) {
        Instant castHour = times.now().instant().truncatedTo(ChronoUnit.HOURS);
        return ballots.replaceBallot(ballot, castHour).map(replaced -> {
            if (!replaced) {
                throw new ProblemException(PollProblem.ALREADY_VOTED,
                        "Your earlier ballot is still being recorded; try again in a moment.");
            }
            return new BallotReceiptView(ballot.pollId(), receipt, times.local(castHour), true);
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

    public Uni<ReceiptView> checkReceipt(String typed) {
        String code = Receipts.normalize(typed)
                .orElseThrow(() -> ProblemException.badParameter("code", "is not a receipt code (26 characters of base32)"));
        return ballots.findReceipt(Receipts.hash(code)).chain(found -> {
            BallotRepository.ReceiptRecord receipt = found
                    .orElseThrow(() -> ProblemException.notFound("No ballot has this receipt."));
            return polls.findSnapshot(receipt.pollId()).map(poll -> new ReceiptView(code, receipt.pollId(),
                    poll.map(p -> p.definition().title()).orElse(null), times.local(receipt.castHour()),
                    receipt.replaced() ? "REPLACED" : "COUNTED"));
        });
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
