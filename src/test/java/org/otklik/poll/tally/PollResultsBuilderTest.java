package org.otklik.poll.tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.otklik.common.LocalizedText;
import org.otklik.poll.PollResultsView.Breakdown;
import org.otklik.poll.PollResultsView.GroupResult;
import org.otklik.poll.definition.Eligibility;
import org.otklik.poll.definition.PollDefinition;
import org.otklik.poll.definition.Question;
import org.otklik.poll.definition.QuestionType;
import org.otklik.poll.definition.ResultsPolicy;

class PollResultsBuilderTest {

    private static final PollDefinition DEFINITION = new PollDefinition(new LocalizedText("Опрос", null), null,
            new Eligibility(List.of(), null), ResultsPolicy.LIVE, true, false,
            List.of(new Question("q1", QuestionType.RATING, new LocalizedText("Оценка", null), true, null, null, 3, null, null)));

    private static Breakdown breakdown(int threshold, long... sizes) {
        Map<String, Map<String, Long>> groups = new LinkedHashMap<>();
        for (int i = 0; i < sizes.length; i++) {
            groups.put("g" + i, Map.of("", sizes[i], "q1", sizes[i], "q1=2", sizes[i]));
        }
        return PollResultsBuilder.breakdown(DEFINITION, groups, threshold);
    }

    private static List<String> shown(Breakdown breakdown) {
        return breakdown.groups().stream().map(GroupResult::group).toList();
    }

    @Test
    void groupsAtTheThresholdAreShown() {
        Breakdown b = breakdown(10, 10, 25);
        assertThat(shown(b)).containsExactly("g0", "g1");
        assertThat(b.hiddenGroups()).isZero();
    }

    @Test
    void aSmallGroupHidesTheNextSmallestTooSoThatSubtractionRevealsNothing() {
        Breakdown b = breakdown(10, 3, 40, 12);
        assertThat(shown(b)).containsExactly("g1");
        assertThat(b.hiddenGroups()).isEqualTo(2);
    }

    @Test
    void smallGroupsThatTogetherReachTheThresholdNeedNoMore() {
        Breakdown b = breakdown(10, 4, 7, 11, 30);
        assertThat(shown(b)).containsExactly("g2", "g3");
        assertThat(b.hiddenGroups()).isEqualTo(2);
    }

    @Test
    void emptyGroupsAreNeitherShownNorCounted() {
        Breakdown b = breakdown(10, 0, 15);
        assertThat(shown(b)).containsExactly("g1");
        assertThat(b.hiddenGroups()).isZero();
        assertThat(b.groups().get(0).questions().get(0).mean()).isEqualTo(2.0);
    }

    @Test
    void theCanonicalJsonIsSortedCompactAndStable() {
        String json = DEFINITION.canonicalJson();
        assertThat(json).startsWith("{\"allowRevote\":false,\"eligibility\":{\"districts\":[]},\"questions\":[{\"id\":\"q1\",");
        assertThat(json).doesNotContain(" :").doesNotContain("null").doesNotContain("\n");
        assertThat(PollDefinition.fromCanonicalJson(json).hash()).isEqualTo(DEFINITION.hash()).hasSize(64);
    }
}
