package org.otklik.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/**
 * A fixed set of incidents in 2020 (and a few at the year's edges) that no other test touches, inserted
 * with SQL. The rows are generated from a fixed seed, so every run sees the same data, and the tests
 * compute every expected figure from {@link #INCIDENTS} themselves.
 */
final class StatsFixture {

    static final ZoneId SAMARA = ZoneId.of("Europe/Samara");
    static final String NUMBER_PREFIX = "ST20-";

    static final List<String> CATEGORIES = List.of("housing.heating", "housing.hot_water", "housing.waste",
            "housing.building", "landscaping.yards", "landscaping.lighting", "landscaping.snow", "roads.potholes",
            "roads.sidewalks", "transport.schedule", "transport.stops", "covid", "other");
    static final List<String> ORGANIZATIONS = List.of("adm.leninsky", "adm.kirovsky", "dep.roads", "rso.heat",
            "mcu", "dep.transport");
    static final List<String> DISTRICTS = List.of("leninsky", "kirovsky", "samarsky", "sovetsky", "oktyabrsky",
            "krasnoglinsky");
    static final List<String> CHANNELS = List.of("WIDGET", "MOBILE", "GOSUSLUGI", "SOCIAL");
    static final List<String> STATUSES = List.of("NEW", "REJECTED", "ASSIGNED", "IN_PROGRESS", "ANSWERED", "CLOSED",
            "REOPENED", "DUPLICATE");
    static final Set<String> OPEN = Set.of("NEW", "ASSIGNED", "IN_PROGRESS", "REOPENED");
    static final Set<String> NOT_CASES = Set.of("REJECTED", "DUPLICATE");

    static final Set<LocalDate> HOLIDAYS = Arrays.stream(StatsTestProfile.HOLIDAYS.split(","))
            .map(LocalDate::parse).collect(Collectors.toSet());
    static final Set<LocalDate> WORKED = Arrays.stream(StatsTestProfile.WORKED_SATURDAYS.split(","))
            .map(LocalDate::parse).collect(Collectors.toSet());

    static final Instant FAR_FUTURE = Instant.parse("2099-01-01T00:00:00Z");

    record Row(String number, String channel, String category, String district, String organization, String status,
            Instant createdAt, Instant firstResponseDue, Instant resolutionDue, Instant firstRespondedAt,
            Instant answeredAt, Instant closedAt, int reopenCount, Boolean ratingAccepted) {

        boolean isCase() {
            return !NOT_CASES.contains(status);
        }

        boolean isOpen() {
            return OPEN.contains(status);
        }

        String topic() {
            int dot = category.indexOf('.');
            return dot < 0 ? category : category.substring(0, dot);
        }
    }

    static final List<Row> INCIDENTS = generate();

    private StatsFixture() {
    }

    private static List<Row> generate() {
        Random random = new Random(2020);
        List<Row> rows = new ArrayList<>();
        Instant yearStart = LocalDate.of(2020, 1, 1).atStartOfDay(SAMARA).toInstant();
        Instant february = LocalDate.of(2020, 2, 1).atStartOfDay(SAMARA).toInstant();
        for (int i = 0; i < 240; i++) {
            // two thirds in February (the summary's month), the rest over the year
            Instant created = i % 3 != 0
                    ? february.plus(Duration.ofMinutes(random.nextInt(29 * 24 * 60)))
                    : yearStart.plus(Duration.ofMinutes(random.nextInt(366 * 24 * 60)));
            rows.add(random(random, rows.size(), created));
        }
        // the edges of months and years in Samara (UTC+4)
        for (String edge : List.of("2020-01-31T19:59:00Z", "2020-01-31T20:00:00Z", "2020-02-29T19:59:00Z",
                "2020-02-29T20:00:00Z", "2020-12-31T19:59:00Z", "2020-12-31T20:30:00Z", "2019-12-31T19:30:00Z")) {
            rows.add(random(random, rows.size(), Instant.parse(edge)));
        }
        // open, deadlines still ahead: pending, neither on time nor late
        rows.add(new Row(number(rows.size()), "WIDGET", "roads.potholes", "leninsky", "dep.roads", "IN_PROGRESS",
                Instant.parse("2020-02-10T06:00:00Z"), FAR_FUTURE, FAR_FUTURE, Instant.parse("2020-02-10T07:00:00Z"),
                null, null, 0, null));
        rows.add(new Row(number(rows.size()), "MOBILE", "roads.potholes", "leninsky", "dep.roads", "NEW",
                Instant.parse("2020-02-10T06:00:00Z"), FAR_FUTURE, FAR_FUTURE, null, null, null, 0, null));
        return List.copyOf(rows);
    }

