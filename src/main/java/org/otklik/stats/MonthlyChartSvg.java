package org.otklik.stats;

import java.util.List;
import java.util.Locale;

/**
 * A stacked bar chart of a year's monthly totals, drawn as a standalone SVG document: text only (no
 * scripts, no external references), every label escaped.
 */
final class MonthlyChartSvg {

    static final String MEDIA_TYPE = "image/svg+xml";

    private static final String[] MONTHS = { "Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг", "Сен", "Окт",
            "Ноя", "Дек" };
    private static final String[] COLOURS = { "#2f6db5", "#e8833a", "#3a9d5d", "#c8423f", "#8a63b8", "#a0a4a8" };
    private static final int WIDTH = 960;
    private static final int HEIGHT = 560;
    private static final double LEFT = 70;
    private static final double RIGHT = 940;
    private static final double TOP = 100;
    private static final double BOTTOM = 420;

    private MonthlyChartSvg() {
    }

    static String render(MonthlyChart chart) {
        StringBuilder svg = new StringBuilder(8192);
        String title = "Обращения граждан по месяцам, " + chart.year() + " год";
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\" font-family=\"")
                .append("DejaVu Sans, Arial, Helvetica, sans-serif\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(svg, LEFT, 38, 22, "start", "bold", title);
        text(svg, LEFT, 64, 13, "start", "normal",
                "Число над столбцом — всего за месяц; цвета — пять главных тем года");

        long max = 0;
        for (int m = 0; m < 12; m++) {
            max = Math.max(max, chart.total(m));
        }
        long step = niceStep(max);
        long axisMax = Math.max(step, ((max + step - 1) / step) * step);
        for (long tick = 0; tick <= axisMax; tick += step) {
            double y = y(tick, axisMax);
            svg.append("<line x1=\"").append(fmt(LEFT)).append("\" y1=\"").append(fmt(y)).append("\" x2=\"")
                    .append(fmt(RIGHT)).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"")
                    .append(tick == 0 ? "#555555" : "#e3e3e3").append("\" stroke-width=\"1\"/>\n");
            text(svg, LEFT - 8, y + 4, 12, "end", "normal", grouped(tick));
        }

        double slot = (RIGHT - LEFT) / 12;
        double barWidth = slot * 0.64;
        for (int m = 0; m < 12; m++) {
            double x = LEFT + slot * m + (slot - barWidth) / 2;
            double base = BOTTOM;
            List<Long> counts = chart.months().get(m);
            for (int s = 0; s < counts.size(); s++) {
                long count = counts.get(s);
                if (count == 0) {
                    continue;
                }
                double height = BOTTOM - y(count, axisMax);
                base -= height;
                svg.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(base)).append("\" width=\"")
                        .append(fmt(barWidth)).append("\" height=\"").append(fmt(height)).append("\" fill=\"")
                        .append(colour(s, counts.size())).append("\"><title>")
                        .append(escape(MONTHS[m] + " " + chart.year() + " — " + chart.series().get(s) + ": " + grouped(count)))
                        .append("</title></rect>\n");
            }
            long total = chart.total(m);
            if (total > 0) {
                text(svg, x + barWidth / 2, base - 6, 12, "middle", "bold", grouped(total));
            }
            text(svg, x + barWidth / 2, BOTTOM + 20, 13, "middle", "normal", MONTHS[m]);
        }
        if (max == 0) {
            text(svg, (LEFT + RIGHT) / 2, (TOP + BOTTOM) / 2, 16, "middle", "normal", "Обращений за год нет");
        }

        for (int s = 0; s < chart.series().size(); s++) {
            double x = LEFT + (s % 3) * 290;
            double y = BOTTOM + 56 + (s / 3) * 26;
            svg.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y - 11)).append("\" width=\"14\" ")
                    .append("height=\"14\" fill=\"").append(colour(s, chart.series().size())).append("\"/>\n");
            text(svg, x + 20, y + 1, 13, "start", "normal", chart.series().get(s));
        }
        return svg.append("</svg>\n").toString();
    }

    private static double y(long value, long axisMax) {
        return BOTTOM - (BOTTOM - TOP) * value / (double) axisMax;
    }

    /** The last series is "all other topics" and always grey. */
    private static String colour(int series, int seriesCount) {
        return series == seriesCount - 1 ? COLOURS[COLOURS.length - 1] : COLOURS[series % (COLOURS.length - 1)];
    }

    /** 1, 2 or 5 times a power of ten, giving about five grid lines. */
    static long niceStep(long max) {
        if (max <= 5) {
            return 1;
        }
        double raw = max / 5.0;
        long power = (long) Math.pow(10, Math.floor(Math.log10(raw)));
        for (long factor : new long[] { 1, 2, 5, 10 }) {
            if (factor * power >= raw) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private static void text(StringBuilder svg, double x, double y, int size, String anchor, String weight, String text) {
        svg.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" font-size=\"").append(size)
                .append("\" text-anchor=\"").append(anchor).append("\" font-weight=\"").append(weight)
                .append("\" fill=\"#222222\">").append(escape(text)).append("</text>\n");
    }

    /** Thousands separated by a thin space, as Russian typesetting does. */
    private static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value).replace(',', '\u2009');
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
