package org.otklik.poll.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.otklik.testsupport.ValidationProblems.errorsOf;
import static org.otklik.testsupport.ValidationProblems.onlyError;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.otklik.common.LocalizedText;
import org.otklik.common.problem.Problem.FieldError;

import org.otklik.poll.definition.PollRequest.QuestionRequest;

/** A poll definition checked whole and turned into what votes are cast against. */
class PollDefinitionValidatorTest {

    private static final Set<String> DISTRICTS = Set.of("leninsky", "samarsky", "kuibyshevsky");
    private static final OffsetDateTime OPENS = OffsetDateTime.parse("2026-07-01T09:00:00+04:00");
    private static final OffsetDateTime CLOSES = OffsetDateTime.parse("2026-07-21T21:00:00+04:00");
    private static final LocalizedText TITLE = new LocalizedText("Набережная", "Embankment");

    private static LocalizedText ru(String ru) {
        return new LocalizedText(ru, null);
    }

    private static List<PollOption> options(String... codes) {
        return Arrays.stream(codes).map(code -> new PollOption(code, ru("Вариант " + code))).toList();
    }

    private static QuestionRequest single(String... codes) {
        return new QuestionRequest(QuestionType.SINGLE, ru("Что добавить?"), null, null, null, null, null, options(codes));
    }

    private static QuestionRequest multiple(Integer min, Integer max, List<PollOption> options) {
        return new QuestionRequest(QuestionType.MULTIPLE, ru("Что ещё?"), null, min, max, null, null, options);
    }

    private static QuestionRequest rating(Integer scale) {
        return new QuestionRequest(QuestionType.RATING, ru("Оценка"), false, null, null, scale, null, null);
    }

    private static QuestionRequest text(Integer maxLength) {
        return new QuestionRequest(QuestionType.TEXT, ru("Пожелания"), false, null, null, null, maxLength, null);
    }

    private static PollRequest poll(List<QuestionRequest> questions) {
        return new PollRequest(TITLE, null, OPENS, CLOSES, null, null, null, null, questions);
    }

    private static PollRequest poll(QuestionRequest... questions) {
        return poll(Arrays.asList(questions));
    }

    private static PollDefinition validate(PollRequest request) {
        return PollDefinitionValidator.validate(request, DISTRICTS);
    }

    private static FieldError onlyErrorOf(PollRequest request) {
        return onlyError(() -> validate(request));
    }

    private static PollRequest withTimes(OffsetDateTime opensAt, OffsetDateTime closesAt) {
        return new PollRequest(TITLE, null, opensAt, closesAt, null, null, null, null, List.of(single("a", "b")));
    }

    private static PollRequest withTitle(LocalizedText title) {
        return new PollRequest(title, null, OPENS, CLOSES, null, null, null, null, List.of(single("a", "b")));
    }

    private static PollRequest withEligibility(Eligibility eligibility) {
        return new PollRequest(TITLE, null, OPENS, CLOSES, eligibility, null, null, null, List.of(single("a", "b")));
    }

    @Test
    void aValidRequestBecomesADefinitionWithNumberedQuestionsAndDefaults() {
        PollDefinition definition = validate(new PollRequest(new LocalizedText("  Набережная ", " Embankment "), null, OPENS, CLOSES,
                null, null, null, null, List.of(single("park", "bikes"), multiple(null, null, options("a", "b", "c")), rating(5), text(null))));

        assertThat(definition.title()).isEqualTo(new LocalizedText("Набережная", "Embankment"));
        assertThat(definition.description()).isNull();
        assertThat(definition.eligibility()).isEqualTo(new Eligibility(List.of(), null));
        assertThat(definition.resultsPolicy()).isEqualTo(ResultsPolicy.AFTER_CLOSE);
        assertThat(definition.secret()).isTrue();
        assertThat(definition.allowRevote()).isFalse();
        assertThat(definition.questions()).extracting(Question::id).containsExactly("q1", "q2", "q3", "q4");
        assertThat(definition.questions()).extracting(Question::required).containsExactly(true, true, false, false);
        Question multiple = definition.questions().get(1);
        assertThat(multiple.min()).as("MULTIPLE: at least one by default").isEqualTo(1);
        assertThat(multiple.max()).as("MULTIPLE: up to every option by default").isEqualTo(3);
        assertThat(definition.questions().get(3).maxLength()).isEqualTo(1000);
    }

