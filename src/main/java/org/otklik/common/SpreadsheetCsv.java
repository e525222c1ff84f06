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
        String value = field;
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            value = "'" + value;
        }
        if (value.indexOf(';') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
