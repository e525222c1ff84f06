package org.otklik.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.otklik.common.SpreadsheetCsv;
import org.otklik.stats.FiguresView.DeadlineView;
import org.otklik.stats.FiguresView.DurationView;
import org.otklik.stats.MonthlyView.MonthView;
import org.otklik.stats.PublicStatsView.PublicGroupsView;

/**
 * Reports as CSV for spreadsheet programs in a Russian locale: UTF-8 with a byte order mark (without it
 * Excel reads the Cyrillic as cp1251), ';' between fields (the list separator where the decimal separator is
 * a comma), decimal commas, CRLF line ends, and RFC 4180 quoting.
 */
final class StatsCsv {

    static final String MEDIA_TYPE = SpreadsheetCsv.MEDIA_TYPE;
    private static final String[] FIGURE_HEADERS = { "случаев",
            "первый_ответ_в_срок", "первый_ответ_с_опозданием", "первый_ответ_ожидается", "первый_ответ_доля_в_срок",
            "решение_в_срок", "решение_с_опозданием", "решение_ожидается", "решение_доля_в_срок",
            "первый_ответ_медиана_раб_ч", "первый_ответ_90_перцентиль_раб_ч",
            "ответ_медиана_раб_ч", "ответ_90_перцентиль_раб_ч",
            "отвечено", "возобновлено", "доля_возобновлённых", "оценено", "принято", "доля_принятых" };

    private StatsCsv() {
    }

    static String summary(SummaryView summary) {
        StringBuilder csv = SpreadsheetCsv.document();
        List<String> header = new ArrayList<>(List.of("раздел", "код", "название", "получено", "доля"));
        header.addAll(List.of(FIGURE_HEADERS));
        row(csv, header);
        figuresRow(csv, "итого", "", "Все обращения " + summary.from() + " — " + summary.to(), summary.total());
        counts(csv, "статус", summary.byStatus());
        counts(csv, "канал", summary.byChannel());
        counts(csv, "район", summary.byDistrict());
        counts(csv, "тема", summary.byTopic());
        counts(csv, "подтема", summary.bySubtopic());
        counts(csv, "топ_тем", summary.topTopics());
        for (OrganizationFiguresView organization : summary.byOrganization()) {
            figuresRow(csv, "организация", organization.code(), organization.name(), organization.figures());
        }
        SupportersView supporters = summary.supporters();
        // supporters in the "получено" column, as the sections' names say
        counts(csv, "поддержали", List.of(new CountView(null, "Поддержали обращения (спрос) " + summary.from() + " — "
                + summary.to(), supporters.total(), supporters.total() == 0 ? 0 : 1)));
        counts(csv, "поддержали_организация", supporters.byOrganization());
        counts(csv, "поддержали_район", supporters.byDistrict());
        counts(csv, "поддержали_тема", supporters.byTopic());
        counts(csv, "поддержали_канал", supporters.byChannel());
        return csv.toString();
    }

    static String monthly(MonthlyView monthly) {
        StringBuilder csv = SpreadsheetCsv.document();
        List<String> header = new ArrayList<>(List.of("месяц", "получено", "отвечено", "решено_в_срок",
                "решено_с_опозданием", "доля_в_срок"));
        for (int rank = 1; rank <= StatsService.MONTHLY_TOP; rank++) {
            header.add("тема_" + rank);
            header.add("обращений_" + rank);
        }
        header.add("связано_с_объявлениями");
        row(csv, header);
        for (MonthView month : monthly.months()) {
            List<String> fields = new ArrayList<>(List.of(month.month(), number(month.received()),
                    number(month.answered()), number(month.resolutionOnTime()), number(month.resolutionLate()),
                    decimal(month.onTimeRate())));
            for (int rank = 0; rank < StatsService.MONTHLY_TOP; rank++) {
                boolean present = rank < month.topTopics().size();
                fields.add(present ? month.topTopics().get(rank).name() : "");
                fields.add(present ? number(month.topTopics().get(rank).count()) : "");
            }
            fields.add(number(month.linkedToNotices()));
            row(csv, fields);
        }
        return csv.toString();
    }

    static String publicMonth(PublicStatsView view) {
        StringBuilder csv = SpreadsheetCsv.document();
        row(csv, List.of("раздел", "код", "название", "значение"));
        row(csv, List.of("месяц", "", view.month(), ""));
        row(csv, List.of("получено", "", "Получено обращений", number(view.received())));
        row(csv, List.of("отвечено", "", "Дан ответ", number(view.answered())));
        row(csv, List.of("доля_в_срок", "", "Доля решённых в срок", decimal(view.resolutionOnTimeRate())));
        groups(csv, "тема", view.byTopic(), view.minGroupSize());
        groups(csv, "район", view.byDistrict(), view.minGroupSize());
        groups(csv, "канал", view.byChannel(), view.minGroupSize());
        return csv.toString();
    }

    private static void groups(StringBuilder csv, String dimension, PublicGroupsView groups, int minGroupSize) {
        for (CountView group : groups.groups()) {
            row(csv, List.of(dimension, code(group.code()), group.name(), number(group.count())));
        }
        if (groups.hiddenGroups() > 0) {
            row(csv, List.of(dimension, "", "Скрыто малых групп (порог " + minGroupSize + "): " + groups.hiddenGroups(),
                    number(groups.hiddenCount())));
        }
    }

    private static void counts(StringBuilder csv, String dimension, List<CountView> counts) {
        for (CountView count : counts) {
            List<String> fields = new ArrayList<>(List.of(dimension, code(count.code()), count.name(),
                    number(count.count()), decimal(count.share())));
            for (int i = 0; i < FIGURE_HEADERS.length; i++) {
                fields.add("");
            }
            row(csv, fields);
        }
    }

    private static void figuresRow(StringBuilder csv, String dimension, String code, String name, FiguresView f) {
        List<String> fields = new ArrayList<>(List.of(dimension, code, name, number(f.received()), "", number(f.cases())));
        deadline(fields, f.firstResponse());
        deadline(fields, f.resolution());
        duration(fields, f.timeToFirstResponse());
        duration(fields, f.timeToAnswer());
        fields.addAll(List.of(number(f.answered()), number(f.reopened()), decimal(f.reopenRate()),
                number(f.rated()), number(f.accepted()), decimal(f.acceptedShare())));
        row(csv, fields);
    }

    private static void deadline(List<String> fields, DeadlineView deadline) {
        fields.addAll(List.of(number(deadline.onTime()), number(deadline.late()), number(deadline.pending()),
                decimal(deadline.onTimeRate())));
    }

    private static void duration(List<String> fields, DurationView duration) {
        fields.addAll(List.of(decimal(duration.medianWorkingHours()), decimal(duration.p90WorkingHours())));
    }

    private static String code(String code) {
        return code == null ? "" : code;
    }

    private static String number(long value) {
        return Long.toString(value);
    }

    /** A decimal comma, no grouping, empty for an undefined figure. */
    static String decimal(Double value) {
        if (value == null) {
            return "";
        }
        String text = String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
        return text.replace('.', ',');
    }

    private static void row(StringBuilder csv, List<String> fields) {
        SpreadsheetCsv.row(csv, fields);
    }
}
