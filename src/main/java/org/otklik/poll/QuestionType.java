package org.otklik.poll;

public enum QuestionType {
    SINGLE,
    MULTIPLE,
    RATING,
    TEXT
}
