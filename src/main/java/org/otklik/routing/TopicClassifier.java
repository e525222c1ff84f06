package org.otklik.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Suggests a topic from the categories' Russian keywords. Text and keywords are both reduced to
 * Snowball stems, so "ямы", "яму" and "ямой" all match "яма"; a keyword phrase matches its stems in
 * sequence. Each match scores its length in words; the category with the highest score wins.
 */
@ApplicationScoped
public class TopicClassifier {

    public static final String FALLBACK = "other";
    private static final Set<String> DISTRICT_WORDS = Set.of("район", "р", "рн", "р-н");

    private volatile Index index;

    public TopicSuggestion suggest(ReferenceSnapshot reference, String text) {
        Index current = indexFor(reference);
        List<String> stems = RussianStems.of(text);
        Map<String, Integer> scores = new HashMap<>();
        for (Keyword keyword : current.keywords) {
            int hits = occurrences(stems, keyword.stems);
            if (hits > 0) {
                scores.merge(keyword.categoryCode, hits * keyword.stems.size(), Integer::sum);
            }
        }
        String district = detectDistrict(current, stems);
        if (scores.isEmpty()) {
            return new TopicSuggestion(FALLBACK, 0.0, district);
        }
        String best = null;
        int bestScore = 0;
        int total = 0;
        for (Category category : reference.categories()) {
            int score = scores.getOrDefault(category.code, 0);
            total += score;
            if (score > bestScore) {
                best = category.code;
                bestScore = score;
            }
        }
        double share = (double) bestScore / total;
        double strength = 1.0 - Math.pow(0.5, bestScore);
        return new TopicSuggestion(best, Math.round(share * strength * 1000) / 1000.0, district);
    }

    private static int occurrences(List<String> text, List<String> phrase) {
        int count = 0;
        outer: for (int i = 0; i + phrase.size() <= text.size(); i++) {
            for (int j = 0; j < phrase.size(); j++) {
                if (!text.get(i + j).equals(phrase.get(j))) {
                    continue outer;
                }
            }
            count++;
        }
        return count;
    }

    /** A district counts as named when its stem stands right before or after "район" / "р-н". */
    private static String detectDistrict(Index index, List<String> stems) {
        for (int i = 0; i < stems.size(); i++) {
            String district = index.districtByStem.get(stems.get(i));
            if (district == null) {
                continue;
            }
            boolean before = i + 1 < stems.size() && DISTRICT_WORDS.contains(stems.get(i + 1));
            boolean after = i > 0 && DISTRICT_WORDS.contains(stems.get(i - 1));
            if (before || after) {
                return district;
            }
        }
        return null;
    }

    private Index indexFor(ReferenceSnapshot reference) {
        Index current = index;
        if (current == null || current.snapshot != reference) {
            current = new Index(reference);
            index = current;
        }
        return current;
    }

    private record Keyword(String categoryCode, List<String> stems) {
    }

    private static final class Index {
        final ReferenceSnapshot snapshot;
        final List<Keyword> keywords = new ArrayList<>();
        final Map<String, String> districtByStem = new HashMap<>();

        Index(ReferenceSnapshot snapshot) {
            this.snapshot = snapshot;
            for (Category category : snapshot.categories()) {
                if (!snapshot.isLeaf(category.code) || category.keywordsRu == null) {
                    continue;
                }
                for (String keyword : category.keywordsRu) {
                    List<String> stems = RussianStems.of(keyword);
                    if (!stems.isEmpty()) {
                        keywords.add(new Keyword(category.code, stems));
                    }
                }
            }
            for (District district : snapshot.districts()) {
                List<String> stems = RussianStems.of(district.nameRu);
                if (stems.size() == 1) {
                    districtByStem.put(stems.get(0), district.code);
                }
            }
        }
    }
}
