package org.otklik.poll.definition;

import org.otklik.common.LocalizedText;
import org.otklik.common.problem.FieldErrors;
import org.otklik.poll.BallotRequest.AnswerRequest;
import org.otklik.poll.PollResultsCsv;
import org.otklik.poll.PollResultsView.QuestionResult;
import org.otklik.poll.definition.PollRequest.QuestionRequest;

import io.vertx.core.json.JsonObject;

/** TEXT questions: free text up to the question's maxLength; the results only count the answers. */
final class TextKind implements QuestionKind {

    static final int DEFAULT_LENGTH = 1000;
    static final int MAX_LENGTH = 5000;

    @Override
    public Question define(QuestionRequest request, String id, LocalizedText title, boolean required, String pointer,
            FieldErrors errors) {
        QuestionType type = request.type();
        QuestionKind.refuse(request.min(), pointer + "/min", type, errors);
        QuestionKind.refuse(request.max(), pointer + "/max", type, errors);
        QuestionKind.refuse(request.scale(), pointer + "/scale", type, errors);
        QuestionKind.refuse(request.options(), pointer + "/options", type, errors);
        int maxLength = request.maxLength() == null ? DEFAULT_LENGTH : request.maxLength();
        if (maxLength < 1 || maxLength > MAX_LENGTH) {
            errors.add(pointer + "/maxLength", "must be between 1 and " + MAX_LENGTH);
        }
        return new Question(id, type, title, required, null, null, null, maxLength, null);
    }

    @Override
    public void checkAnswer(Question question, AnswerRequest answer, String pointer, FieldErrors errors) {
        QuestionKind.refuse(answer.optionCodes(), pointer + "/optionCodes", question.type(), errors);
        QuestionKind.refuse(answer.rating(), pointer + "/rating", question.type(), errors);
        if (answer.text() == null || answer.text().isBlank()) {
            errors.add(pointer + "/text", "must not be blank");
            return;
        }
        String text = answer.text().strip();
        if (text.indexOf('\0') >= 0) {
            errors.add(pointer + "/text", "must not contain NUL characters");
        } else if (text.codePointCount(0, text.length()) > question.maxLength()) {
            errors.add(pointer + "/text", "must be at most " + question.maxLength() + " characters");
        }
    }

    @Override
    public void record(Question question, AnswerRequest answer, JsonObject entry, Tally.Keys keys) {
        entry.put("text", answer.text().strip());
    }

    @Override
    public QuestionResult result(Question question, Tally tally) {
        return QuestionKind.counted(question, tally.answered(question.id()));
    }

    @Override
    public void writeCsv(QuestionResult result, PollResultsCsv.AnswerRows rows) {
        rows.add("", "", "", "");
    }
}
