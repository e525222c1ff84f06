package org.otklik.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpreadsheetCsvTest {

    @ParameterizedTest
    @ValueSource(strings = { "=1+1", "+1", "-1", "@SUM(A1)", "\uFF1DHYPERLINK(\"x\")", "\uFF0B1", "\uFF0D1", "\uFF20SUM(A1)",
        "\uFE66cmd", "\tplain", "\t=1+1", "\r=1+1", "\n=1+1", " =1+1", "\u00A0=1+1", "\u3000\uFF1D1" })
    void formulaStartsAreDefused(String value) {
        String escaped = SpreadsheetCsv.escape(value);
        String unquoted = escaped.startsWith("\"") ? escaped.substring(1, escaped.length() - 1).replace("\"\"", "\"") : escaped;
        assertThat(unquoted).as(value).isEqualTo("'" + value);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "Отопление", "1-2", "a=b", "e-mail@example.org", "  text", "42" })
    void ordinaryValuesStayAsTheyAre(String value) {
        assertThat(SpreadsheetCsv.escape(value)).isEqualTo(value);
    }
}
