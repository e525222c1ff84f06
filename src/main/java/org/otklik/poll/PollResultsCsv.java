package org.otklik.poll;

import java.util.List;
import java.util.Locale;

import org.otklik.poll.PollResultsView.Breakdown;
import org.otklik.poll.PollResultsView.GroupResult;
import org.otklik.poll.PollResultsView.QuestionResult;

/**
 * Results as CSV for spreadsheet programs in a Russian locale: UTF-8 with a byte order mark (without
 * it Excel reads the Cyrillic as cp1251), ';' between fields and a decimal comma, CRLF line ends.
 */
final class PollResultsCsv {

    static final String MEDIA_TYPE = "text/csv; charset=utf-8";
    private static final String BOM = "\uFEFF";

    private PollResultsCsv() {
    }

    static String write(PollResultsView results) {
        StringBuilder csv = new StringBuilder(BOM);
        row(csv, "разрез", "группа", "участников", "вопрос_id", "вопрос", "тип", "ответили", "вариант", "название", "голосов", "доля");
        questions(csv, "ALL", "", results.participants(), results.questions());
        groups(csv, "DISTRICT", results.byDistrict());
        groups(csv, "CHANNEL", results.byChannel());
        return csv.toString();
    }

    private static void groups(StringBuilder csv, String dimension, Breakdown breakdown) {
        for (GroupResult group : breakdown.groups()) {
            questions(csv, dimension, group.group(), group.participants(), group.questions());
        }
        if (breakdown.hiddenGroups() > 0) {
            row(csv, dimension, "скрыто групп: " + breakdown.hiddenGroups(), "", "", "", "", "", "", "", "", "");
        }
    }

    private static void questions(StringBuilder csv, String dimension, String group, long participants, List<QuestionResult> questions) {
        String people = Long.toString(participants);
        for (QuestionResult q : questions) {
            String title = q.title().ru();
            String answered = Long.toString(q.answered());
            switch (q.type()) {
                case SINGLE, MULTIPLE -> q.options().forEach(o -> row(csv, dimension, group, people, q.questionId(), title,
                        q.type().name(), answered, o.code(), o.title().ru(), Long.toString(o.count()), decimal(o.share())));
                case RATING -> {
                    q.distribution().forEach(r -> row(csv, dimension, group, people, q.questionId(), title, q.type().name(),
                            answered, Integer.toString(r.value()), Integer.toString(r.value()), Long.toString(r.count()),
                            decimal(q.answered() == 0 ? 0 : (double) r.count() / q.answered())));
                    row(csv, dimension, group, people, q.questionId(), title, q.type().name(), answered, "mean", "среднее",
                            "", q.mean() == null ? "" : decimal(q.mean()));
                }
                case TEXT -> row(csv, dimension, group, people, q.questionId(), title, q.type().name(), answered, "", "", "", "");
            }
        }
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.4f", value).replace('.', ',');
    }

    private static void row(StringBuilder csv, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                csv.append(';');
            }
            csv.append(escape(fields[i]));
        }
        csv.append("\r\n");
    }

    /** Quotes fields with separators or quotes, and defuses leading formula characters (CSV injection). */
    private static String escape(String field) {
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