    @Test
    void theRequestedPolicyRevoteAndSecretAreKept() {
        PollDefinition definition = validate(new PollRequest(TITLE, ru("Описание"), OPENS, CLOSES, null, ResultsPolicy.LIVE, true, true,
                List.of(single("a", "b"))));

        assertThat(definition.resultsPolicy()).isEqualTo(ResultsPolicy.LIVE);
        assertThat(definition.allowRevote()).isTrue();
        assertThat(definition.secret()).isTrue();
        assertThat(definition.description()).isEqualTo(ru("Описание"));
    }

    @Test
    void aPollCannotBeMadeNonSecret() {
        FieldError error = onlyErrorOf(new PollRequest(TITLE, null, OPENS, CLOSES, null, null, false, null, List.of(single("a", "b"))));

        assertThat(error.pointer()).isEqualTo("/secret");
        assertThat(error.message()).contains("cannot be made non-secret");
    }

    @Test
    void aMissingDefinitionIsRefused() {
        FieldError error = onlyError(() -> validate(null));

        assertThat(error.pointer()).isEmpty();
        assertThat(error.message()).isEqualTo("a poll definition is required");
    }

    @Test
    void theTitleIsRequiredAndNotBlank() {
        assertThat(onlyErrorOf(withTitle(null))).extracting(FieldError::pointer, FieldError::message)
                .containsExactly("/title", "must be present");
        assertThat(onlyErrorOf(withTitle(ru("   ")))).extracting(FieldError::pointer, FieldError::message)
                .containsExactly("/title/ru", "must not be blank");
        assertThat(onlyErrorOf(withTitle(new LocalizedText(null, "Only English"))).pointer()).isEqualTo("/title/ru");
        assertThat(onlyErrorOf(withTitle(new LocalizedText("Заголовок", " "))))
                .extracting(FieldError::pointer, FieldError::message).containsExactly("/title/en", "must be 1–300 characters when present");
    }

    @Test
    void aTitleIsAtMost300CharactersCountedAsTheContractCountsThem() {
        validate(withTitle(ru("я".repeat(300))));
        validate(withTitle(ru("🌊".repeat(300))));
        assertThat(onlyErrorOf(withTitle(ru("я".repeat(301))))).extracting(FieldError::pointer, FieldError::message)
                .containsExactly("/title/ru", "must be at most 300 characters");
        assertThat(onlyErrorOf(withTitle(new LocalizedText("Заголовок", "e".repeat(301)))).pointer()).isEqualTo("/title/en");
    }

    @Test
    void aTitleCarriesNoNulCharacter() {
        assertThat(onlyErrorOf(withTitle(new LocalizedText("Набе\0режная", null))))
                .extracting(FieldError::pointer, FieldError::message).containsExactly("/title", "must not contain NUL characters");
        assertThat(onlyErrorOf(withTitle(new LocalizedText("Набережная", "Emb\0ankment"))).pointer()).isEqualTo("/title");
    }

    @Test
    void theDescriptionIsOptionalAndAtMost5000Characters() {
        validate(new PollRequest(TITLE, ru("д".repeat(5000)), OPENS, CLOSES, null, null, null, null, List.of(single("a", "b"))));
        FieldError error = onlyErrorOf(new PollRequest(TITLE, ru("д".repeat(5001)), OPENS, CLOSES, null, null, null, null,
                List.of(single("a", "b"))));
        assertThat(error.pointer()).isEqualTo("/description/ru");
    }

    @Test
    void bothTimesArePresentAndTheCloseComesAfterTheOpening() {
        assertThat(errorsOf(() -> validate(withTimes(null, null)))).extracting(FieldError::pointer, FieldError::message)
                .containsExactly(tuple("/opensAt", "must be present"), tuple("/closesAt", "must be present"));
        assertThat(onlyErrorOf(withTimes(OPENS, OPENS))).extracting(FieldError::pointer, FieldError::message)
                .containsExactly("/closesAt", "must be later than opensAt");
        assertThat(onlyErrorOf(withTimes(CLOSES, OPENS)).pointer()).isEqualTo("/closesAt");
        validate(withTimes(OPENS, OPENS.plusNanos(1000)));
    }

    @Test
    void theSameInstantInAnotherOffsetIsNotLater() {
        OffsetDateTime sameInstant = OPENS.withOffsetSameInstant(java.time.ZoneOffset.UTC);

        assertThat(onlyErrorOf(withTimes(OPENS, sameInstant)).pointer()).isEqualTo("/closesAt");
    }

