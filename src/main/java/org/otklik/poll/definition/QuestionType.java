package org.otklik.poll.definition;

/** The type of a question as the API names it; what each type means is its {@link QuestionKind}. */
public enum QuestionType {
    SINGLE(new ChoiceKind(false)),
    MULTIPLE(new ChoiceKind(true)),
    RATING(new RatingKind()),
    TEXT(new TextKind());

    private final QuestionKind kind;

    QuestionType(QuestionKind kind) {
        this.kind = kind;
    }

    public QuestionKind kind() {
        return kind;
    }
}
