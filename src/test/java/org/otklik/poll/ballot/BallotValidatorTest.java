package org.otklik.poll.ballot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.otklik.testsupport.ValidationProblems.errorsOf;
import static org.otklik.testsupport.ValidationProblems.onlyError;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.otklik.common.LocalizedText;
import org.otklik.common.problem.Problem.FieldError;
import org.otklik.poll.BallotRequest.AnswerRequest;

import org.otklik.poll.BallotRequest;
import org.otklik.poll.definition.Eligibility;
import org.otklik.poll.definition.PollDefinition;
import org.otklik.poll.definition.PollOption;
import org.otklik.poll.definition.Question;
import org.otklik.poll.definition.QuestionType;
import org.otklik.poll.definition.ResultsPolicy;

/** A whole ballot checked against a poll's questions, every failure reported at once. */
class BallotValidatorTest {

    private static LocalizedText text(String ru) {
        return new LocalizedText(ru, null);
    }

    private static List<PollOption> options(String... codes) {
        return Arrays.stream(codes).map(code -> new PollOption(code, text(code))).toList();
    }

    /** q1 SINGLE (required), q2 MULTIPLE 1–2 of three (optional), q3 RATING 1–5 (required), q4 TEXT up to 10 (optional). */
    private static final PollDefinition POLL = new PollDefinition(text("Набережная"), null, new Eligibility(List.of(), null),
            ResultsPolicy.AFTER_CLOSE, true, false, List.of(
                    new Question("q1", QuestionType.SINGLE, text("Что добавить?"), true, null, null, null, null,
                            options("park", "bikes", "trees")),
                    new Question("q2", QuestionType.MULTIPLE, text("Что ещё?"), false, 1, 2, null, null, options("a", "b", "c")),
                    new Question("q3", QuestionType.RATING, text("Оценка"), true, null, null, 5, null, null),
                    new Question("q4", QuestionType.TEXT, text("Пожелания"), false, null, null, null, 10, null)));

    private static AnswerRequest choice(String questionId, String... codes) {
        return new AnswerRequest(questionId, Arrays.asList(codes), null, null);
    }

    private static AnswerRequest rating(String questionId, Integer rating) {
        return new AnswerRequest(questionId, null, rating, null);
    }

    private static AnswerRequest text(String questionId, String text) {
        return new AnswerRequest(questionId, null, null, text);
    }

    private static ValidBallot validate(AnswerRequest... answers) {
        return BallotValidator.validate(POLL, new BallotRequest(Arrays.asList(answers)));
    }

    private static FieldError onlyErrorOf(AnswerRequest... answers) {
        return onlyError(() -> validate(answers));
    }

    /** The required answers, valid, after the given ones. */
    private static AnswerRequest[] withRequired(AnswerRequest... answers) {
        AnswerRequest[] all = Arrays.copyOf(answers, answers.length + 2);
        all[answers.length] = choice("q1", "park");
        all[answers.length + 1] = rating("q3", 3);
        return all;
    }

    @Test
    void aValidBallotIsStoredInQuestionOrderWithTheTallyKeysItAddsTo() {
        ValidBallot ballot = validate(text("q4", "  Тени  "), rating("q3", 4), choice("q2", "c", "a"), choice("q1", "bikes"));

        assertThat(ballot.answers().encode()).isEqualTo("[{\"questionId\":\"q1\",\"optionCodes\":[\"bikes\"]},"
                + "{\"questionId\":\"q2\",\"optionCodes\":[\"c\",\"a\"]},{\"questionId\":\"q3\",\"rating\":4},"
                + "{\"questionId\":\"q4\",\"text\":\"Тени\"}]");
        assertThat(ballot.tallyKeys()).containsExactly("", "q1", "q1=bikes", "q2", "q2=c", "q2=a", "q3", "q3=4", "q4");
    }