    @Test
    void timesLieBetween2000And2100InclusiveOfBothEnds() {
        OffsetDateTime earliest = OffsetDateTime.parse("2000-01-01T00:00:00Z");
        OffsetDateTime latest = OffsetDateTime.parse("2100-01-01T00:00:00Z");
        validate(withTimes(earliest, latest));

        assertThat(onlyErrorOf(withTimes(earliest.minusSeconds(1), OPENS)))
                .extracting(FieldError::pointer, FieldError::message).containsExactly("/opensAt", "must lie between 2000 and 2100");
        assertThat(onlyErrorOf(withTimes(OPENS, latest.plusSeconds(1))).pointer()).isEqualTo("/closesAt");
    }

    @Test
    void eligibleDistrictsAreKnownListedOnceAndKeptSorted() {
        PollDefinition definition = validate(withEligibility(new Eligibility(List.of("samarsky", "leninsky"), 14)));
        assertThat(definition.eligibility()).isEqualTo(new Eligibility(List.of("leninsky", "samarsky"), 14));

        assertThat(errorsOf(() -> validate(withEligibility(new Eligibility(Arrays.asList("atlantis", "leninsky", "leninsky", null), null)))))
                .extracting(FieldError::pointer, FieldError::message).containsExactly(
                        tuple("/eligibility/districts/0", "unknown district"),
                        tuple("/eligibility/districts/2", "listed twice"),
                        tuple("/eligibility/districts/3", "unknown district"));
    }

    @Test
    void theMinimumAgeLiesBetween0And120() {
        validate(withEligibility(new Eligibility(null, 0)));
        validate(withEligibility(new Eligibility(null, 120)));
        for (int age : new int[] { -1, 121 }) {
            assertThat(onlyErrorOf(withEligibility(new Eligibility(null, age))))
                    .extracting(FieldError::pointer, FieldError::message).containsExactly("/eligibility/minAge", "must be between 0 and 120");
        }
    }

    @Test
    void aPollHasOneTo50Questions() {
        assertThat(onlyErrorOf(poll(List.of()))).extracting(FieldError::pointer, FieldError::message)
                .containsExactly("/questions", "a poll needs at least one question");
        assertThat(onlyErrorOf(poll((List<QuestionRequest>) null)).pointer()).isEqualTo("/questions");
        List<QuestionRequest> fifty = new ArrayList<>(Collections.nCopies(50, text(null)));
        assertThat(validate(poll(fifty)).questions()).hasSize(50).last().extracting(Question::id).isEqualTo("q50");
        fifty.add(text(null));
        assertThat(onlyErrorOf(poll(fifty)).message()).isEqualTo("a poll has at most 50 questions");
    }

    @Test
    void aQuestionIsAnObjectWithATypeAndATitle() {
        assertThat(errorsOf(() -> validate(poll(single("a", "b"), null,
                new QuestionRequest(null, ru("Без типа"), null, null, null, null, null, null),
                new QuestionRequest(QuestionType.TEXT, null, null, null, null, null, null, null)))))
                .extracting(FieldError::pointer, FieldError::message).containsExactly(
                        tuple("/questions/1", "must be an object"),
                        tuple("/questions/2/type", "must be present"),
                        tuple("/questions/3/title", "must be present"));
    }

    @Test
    void aChoiceQuestionHas2To50OptionsWithUniqueCodes() {
        assertThat(onlyErrorOf(poll(single("only")))).extracting(FieldError::pointer, FieldError::message)
                .containsExactly("/questions/0/options", "a choice question needs at least 2 options");
        String[] fifty = IntStream.rangeClosed(1, 50).mapToObj(i -> "o" + i).toArray(String[]::new);
        validate(poll(single(fifty)));
        String[] fiftyOne = IntStream.rangeClosed(1, 51).mapToObj(i -> "o" + i).toArray(String[]::new);
        assertThat(onlyErrorOf(poll(single(fiftyOne))).message()).isEqualTo("a question has at most 50 options");
        assertThat(onlyErrorOf(poll(single("a", "b", "a")))).extracting(FieldError::pointer, FieldError::message)
                .containsExactly("/questions/0/options/2/code", "is not unique within the question");
    }

    @Test
    void anOptionCodeIsUpTo32LowercaseLettersDigitsUnderscoresOrHyphens() {
        validate(poll(single("a_b-9", "x".repeat(32))));
        for (String bad : Arrays.asList("Park", "с-кириллицей", "", "x".repeat(33), "a b", null)) {
            assertThat(onlyErrorOf(poll(single("ok", bad))).pointer()).as(String.valueOf(bad)).isEqualTo("/questions/0/options/1/code");
        }
    }

