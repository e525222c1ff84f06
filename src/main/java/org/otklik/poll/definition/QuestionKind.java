package org.otklik.poll.definition;

import org.otklik.common.LocalizedText;
import org.otklik.common.problem.FieldErrors;
import org.otklik.poll.BallotRequest.AnswerRequest;
import org.otklik.poll.PollResultsCsv;
import org.otklik.poll.PollResultsView.QuestionResult;
import org.otklik.poll.definition.PollRequest.QuestionRequest;

import io.vertx.core.json.JsonObject;

/**
 * What a question type means: how it is defined, how it is answered, what its answers add to the
 * tallies, how its results read and how they are written as CSV rows. {@link QuestionType} names the
 * kind on the wire; a new type is a new kind here and a new constant there.
 */
public sealed interface QuestionKind permits ChoiceKind, RatingKind, TextKind {

    /**
     * Checks the members of the request that belong to this kind (refusing the others) and builds the
     * question. The title, type and required flag are checked by the caller.
     */
    Question define(QuestionRequest request, String id, LocalizedText title, boolean required, String pointer,
            FieldErrors errors);

    /** Checks one answer to the question (refusing the members of other kinds). */
    void checkAnswer(Question question, AnswerRequest answer, String pointer, FieldErrors errors);

    /** Stores a checked answer in the ballot entry and adds what it counts towards to the tally keys. */
    void record(Question question, AnswerRequest answer, JsonObject entry, Tally.Keys keys);

    QuestionResult result(Question question, Tally tally);

    void writeCsv(QuestionResult result, PollResultsCsv.AnswerRows rows);

    static void refuse(Object member, String pointer, QuestionType type, FieldErrors errors) {
        if (member != null) {
            errors.add(pointer, "is not allowed for a " + type + " question");
        }
    }

    static QuestionResult counted(Question question, long answered) {
        return new QuestionResult(question.id(), question.type(), question.title(), answered, null, null, null);
    }

    /** part / whole rounded to 1/scale (a share, a mean); 0 when nothing was answered. */
    static double ratio(long part, long whole, int scale) {
        return whole == 0 ? 0.0 : Math.round((double) part * scale / whole) / (double) scale;
    }
}
