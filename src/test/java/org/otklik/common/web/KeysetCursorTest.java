package org.otklik.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.otklik.common.problem.Problem.FieldError;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;

/** The one cursor codec: what it encodes, and that anything a client made up is a 400 naming the cursor. */
class KeysetCursorTest {

    private static final Instant AT = Instant.parse("2026-11-23T07:15:30.123456Z");

    private static String encoded(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(Runnable decode) {
        assertThatThrownBy(decode::run).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.kind()).isEqualTo(ProblemType.BAD_PARAMETER);
            assertThat(problem.errors()).containsExactly(FieldError.atParameter("cursor", "not a cursor returned by this API"));
        });
    }

    @Test
    void aTimestampAndIdCursorReadsBackItsKey() {
        KeysetCursor cursor = KeysetCursor.decode(KeysetCursor.after(AT, 42L).encode());

        assertThat(cursor.at()).isEqualTo(AT);
        assertThat(cursor.id()).isEqualTo(42L);
    }

    @Test
    void timestampsKeepPostgresMicrosecondsAndDropNanoseconds() {
        Instant withNanos = AT.plusNanos(789);

        assertThat(KeysetCursor.decode(KeysetCursor.after(withNanos, 1).encode()).at()).isEqualTo(AT);
    }

    @Test
    void aKeyOfMixedValuesReadsBackEachValue() {
        UUID id = UUID.fromString("0b7f3e1c-8f55-4d8e-9a61-3c0b3c9d2a10");
        String encoded = KeysetCursor.of(AT, 7, "leninsky", id, -3L).encode();

        KeysetCursor cursor = KeysetCursor.decode(encoded, 5);

        assertThat(cursor.instant(0)).isEqualTo(AT);
        assertThat(cursor.number(1)).isEqualTo(7);
        assertThat(cursor.text(2)).isEqualTo("leninsky");
        assertThat(cursor.uuid(3)).isEqualTo(id);
        assertThat(cursor.number(4)).isEqualTo(-3);
    }

    @Test
    void aCursorIsUrlSafeWithoutPadding() {
        String encoded = KeysetCursor.of(Instant.parse("2026-01-01T00:00:00Z"), Long.MAX_VALUE, "ъ?ё/+").encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void theSameKeyIsTheSameCursor() {
        assertThat(KeysetCursor.after(AT, 5).encode()).isEqualTo(KeysetCursor.of(AT, 5L).encode());
    }

    @Test
    void onlyInstantsNumbersUuidsAndTextAreKeyValues() {
        assertThatThrownBy(() -> KeysetCursor.of(AT, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeysetCursor.of((Object) null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textThatIsNotBase64IsRefused() {
        assertRefused(() -> KeysetCursor.decode("not a cursor!"));
        assertRefused(() -> KeysetCursor.decode("abc=def"));
        assertRefused(() -> KeysetCursor.decode("a"));
    }

    @Test
    void aCursorOfAnotherSizeIsRefused() {
        String three = KeysetCursor.of(AT, 1L, 2L).encode();

        assertRefused(() -> KeysetCursor.decode(three));
        assertRefused(() -> KeysetCursor.decode(KeysetCursor.of(AT).encode()));
        assertRefused(() -> KeysetCursor.decode("", 2));
        assertThat(KeysetCursor.decode(three, 3).number(2)).isEqualTo(2L);
    }

    @Test
    void aTamperedTimestampOrIdIsRefused() {
        assertRefused(() -> KeysetCursor.decode(encoded("yesterday\n42")));
        assertRefused(() -> KeysetCursor.decode(encoded("1700000000000000\nforty-two")));
        assertRefused(() -> KeysetCursor.decode(encoded("1700000000000000\n")));
        assertRefused(() -> KeysetCursor.decode(encoded("\n42")));
        assertRefused(() -> KeysetCursor.decode(encoded("1700000000000000\n99999999999999999999")));
        assertRefused(() -> KeysetCursor.decode(encoded("1.5\n42")));
    }

    @Test
    void aTimestampBeyond2200IsRefused() {
        Instant latest = Instant.parse("2200-01-01T00:00:00Z");
        assertThat(KeysetCursor.decode(KeysetCursor.after(latest, 1).encode()).at()).isEqualTo(latest);

        assertRefused(() -> KeysetCursor.decode(KeysetCursor.after(latest.plusNanos(1000), 1).encode()));
        assertRefused(() -> KeysetCursor.decode(encoded(Long.MAX_VALUE + "\n1")));
    }

    @Test
    void aValueOfTheWrongKindIsRefusedWhenRead() {
        KeysetCursor cursor = KeysetCursor.decode(encoded("abc\nnot-a-uuid"), 2);

        assertRefused(() -> cursor.number(0));
        assertRefused(() -> cursor.instant(0));
        assertRefused(() -> cursor.uuid(1));
        assertRefused(() -> cursor.number(5));
        assertThat(cursor.text(0)).isEqualTo("abc");
    }
}
