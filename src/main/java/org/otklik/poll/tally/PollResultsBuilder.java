package org.otklik.poll.tally;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.otklik.common.SmallGroups;
import org.otklik.poll.PollResultsView;
import org.otklik.poll.PollResultsView.Breakdown;
import org.otklik.poll.PollResultsView.GroupResult;
import org.otklik.poll.PollResultsView.QuestionResult;
import org.otklik.poll.PollSnapshot;
import org.otklik.poll.PollTimes;
import org.otklik.poll.definition.PollDefinition;
import org.otklik.poll.definition.Tally;
import org.otklik.poll.tally.TallyRepository.TallyRow;

/** Turns tally rows into the results view, hiding breakdown groups that are too small. */
final class PollResultsBuilder {

    private PollResultsBuilder() {
    }

    static PollResultsView build(PollSnapshot poll, List<TallyRow> rows, int threshold, PollTimes.Now now) {
        return build(poll, rows, threshold, now, now.instant());
    }

    /** asOf: when the rows were read from the tallies (a published LIVE snapshot is older than now). */
    static PollResultsView build(PollSnapshot poll, List<TallyRow> rows, int threshold, PollTimes.Now now, Instant asOf) {
        Map<String, Map<String, Map<String, Long>>> byDimension = new HashMap<>();
        for (TallyRow row : rows) {
            byDimension.computeIfAbsent(row.dimension(), d -> new TreeMap<>())
                    .computeIfAbsent(row.group(), g -> new HashMap<>())
                    .put(row.key(), row.votes());
        }
        Tally all = new Tally(byDimension.getOrDefault("ALL", Map.of()).getOrDefault("", Map.of()));
        PollDefinition definition = poll.definition();
        return new PollResultsView(poll.id(), poll.stateAt(now.instant()), all.participants(), now.local(asOf), threshold,
                questions(definition, all),
                breakdown(definition, byDimension.getOrDefault("DISTRICT", Map.of()), threshold),
                breakdown(definition, byDimension.getOrDefault("CHANNEL", Map.of()), threshold));
    }

    private static List<QuestionResult> questions(PollDefinition definition, Tally tally) {
        return definition.questions().stream().map(question -> question.type().kind().result(question, tally)).toList();
    }

    /** Per-group results with the groups too small to show hidden: see {@link SmallGroups}. */
    static Breakdown breakdown(PollDefinition definition, Map<String, Map<String, Long>> groups, int threshold) {
        List<Map.Entry<String, Tally>> largestFirst = groups.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new Tally(e.getValue())))
                .filter(e -> e.getValue().participants() > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, Tally> e) -> e.getValue().participants())
                        .thenComparing(Map.Entry::getKey).reversed())
                .toList();
        SmallGroups.Shown<Map.Entry<String, Tally>> shown = SmallGroups.hide(largestFirst, e -> e.getValue().participants(),
                threshold);
        List<GroupResult> results = shown.groups().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new GroupResult(e.getKey(), e.getValue().participants(), questions(definition, e.getValue())))
                .toList();
        return new Breakdown(results, shown.hiddenGroups());
    }
}
