package org.otklik.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;

/**
 * The topic suggestion against a labelled set of realistic messages: the right top-level topic
 * for at least 85% of them.
 */
@QuarkusTest
class TopicClassifierTest {

    private static final Logger LOG = Logger.getLogger(TopicClassifierTest.class);

    record Labelled(String topic, String district, String text) {
    }

    @Inject
    ReferenceCatalog catalog;

    @Inject
    TopicClassifier classifier;

    static List<Labelled> labelled() throws IOException {
        List<Labelled> messages = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                TopicClassifierTest.class.getResourceAsStream("/classification/labelled-messages.tsv"),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 3);
                messages.add(new Labelled(parts[0], "-".equals(parts[1]) ? null : parts[1], parts[2]));
            }
        }
        return messages;
    }

    @Test
    @RunOnVertxContext
    void suggestsTheRightTopLevelTopicForAtLeast85Percent(UniAsserter asserter) throws IOException {
        List<Labelled> messages = labelled();
        assertThat(messages).hasSizeGreaterThanOrEqualTo(40);
        asserter.assertThat(() -> catalog.current(), reference -> {
            int rightTopic = 0;
            int rightDistrict = 0;
            List<String> misses = new ArrayList<>();
            for (Labelled message : messages) {
                TopicSuggestion suggestion = classifier.suggest(reference, message.text());
                String topLevel = reference.topLevelOf(suggestion.categoryCode());
                if (topLevel.equals(message.topic())) {
                    rightTopic++;
                } else {
                    misses.add(message.topic() + " → " + suggestion.categoryCode() + ": " + message.text());
                }
                if (java.util.Objects.equals(suggestion.districtCode(), message.district())) {
                    rightDistrict++;
                } else {
                    misses.add("district " + message.district() + " → " + suggestion.districtCode() + ": " + message.text());
                }
            }
            double rate = (double) rightTopic / messages.size();
            String report = String.format("topic suggestion: %d of %d right (%.1f%%), district: %d of %d%n  %s",
                    rightTopic, messages.size(), rate * 100, rightDistrict, messages.size(), String.join("\n  ", misses));
            LOG.info(report);
            assertThat(rate).as(report).isGreaterThanOrEqualTo(0.85);
            assertThat(rightDistrict).as(report).isEqualTo(messages.size());
        });
    }

    @Test
    @RunOnVertxContext
    void inflectedFormsMatchTheirKeyword(UniAsserter asserter) {
        asserter.assertThat(() -> catalog.current(), reference -> {
            for (String text : List.of("Огромные ямы во дворе", "Попал в яму на дороге", "Машина застряла ямой")) {
                assertThat(classifier.suggest(reference, text).categoryCode()).as(text).isEqualTo("roads.potholes");
            }
        });
    }

    @Test
    @RunOnVertxContext
    void nothingMatchedFallsBackToOtherWithZeroConfidence(UniAsserter asserter) {
        asserter.assertThat(() -> catalog.current(), reference -> {
            TopicSuggestion suggestion = classifier.suggest(reference, "Добрый день, подскажите часы работы");
            assertThat(suggestion.categoryCode()).isEqualTo("other");
            assertThat(suggestion.confidence()).isZero();
            assertThat(suggestion.districtCode()).isNull();
        });
    }

    @Test
    @RunOnVertxContext
    void confidenceGrowsWithAgreeingEvidence(UniAsserter asserter) {
        asserter.assertThat(() -> catalog.current(), reference -> {
            double weak = classifier.suggest(reference, "яма").confidence();
            double strong = classifier.suggest(reference, "яма, асфальт разбит, выбоины").confidence();
            assertThat(weak).isBetween(0.0, 1.0);
            assertThat(strong).isGreaterThan(weak).isLessThanOrEqualTo(1.0);
        });
    }
}
