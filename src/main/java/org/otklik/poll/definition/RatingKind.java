package org.otklik.poll.definition;

import java.util.ArrayList;
import java.util.List;

import org.otklik.common.LocalizedText;
import org.otklik.common.problem.FieldErrors;
import org.otklik.poll.BallotRequest.AnswerRequest;
import org.otklik.poll.PollResultsCsv;
import org.otklik.poll.PollResultsView.QuestionResult;
import org.otklik.poll.PollResultsView.RatingCount;
import org.otklik.poll.definition.PollRequest.QuestionRequest;

import io.vertx.core.json.JsonObject;

/** RATING questions: a whole number from 1 to the question's scale (2–10). */
final class RatingKind implements QuestionKind {

    @Override
    public Question define(QuestionRequest request, String id, LocalizedText title, boolean required, String pointer,
            FieldErrors errors) {
        QuestionType type = request.type();
        QuestionKind.refuse(request.min(), pointer + "/min", type, errors);
        QuestionKind.refuse(request.max(), pointer + "/max", type, errors);
        QuestionKind.refuse(request.maxLength(), pointer + "/maxLength", type, errors);
        QuestionKind.refuse(request.options(), pointer + "/options", type, errors);
        Integer scale = request.scale();
        if (scale == null) {
            errors.add(pointer + "/scale", "must be present for a RATING question");
        } else if (scale < 2 || scale > 10) {
            errors.add(pointer + "/scale", "must be between 2 and 10");
        }
        return new Question(id, type, title, required, null, null, scale, null, null);
    }

    @Override
    public void checkAnswer(Question question, AnswerRequest answer, String pointer, FieldErrors errors) {
        QuestionKind.refuse(answer.optionCodes(), pointer + "/optionCodes", question.type(), errors);
        QuestionKind.refuse(answer.text(), pointer + "/text", question.type(), errors);
        if (answer.rating() == null) {
            errors.add(pointer + "/rating", "must be present for a RATING question");
        } else if (answer.rating() < 1 || answer.rating() > question.scale()) {
            errors.add(pointer + "/rating", "must be between 1 and " + question.scale());
        }
    }

    @Override
    public void record(Question question, AnswerRequest answer, JsonObject entry, Tally.Keys keys) {
        entry.put("rating", answer.rating());
        keys.chosen(question.id(), answer.rating());
    }

    @Override
    public QuestionResult result(Question question, Tally tally) {
        long answered = tally.answered(question.id());
        List<RatingCount> distribution = new ArrayList<>();
        long sum = 0;
        for (int value = 1; value <= question.scale(); value++) {
            long count = tally.chosen(question.id(), value);
            distribution.add(new RatingCount(value, count));
            sum += count * value;
        }
        return new QuestionResult(question.id(), question.type(), question.title(), answered, null,
                answered == 0 ? null : QuestionKind.ratio(sum, answered, 100), distribution);
    }

    @Override
    public void writeCsv(QuestionResult result, PollResultsCsv.AnswerRows rows) {
        result.distribution().forEach(r -> rows.add(Integer.toString(r.value()), Integer.toString(r.value()),
                Long.toString(r.count()),
                PollResultsCsv.decimal(result.answered() == 0 ? 0 : (double) r.count() / result.answered())));
        rows.add("mean", "среднее", "", result.mean() == null ? "" : PollResultsCsv.decimal(result.mean()));
    }
}