    @Test
    void optionalQuestionsMayBeLeftOut() {
        ValidBallot ballot = validate(choice("q1", "park"), rating("q3", 1));

        assertThat(ballot.tallyKeys()).containsExactly("", "q1", "q1=park", "q3", "q3=1");
    }

    @Test
    void aBallotWithoutAnswersIsRefused() {
        FieldError error = onlyError(() -> BallotValidator.validate(POLL, new BallotRequest(null)));
        assertThat(error.pointer()).isEqualTo("/answers");
        assertThat(error.message()).isEqualTo("must be present");
        assertThat(onlyError(() -> BallotValidator.validate(POLL, null)).pointer()).isEqualTo("/answers");
    }

    @Test
    void everyRequiredQuestionMustBeAnswered() {
        List<FieldError> errors = errorsOf(() -> validate());

        assertThat(errors).extracting(FieldError::pointer).containsOnly("/answers");
        assertThat(errors).extracting(FieldError::message).containsExactly("question q1 is required", "question q3 is required");
    }

    @Test
    void anAnswerMustBeAnObjectNamingItsQuestion() {
        assertThat(errorsOf(() -> validate(withRequired((AnswerRequest) null)))).extracting(FieldError::pointer, FieldError::message)
                .containsExactly(tuple("/answers/0", "must be an object"));
        FieldError noId = onlyErrorOf(withRequired(new AnswerRequest(null, List.of("a"), null, null)));
        assertThat(noId.pointer()).isEqualTo("/answers/0/questionId");
        assertThat(noId.message()).isEqualTo("must be present");
    }

    @Test
    void anAnswerToAQuestionThePollDoesNotHaveIsRefused() {
        FieldError error = onlyErrorOf(withRequired(choice("q9", "park")));

        assertThat(error.pointer()).isEqualTo("/answers/0/questionId");
        assertThat(error.message()).isEqualTo("this poll has no such question");
    }

    @Test
    void aQuestionCannotBeAnsweredTwice() {
        FieldError error = onlyErrorOf(choice("q1", "park"), rating("q3", 2), choice("q1", "trees"));

        assertThat(error.pointer()).isEqualTo("/answers/2/questionId");
        assertThat(error.message()).isEqualTo("answered twice");
    }

    @Test
    void aSingleChoiceIsExactlyOneOption() {
        assertThat(onlyErrorOf(choice("q1", "park", "bikes"), rating("q3", 2)).message()).isEqualTo("choose exactly 1");
        FieldError none = onlyErrorOf(choice("q1"), rating("q3", 2));
        assertThat(none.pointer()).isEqualTo("/answers/0/optionCodes");
        assertThat(none.message()).isEqualTo("choose exactly 1");
    }

    @Test
    void aChoiceNamesOptionsOfItsQuestion() {
        FieldError error = onlyErrorOf(choice("q1", "a"), rating("q3", 2));

        assertThat(error.pointer()).isEqualTo("/answers/0/optionCodes/0");
        assertThat(error.message()).isEqualTo("this question has no such option");
        assertThat(onlyErrorOf(choice("q1", (String) null), rating("q3", 2)).pointer()).isEqualTo("/answers/0/optionCodes/0");
    }

    @Test
    void aChoiceAnswerNeedsItsOptionCodesAndNothingElse() {
        List<FieldError> others = errorsOf(() -> validate(new AnswerRequest("q1", List.of("park"), 2, "и текст"), rating("q3", 2)));
        assertThat(others).extracting(FieldError::pointer).containsExactly("/answers/0/rating", "/answers/0/text");
        assertThat(others).extracting(FieldError::message).containsOnly("is not allowed for a SINGLE question");

        List<FieldError> missing = errorsOf(() -> validate(rating("q1", 1), rating("q3", 2)));
        assertThat(missing).extracting(FieldError::pointer).containsExactly("/answers/0/rating", "/answers/0/optionCodes");
        assertThat(missing.get(1).message()).isEqualTo("must be present for a SINGLE question");
    }

