package org.otklik.poll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.otklik.poll.PollResultsView.Breakdown;
import org.otklik.poll.PollResultsView.GroupResult;
import org.otklik.poll.PollResultsView.OptionResult;
import org.otklik.poll.PollResultsView.QuestionResult;
import org.otklik.poll.PollResultsView.RatingCount;
import org.otklik.poll.TallyRepository.TallyRow;

/** Turns tally rows into the results view, hiding breakdown groups that are too small. */
final class PollResultsBuilder {

    private PollResultsBuilder() {
    }

    static PollResultsView build(PollSnapshot poll, List<TallyRow> rows, int threshold, Instant now) {
        return build(poll, rows, threshold, now, now);
    }

    /** asOf: when the rows were read from the tallies (a published LIVE snapshot is older than now). */
    static PollResultsView build(PollSnapshot poll, List<TallyRow> rows, int threshold, Instant now, Instant asOf) {
        Map<String, Map<String, Map<String, Long>>> byDimension = new HashMap<>();
        for (TallyRow row : rows) {
            byDimension.computeIfAbsent(row.dimension(), d -> new TreeMap<>())
                    .computeIfAbsent(row.group(), g -> new HashMap<>())
                    .put(row.key(), row.votes());
        }
        Map<String, Long> all = byDimension.getOrDefault("ALL", Map.of()).getOrDefault("", Map.of());
        PollDefinition definition = poll.definition();
        return new PollResultsView(poll.id(), poll.stateAt(now), all.getOrDefault("", 0L), PollTimes.local(asOf), threshold,
                questions(definition, all),
                breakdown(definition, byDimension.getOrDefault("DISTRICT", Map.of()), threshold),
                breakdown(definition, byDimension.getOrDefault("CHANNEL", Map.of()), threshold));
    }

    private static List<QuestionResult> questions(PollDefinition definition, Map<String, Long> counts) {
        List<QuestionResult> results = new ArrayList<>();
        for (Question question : definition.questions()) {
            long answered = counts.getOrDefault(question.id(), 0L);
            results.add(switch (question.type()) {
                case SINGLE, MULTIPLE -> new QuestionResult(question.id(), question.type(), question.title(), answered,
                        question.options().stream().map(option -> {
                            long count = counts.getOrDefault(question.id() + "=" + option.code(), 0L);
                            return new OptionResult(option.code(), option.title(), count, ratio(count, answered, 10_000));
                        }).toList(), null, null);
                case RATING -> {
                    List<RatingCount> distribution = new ArrayList<>();
                    long sum = 0;
                    for (int value = 1; value <= question.scale(); value++) {
                        long count = counts.getOrDefault(question.id() + "=" + value, 0L);
                        distribution.add(new RatingCount(value, count));
                        sum += count * value;
                    }
                    yield new QuestionResult(question.id(), question.type(), question.title(), answered, null,
                            answered == 0 ? null : ratio(sum, answered, 100), distribution);
                }
                case TEXT -> new QuestionResult(question.id(), question.type(), question.title(), answered, null, null, null);
            });
        }
        return results;
    }

    /**
     * Hides groups under the threshold. When the hidden groups together are fewer than the threshold,
     * the smallest shown groups are hidden too: otherwise subtracting the shown groups from the total
     * would reveal the small group.
     */
    static Breakdown breakdown(PollDefinition definition, Map<String, Map<String, Long>> groups, int threshold) {
        List<Map.Entry<String, Map<String, Long>>> present = new ArrayList<>(groups.entrySet().stream()
                .filter(e -> e.getValue().getOrDefault("", 0L) > 0).toList());
        present.sort(Comparator.comparingLong((Map.Entry<String, Map<String, Long>> e) -> e.getValue().getOrDefault("", 0L))
                .thenComparing(Map.Entry::getKey));
        int hidden = 0;
        long hiddenParticipants = 0;
        while (hidden < present.size()) {
            long participants = present.get(hidden).getValue().getOrDefault("", 0L);
            boolean small = participants < threshold;
            boolean revealsHidden = hiddenParticipants > 0 && hiddenParticipants < threshold;
            if (!small && !revealsHidden) {
                break;
            }
            hiddenParticipants += participants;
            hidden++;
        }
        List<GroupResult> shown = present.subList(hidden, present.size()).stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new GroupResult(e.getKey(), e.getValue().getOrDefault("", 0L), questions(definition, e.getValue())))
                .toList();
        return new Breakdown(shown, hidden);
    }

    private static double ratio(long part, long whole, int scale) {
        return whole == 0 ? 0.0 : Math.round((double) part * scale / whole) / (double) scale;
    }
}