    private static Row random(Random random, int index, Instant created) {
        String status = STATUSES.get(random.nextInt(STATUSES.size()));
        Instant firstResponseDue = created.plus(Duration.ofHours(1 + random.nextInt(48)));
        Instant resolutionDue = created.plus(Duration.ofHours(24 + random.nextInt(24 * 20)));
        Instant firstResponded = switch (status) {
            case "NEW" -> null;
            case "REJECTED", "DUPLICATE", "ASSIGNED" -> random.nextInt(3) == 0 ? null : later(random, created, 72);
            default -> random.nextInt(10) == 0 ? null : later(random, created, 72);
        };
        Instant answered = switch (status) {
            case "ANSWERED" -> later(random, created, 24 * 25);
            case "CLOSED" -> random.nextInt(5) == 0 ? null : later(random, created, 24 * 25);
            case "REOPENED" -> random.nextBoolean() ? later(random, created, 24 * 25) : null;
            default -> null;
        };
        Instant closed = "CLOSED".equals(status)
                ? later(random, answered != null ? answered : created, 24 * 5) : null;
        int reopens = switch (status) {
            case "REOPENED" -> 1 + random.nextInt(2);
            case "ANSWERED", "CLOSED", "IN_PROGRESS" -> random.nextInt(5) == 0 ? 1 : 0;
            default -> 0;
        };
        Boolean rating = ("ANSWERED".equals(status) || "CLOSED".equals(status)) && random.nextInt(3) != 0
                ? random.nextInt(4) != 0 : null;
        String district = random.nextInt(8) == 0 ? null : DISTRICTS.get(random.nextInt(DISTRICTS.size()));
        return new Row(number(index), CHANNELS.get(random.nextInt(CHANNELS.size())),
                CATEGORIES.get(random.nextInt(CATEGORIES.size())), district,
                ORGANIZATIONS.get(random.nextInt(ORGANIZATIONS.size())), status, created, firstResponseDue,
                resolutionDue, firstResponded, answered, closed, reopens, rating);
    }

    private static Instant later(Random random, Instant from, int maxHours) {
        return from.plus(Duration.ofMinutes(random.nextInt(maxHours * 60)));
    }

    private static String number(int index) {
        return NUMBER_PREFIX + String.format("%05d", index);
    }

    /** Inserts the fixture unless this schema already holds it. */
    static synchronized void insert(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement check = connection.prepareStatement("select count(*) from incident where number like ?")) {
                check.setString(1, NUMBER_PREFIX + "%");
                try (ResultSet result = check.executeQuery()) {
                    result.next();
                    if (result.getLong(1) > 0) {
                        return;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into incident (number, channel, social_platform, category_code, district_code, text,
                        submitted_by, organization_code, status, first_response_due, resolution_due, first_responded_at,
                        answered_at, closed_at, reopen_count, rating_accepted, rated_at, created_at, updated_at)
                    values (?, ?, ?, ?, ?, 'Текст обращения для статистики', 'stats-fixture', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)) {
                for (Row row : INCIDENTS) {
                    int p = 1;
                    insert.setString(p++, row.number());
                    insert.setString(p++, row.channel());
                    insert.setString(p++, "SOCIAL".equals(row.channel()) ? "VK" : null);
                    insert.setString(p++, row.category());
                    insert.setString(p++, row.district());
                    insert.setString(p++, row.organization());
                    insert.setString(p++, row.status());
                    insert.setObject(p++, utc(row.firstResponseDue()));
                    insert.setObject(p++, utc(row.resolutionDue()));
                    insert.setObject(p++, utc(row.firstRespondedAt()));
                    insert.setObject(p++, utc(row.answeredAt()));
                    insert.setObject(p++, utc(row.closedAt()));
                    insert.setInt(p++, row.reopenCount());
                    if (row.ratingAccepted() == null) {
                        insert.setNull(p++, Types.BOOLEAN);
                        insert.setNull(p++, Types.TIMESTAMP_WITH_TIMEZONE);
                    } else {
                        insert.setBoolean(p++, row.ratingAccepted());
                        insert.setObject(p++, utc(row.closedAt() != null ? row.closedAt() : row.answeredAt()));
                    }
                    insert.setObject(p++, utc(row.createdAt()));
                    insert.setObject(p++, utc(row.createdAt()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    // ---- the figures, computed from the rows -------------------------------------------------

    static List<Row> receivedBetween(LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(SAMARA).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(SAMARA).toInstant();
        return INCIDENTS.stream()
                .filter(r -> !r.createdAt().isBefore(start) && r.createdAt().isBefore(end))
                .toList();
    }

    static boolean isWorkingDay(LocalDate day) {
        if (WORKED.contains(day)) {
            return true;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !HOLIDAYS.contains(day);
    }

    /** Working minutes between two instants, day by day: 09:00 to 18:00 of every working day. */
    static double workingMinutes(Instant from, Instant to) {
        LocalDateTime start = LocalDateTime.ofInstant(from, SAMARA);
        LocalDateTime end = LocalDateTime.ofInstant(to, SAMARA);
        double minutes = 0;
        for (LocalDate day = start.toLocalDate(); !day.isAfter(end.toLocalDate()); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            LocalDateTime open = day.atTime(9, 0);
            LocalDateTime close = day.atTime(18, 0);
            LocalDateTime a = start.isAfter(open) ? start : open;
            LocalDateTime b = end.isBefore(close) ? end : close;
            if (b.isAfter(a)) {
                minutes += Duration.between(a, b).getSeconds() / 60.0;
            }
        }
        return minutes;
    }

    /** The continuous percentile (linear interpolation between the closest ranks), as SQL's percentile_cont. */
    static Double percentile(List<Double> values, double fraction) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        double position = fraction * (sorted.size() - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted.get(lower) + (sorted.get(upper) - sorted.get(lower)) * (position - lower);
    }
}