    @Test
    void aMultipleChoiceIsBetweenItsMinimumAndMaximum() {
        validate(withRequired(choice("q2", "a")));
        validate(withRequired(choice("q2", "a", "b")));
        FieldError tooMany = onlyErrorOf(withRequired(choice("q2", "a", "b", "c")));
        assertThat(tooMany.pointer()).isEqualTo("/answers/0/optionCodes");
        assertThat(tooMany.message()).isEqualTo("choose between 1 and 2 options");
        assertThat(onlyErrorOf(withRequired(choice("q2"))).message()).isEqualTo("choose between 1 and 2 options");
    }

    @Test
    void anOptionCannotBeChosenTwice() {
        FieldError error = onlyErrorOf(withRequired(choice("q2", "b", "b")));

        assertThat(error.pointer()).isEqualTo("/answers/0/optionCodes/1");
        assertThat(error.message()).isEqualTo("chosen twice");
    }

    @Test
    void aRatingRunsFromOneToTheScale() {
        assertThat(validate(choice("q1", "park"), rating("q3", 1)).tallyKeys()).contains("q3=1");
        assertThat(validate(choice("q1", "park"), rating("q3", 5)).tallyKeys()).contains("q3=5");
        for (int outside : new int[] { 0, 6, -1 }) {
            FieldError error = onlyErrorOf(choice("q1", "park"), rating("q3", outside));
            assertThat(error.pointer()).isEqualTo("/answers/1/rating");
            assertThat(error.message()).isEqualTo("must be between 1 and 5");
        }
    }

    @Test
    void aRatingAnswerNeedsItsRatingAndNothingElse() {
        assertThat(onlyErrorOf(choice("q1", "park"), rating("q3", null)).message()).isEqualTo("must be present for a RATING question");
        assertThat(errorsOf(() -> validate(choice("q1", "park"), new AnswerRequest("q3", List.of("park"), 3, "пять"))))
                .extracting(FieldError::pointer).containsExactly("/answers/1/optionCodes", "/answers/1/text");
    }

    @Test
    void aTextAnswerIsStoredWithoutSurroundingSpaceAndCountedInCharacters() {
        String tenEmoji = "🌳".repeat(10);
        ValidBallot ballot = validate(withRequired(text("q4", "  " + tenEmoji + "\n")));

        assertThat(ballot.answers().getJsonObject(2).getString("text")).isEqualTo(tenEmoji);
        FieldError tooLong = onlyErrorOf(withRequired(text("q4", "а".repeat(11))));
        assertThat(tooLong.pointer()).isEqualTo("/answers/0/text");
        assertThat(tooLong.message()).isEqualTo("must be at most 10 characters");
    }

    @Test
    void aTextAnswerIsNotBlankAndHasNoNulCharacter() {
        assertThat(onlyErrorOf(withRequired(text("q4", " \t "))).message()).isEqualTo("must not be blank");
        assertThat(onlyErrorOf(withRequired(text("q4", null))).message()).isEqualTo("must not be blank");
        assertThat(onlyErrorOf(withRequired(text("q4", "a\0b"))).message()).isEqualTo("must not contain NUL characters");
        assertThat(errorsOf(() -> validate(withRequired(new AnswerRequest("q4", List.of(), 1, "ok")))))
                .extracting(FieldError::pointer).containsExactly("/answers/0/optionCodes", "/answers/0/rating");
    }

    @Test
    void everyFailureOfABallotIsReportedAtOnce() {
        List<FieldError> errors = errorsOf(() -> validate(choice("q1", "nope"), rating("q3", 9), text("q4", ""), choice("q7", "x")));

        assertThat(errors).extracting(FieldError::pointer).containsExactly("/answers/0/optionCodes/0", "/answers/1/rating",
                "/answers/2/text", "/answers/3/questionId");
    }
}
