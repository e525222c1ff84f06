package org.otklik.poll.definition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The counts of one group of ballots by tally key, and the one place that knows the key format:
 * '' counts the participants, {@code q1} the ballots that answered question q1, {@code q1=value} the
 * ballots that chose the value (an option code, a rating) in q1.
 */
public final class Tally {

    static final String PARTICIPANTS = "";

    private final Map<String, Long> counts;

    public Tally(Map<String, Long> counts) {
        this.counts = counts;
    }

    public long participants() {
        return counts.getOrDefault(PARTICIPANTS, 0L);
    }

    long answered(String questionId) {
        return counts.getOrDefault(answeredKey(questionId), 0L);
    }

    long chosen(String questionId, Object value) {
        return counts.getOrDefault(choiceKey(questionId, value), 0L);
    }

    private static String answeredKey(String questionId) {
        return questionId;
    }

    private static String choiceKey(String questionId, Object value) {
        return questionId + "=" + value;
    }

    /** The tally keys one ballot adds one to; every ballot counts as a participant. */
    public static final class Keys {

        private final List<String> keys = new ArrayList<>(List.of(PARTICIPANTS));

        public void answered(String questionId) {
            keys.add(answeredKey(questionId));
        }

        void chosen(String questionId, Object value) {
            keys.add(choiceKey(questionId, value));
        }

        public String[] toArray() {
            return keys.toArray(String[]::new);
        }
    }
}
