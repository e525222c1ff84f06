package org.otklik.poll;

import java.util.List;
import java.util.Locale;

import org.otklik.common.SpreadsheetCsv;
import org.otklik.poll.PollResultsView.Breakdown;
import org.otklik.poll.PollResultsView.GroupResult;
import org.otklik.poll.PollResultsView.QuestionResult;

/** Results as CSV for spreadsheet programs ({@link SpreadsheetCsv}), with a decimal comma. */
public final class PollResultsCsv {

    static final String MEDIA_TYPE = SpreadsheetCsv.MEDIA_TYPE;

    private PollResultsCsv() {
    }

    static String write(PollResultsView results) {
        StringBuilder csv = SpreadsheetCsv.document();
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

    /** The rows of one question's answers; the columns before them name the group and the question. */
    public interface AnswerRows {
        void add(String answer, String answerTitle, String votes, String share);
    }

    private static void questions(StringBuilder csv, String dimension, String group, long participants, List<QuestionResult> questions) {
        String people = Long.toString(participants);
        for (QuestionResult q : questions) {
            String title = q.title().ru();
            String answered = Long.toString(q.answered());
            q.type().kind().writeCsv(q, (answer, answerTitle, votes, share) -> row(csv, dimension, group, people,
                    q.questionId(), title, q.type().name(), answered, answer, answerTitle, votes, share));
        }
    }

    public static String decimal(double value) {
        return String.format(Locale.ROOT, "%.4f", value).replace('.', ',');
    }

    private static void row(StringBuilder csv, String... fields) {
        SpreadsheetCsv.row(csv, fields);
    }
}
