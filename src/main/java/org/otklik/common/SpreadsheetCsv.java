package org.otklik.common;

import java.util.List;

/**
 * CSV that spreadsheet programs in a Russian locale open correctly: UTF-8 with a byte order mark
 * (without it Excel reads Cyrillic as cp1251), ';' between fields, CRLF line ends, fields quoted
 * when they need it and leading formula characters defused (CSV injection).
 */
public final class SpreadsheetCsv {

    public static final String MEDIA_TYPE = "text/csv; charset=utf-8";
    public static final String BOM = "\uFEFF";

    private SpreadsheetCsv() {
    }

    /** A new document, starting with the byte order mark. */
    public static StringBuilder document() {
        return new StringBuilder(BOM);
    }

    public static void row(StringBuilder csv, String... fields) {
        row(csv, List.of(fields));
    }

    public static void row(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(';');
            }
            csv.append(escape(fields.get(i)));
        }
        csv.append("\r\n");
    }

    public static String escape(String field) {
        String value = startsLikeAFormula(field) ? "'" + field : field;
        if (value.indexOf(';') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /**
     * A formula start, or what a spreadsheet program may trim or fold into one: = + - @ in their ASCII,
     * full-width and small forms, after any leading blanks, and any value that starts with a tab or a line break.
     */
    static boolean startsLikeAFormula(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        if (first == '\t' || first == '\r' || first == '\n') {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (FORMULA_STARTS.indexOf(c) >= 0) {
                return true;
            }
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                return false;
            }
        }
        return false;
    }

    /** ASCII, full-width (U+FF1D, U+FF0B, U+FF0D, U+FF20) and small (U+FE66, U+FE62, U+FE63, U+FE6B) forms. */
    private static final String FORMULA_STARTS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B";
}
