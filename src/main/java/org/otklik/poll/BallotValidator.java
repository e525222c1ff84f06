package org.otklik.poll;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.otklik.common.FieldErrors;
import org.otklik.poll.BallotRequest.AnswerRequest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Checks a whole ballot against a poll's definition and reports every failure at once. */
final class BallotValidator {

    private BallotValidator() {
    }

    static ValidBallot validate(PollDefinition definition, BallotRequest request) {
        FieldErrors errors = new FieldErrors();
        if (request == null || request.answers() == null) {
            errors.add("/answers", "must be present");
            errors.throwIfAny();
        }
        Map<String, Integer> indexOf = new HashMap<>();
        List<AnswerRequest> answers = request.answers();
        for (int i = 0; i < answers.size(); i++) {
            String pointer = "/answers/" + i;
            AnswerRequest answer = answers.get(i);
            if (answer == null) {
                errors.add(pointer, "must be an object");
                continue;
            }
            if (answer.questionId() == null) {
                errors.add(pointer + "/questionId", "must be present");
                continue;
            }
            var question = definition.question(answer.questionId());
            if (question.isEmpty()) {
                errors.add(pointer + "/questionId", "this poll has no such question");
            } else if (indexOf.putIfAbsent(answer.questionId(), i) != null) {
                errors.add(pointer + "/questionId", "answered twice");
            } else {
                check(question.get(), answer, pointer, errors);
            }
        }
        for (Question question : definition.questions()) {
            if (question.required() && !indexOf.containsKey(question.id())) {
                errors.add("/answers", "question " + question.id() + " is required");
            }
        }
        errors.throwIfAny();

        JsonArray stored = new JsonArray();
        List<String> keys = new ArrayList<>();
        keys.add("");
        for (Question question : definition.questions()) {
            Integer index = indexOf.get(question.id());
            if (index == null) {
                continue;
            }
            AnswerRequest answer = answers.get(index);
            JsonObject entry = new JsonObject().put("questionId", question.id());
            keys.add(question.id());
            switch (question.type()) {
                case SINGLE, MULTIPLE -> {
                    entry.put("optionCodes", new JsonArray(List.copyOf(answer.optionCodes())));
                    answer.optionCodes().forEach(code -> keys.add(question.id() + "=" + code));
                }
                case RATING -> {
                    entry.put("rating", answer.rating());
                    keys.add(question.id() + "=" + answer.rating());
                }
                case TEXT -> entry.put("text", answer.text().strip());
            }
            stored.add(entry);
        }
        return new ValidBallot(stored, keys.toArray(String[]::new));
    }

    private static void check(Question question, AnswerRequest answer, String pointer, FieldErrors errors) {
        QuestionType type = question.type();
        boolean choice = type == QuestionType.SINGLE || type == QuestionType.MULTIPLE;
        notFor(answer.optionCodes() != null && !choice, pointer + "/optionCodes", type, errors);
        notFor(answer.rating() != null && type != QuestionType.RATING, pointer + "/rating", type, errors);
        notFor(answer.text() != null && type != QuestionType.TEXT, pointer + "/text", type, errors);
        switch (type) {
            case SINGLE, MULTIPLE -> {
                List<String> codes = answer.optionCodes();
                if (codes == null) {
                    errors.add(pointer + "/optionCodes", "must be present for a " + type + " question");
                    return;
                }
                int min = type == QuestionType.SINGLE ? 1 : question.min();
                int max = type == QuestionType.SINGLE ? 1 : question.max();
                if (codes.size() < min || codes.size() > max) {
                    errors.add(pointer + "/optionCodes", min == max ? "choose exactly " + min
                            : "choose between " + min + " and " + max + " options");
                }
                Set<String> seen = new HashSet<>();
                for (int j = 0; j < codes.size(); j++) {
                    String code = codes.get(j);
                    if (code == null || !question.hasOption(code)) {
                        errors.add(pointer + "/optionCodes/" + j, "this question has no such option");
                    } else if (!seen.add(code)) {
                        errors.add(pointer + "/optionCodes/" + j, "chosen twice");
                    }
                }
            }
            case RATING -> {
                if (answer.rating() == null) {
                    errors.add(pointer + "/rating", "must be present for a RATING question");
                } else if (answer.rating() < 1 || answer.rating() > question.scale()) {
                    errors.add(pointer + "/rating", "must be between 1 and " + question.scale());
                }
            }
            case TEXT -> {
                if (answer.text() == null || answer.text().isBlank()) {
                    errors.add(pointer + "/text", "must not be blank");
                } else {
                    String text = answer.text().strip();
                    if (text.indexOf('\0') >= 0) {
                        errors.add(pointer + "/text", "must not contain NUL characters");
                    } else if (text.codePointCount(0, text.length()) > question.maxLength()) {
                        errors.add(pointer + "/text", "must be at most " + question.maxLength() + " characters");
                    }
                }
            }
        }
    }

    private static void notFor(boolean present, String pointer, QuestionType type, FieldErrors errors) {
        if (present) {
            errors.add(pointer, "is not allowed for a " + type + " question");
        }
    }
}
