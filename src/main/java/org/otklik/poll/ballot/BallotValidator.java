package org.otklik.poll.ballot;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.otklik.common.problem.FieldErrors;
import org.otklik.poll.BallotRequest;
import org.otklik.poll.BallotRequest.AnswerRequest;
import org.otklik.poll.definition.PollDefinition;
import org.otklik.poll.definition.Question;
import org.otklik.poll.definition.Tally;

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
                question.get().type().kind().checkAnswer(question.get(), answer, pointer, errors);
            }
        }
        for (Question question : definition.questions()) {
            if (question.required() && !indexOf.containsKey(question.id())) {
                errors.add("/answers", "question " + question.id() + " is required");
            }
        }
        errors.throwIfAny();

        JsonArray stored = new JsonArray();
        Tally.Keys keys = new Tally.Keys();
        for (Question question : definition.questions()) {
            Integer index = indexOf.get(question.id());
            if (index == null) {
                continue;
            }
            JsonObject entry = new JsonObject().put("questionId", question.id());
            keys.answered(question.id());
            question.type().kind().record(question, answers.get(index), entry, keys);
            stored.add(entry);
        }
        return new ValidBallot(stored, keys.toArray());
    }
}