    @Test
    void anOptionIsAnObjectWithATitle() {
        List<PollOption> options = Arrays.asList(new PollOption("a", ru("А")), null, new PollOption("c", null));
        assertThat(errorsOf(() -> validate(poll(new QuestionRequest(QuestionType.SINGLE, ru("?"), null, null, null, null, null, options)))))
                .extracting(FieldError::pointer).containsExactly("/questions/0/options/1", "/questions/0/options/2/title");
    }

    @Test
    void aSingleChoiceTakesNoBoundsScaleOrLength() {
        assertThat(errorsOf(() -> validate(poll(new QuestionRequest(QuestionType.SINGLE, ru("?"), null, 1, 1, 5, 10, options("a", "b"))))))
                .extracting(FieldError::pointer, FieldError::message).containsExactly(
                        tuple("/questions/0/min", "is not allowed for a SINGLE question"),
                        tuple("/questions/0/max", "is not allowed for a SINGLE question"),
                        tuple("/questions/0/scale", "is not allowed for a SINGLE question"),
                        tuple("/questions/0/maxLength", "is not allowed for a SINGLE question"));
    }

    @Test
    void aMultipleChoiceHasAtLeastOneAndAtMostEveryOption() {
        Question question = validate(poll(multiple(2, 3, options("a", "b", "c")))).questions().get(0);
        assertThat(question.min()).isEqualTo(2);
        assertThat(question.max()).isEqualTo(3);

        assertThat(onlyErrorOf(poll(multiple(0, 2, options("a", "b", "c"))))).extracting(FieldError::pointer, FieldError::message)
                .containsExactly("/questions/0/min", "must be at least 1");
        assertThat(onlyErrorOf(poll(multiple(3, 2, options("a", "b", "c"))))).extracting(FieldError::pointer, FieldError::message)
                .containsExactly("/questions/0/min", "must not be greater than max");
        assertThat(onlyErrorOf(poll(multiple(1, 4, options("a", "b", "c"))))).extracting(FieldError::pointer, FieldError::message)
                .containsExactly("/questions/0/max", "must not exceed the number of options (3)");
    }

    @Test
    void aRatingHasAScaleOf2To10AndNothingElse() {
        assertThat(validate(poll(rating(2))).questions().get(0).scale()).isEqualTo(2);
        assertThat(validate(poll(rating(10))).questions().get(0).scale()).isEqualTo(10);
        for (int scale : new int[] { 1, 11 }) {
            assertThat(onlyErrorOf(poll(rating(scale)))).extracting(FieldError::pointer, FieldError::message)
                    .containsExactly("/questions/0/scale", "must be between 2 and 10");
        }
        assertThat(onlyErrorOf(poll(rating(null))).message()).isEqualTo("must be present for a RATING question");
        assertThat(errorsOf(() -> validate(poll(new QuestionRequest(QuestionType.RATING, ru("?"), null, 1, 2, 5, 3, options("a", "b"))))))
                .extracting(FieldError::pointer).containsExactly("/questions/0/min", "/questions/0/max", "/questions/0/maxLength",
                        "/questions/0/options");
    }

    @Test
    void aTextAnswerIsLimitedTo1To5000Characters() {
        assertThat(validate(poll(text(1))).questions().get(0).maxLength()).isEqualTo(1);
        assertThat(validate(poll(text(5000))).questions().get(0).maxLength()).isEqualTo(5000);
        for (int maxLength : new int[] { 0, 5001 }) {
            assertThat(onlyErrorOf(poll(text(maxLength)))).extracting(FieldError::pointer, FieldError::message)
                    .containsExactly("/questions/0/maxLength", "must be between 1 and 5000");
        }
        assertThat(errorsOf(() -> validate(poll(new QuestionRequest(QuestionType.TEXT, ru("?"), null, 1, 2, 5, null, options("a", "b"))))))
                .extracting(FieldError::pointer).containsExactly("/questions/0/min", "/questions/0/max", "/questions/0/scale",
                        "/questions/0/options");
    }

    @Test
    void everyFailureOfADefinitionIsReportedAtOnce() {
        List<FieldError> errors = errorsOf(() -> validate(new PollRequest(null, null, null, OPENS, null, null, false, null,
                List.of(single("a"), rating(0)))));

        assertThat(errors).extracting(FieldError::pointer).containsExactly("/title", "/opensAt", "/questions/0/options",
                "/questions/1/scale", "/secret");
    }
}
