package org.otklik.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.otklik.routing.ReferenceSnapshots.category;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The one walk up the topic tree ({@link ReferenceSnapshot#selfAndAncestors}) and the rules that ask it. */
class TopicTreeTest {

    private static ReferenceSnapshot reference() {
        Category roads = category("roads", null, "Дороги", "Roads");
        roads.firstResponseHours = 8;
        roads.resolutionDays = 30;
        Category potholes = category("roads.potholes", "roads", "Ямы", "Potholes");
        potholes.resolutionDays = 10;
        Category deep = category("roads.potholes.deep", "roads.potholes", "Глубокие ямы", "Deep potholes");
        Category yards = category("yards", null, "Дворы", "Yards");
        return ReferenceSnapshots.of(List.of(roads, potholes, deep, yards), List.of(), List.of());
    }

    @Test
    void theWalkGoesFromTheCategoryUpToItsTopLevelTopicNearestFirst() {
        assertThat(reference().selfAndAncestors("roads.potholes.deep")).extracting(c -> c.code)
                .containsExactly("roads.potholes.deep", "roads.potholes", "roads");
        assertThat(reference().selfAndAncestors("yards")).extracting(c -> c.code).containsExactly("yards");
        assertThat(reference().selfAndAncestors("unknown")).isEmpty();
        assertThat(reference().selfAndAncestors(null)).isEmpty();
    }

    @Test
    void termsAreInheritedFromTheNearestTopicThatSetsThem() {
        assertThat(reference().resolutionDays("roads.potholes.deep")).contains(10);
        assertThat(reference().firstResponseHours("roads.potholes.deep")).contains(8);
        assertThat(reference().resolutionDays("yards")).isEmpty();
    }

    @Test
    void theTopLevelTopicIsTheWalksLastStepOrTheCodeItselfWhenUnknown() {
        assertThat(reference().topLevelOf("roads.potholes.deep")).isEqualTo("roads");
        assertThat(reference().topLevelOf("roads")).isEqualTo("roads");
        assertThat(reference().topLevelOf("unknown")).isEqualTo("unknown");
    }

    @Test
    void theDirectSubTopicsAreListedInTheReferenceOrder() {
        assertThat(reference().childrenOf("roads")).containsExactly("roads.potholes");
        assertThat(reference().subtree("roads")).containsExactly("roads", "roads.potholes", "roads.potholes.deep");
    }
}
