package org.otklik.open311;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.open311.Open311Repository.Circle;
import org.otklik.open311.Open311Repository.RequestQuery;

/**
 * The query parameters of the Open311 lists, parsed at the HTTP edge into the queries the services run.
 * Strict: every failure is a 400 naming the parameter. Time windows default to the last max-window-days.
 */
@ApplicationScoped
public class Open311Parameters {

    /** The contract's maximum page: page times the largest page size allowed (1,000) stays below 2^31. */
    static final int MAX_PAGE = Integer.MAX_VALUE / 1000;
    /** The default and the largest radius of a lat/long search, in metres. */
    static final int DEFAULT_RADIUS_METRES = 500;
    static final int MAX_RADIUS_METRES = 5000;

    private final Open311Config config;
    private final Clock clock;

    public Open311Parameters(Open311Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The query parameters of GET requests, as sent. */
    public record RequestFilters(String serviceRequestId, String serviceCode, String startDate, String endDate, String status,
            String updatedAfter, String updatedBefore, String page, String pageSize, String extensions, String lat,
            String lon, String radius) {

        /** One request by number, as GET requests/{id} asks for it. */
        static RequestFilters one(String number, String extensions) {
            return new RequestFilters(number, null, null, null, null, null, null, null, null, extensions, null, null, null);
        }
    }

    /** What GET requests selects, and whether the answer carries the extensions (notes, extended status). */
    public record Listing(RequestQuery query, boolean extensions) {
    }

    /** One page of servicerequestupdates: the window of change times, and the rows to skip and take. */
    public record UpdatesPage(Instant from, Instant to, int offset, int limit) {
    }

    Listing listing(RequestFilters filters) {
        boolean extensions = flag("extensions", filters.extensions());
        int pageSize = bounded("page_size", filters.pageSize(), config.defaultPageSize(), config.maxPageSize());
        int page = bounded("page", filters.page(), 1, MAX_PAGE);
        tooLong("service_request_id", filters.serviceRequestId(), 4200);
        tooLong("service_code", filters.serviceCode(), 2000);
        List<String> numbers = list(filters.serviceRequestId());
        if (!numbers.isEmpty()) {
            if (numbers.size() > config.maxPageSize()) {
                throw ProblemException.badParameter("service_request_id", "at most " + config.maxPageSize() + " ids");
            }
            return new Listing(new RequestQuery(numbers, List.of(), Set.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), false, 0, numbers.size()), extensions);
        }
        Set<String> statuses = new HashSet<>();
        for (String status : list(filters.status())) {
            switch (status) {
                case "open" -> statuses.addAll(StatusMapping.OPEN);
                case "closed" -> statuses.addAll(StatusMapping.CLOSED);
                default -> throw ProblemException.badParameter("status", "must be open or closed");
            }
        }
        boolean byCreation = filters.startDate() != null || filters.endDate() != null
                || (filters.updatedAfter() == null && filters.updatedBefore() == null);
        Window created = byCreation ? window("start_date", filters.startDate(), "end_date", filters.endDate()) : null;
        Window updated = byCreation
                ? optionalWindow("updated_after", filters.updatedAfter(), "updated_before", filters.updatedBefore())
                : window("updated_after", filters.updatedAfter(), "updated_before", filters.updatedBefore());
        return new Listing(new RequestQuery(List.of(), list(filters.serviceCode()), statuses,
                Optional.ofNullable(created).map(Window::from), Optional.ofNullable(created).map(Window::to),
                Optional.ofNullable(updated).map(Window::from), Optional.ofNullable(updated).map(Window::to),
                near(filters), !byCreation, (page - 1) * pageSize, pageSize), extensions);
    }

    UpdatesPage updatesPage(String startDate, String endDate, String page, String pageSize) {
        int size = bounded("page_size", pageSize, config.maxPageSize(), config.maxPageSize());
        int number = bounded("page", page, 1, MAX_PAGE);
        Window window = window("start_date", startDate, "end_date", endDate);
        return new UpdatesPage(window.from(), window.to(), (number - 1) * size, size);
    }

    /** lat/long/radius (the common extension): both coordinates or neither; a radius only with them. */
    private static Optional<Circle> near(RequestFilters filters) {
        if (filters.lat() == null && filters.lon() == null) {
            if (filters.radius() != null) {
                throw ProblemException.badParameter("radius", "goes with lat and long");
            }
            return Optional.empty();
        }
        if (filters.lat() == null || filters.lon() == null) {
            throw ProblemException.badParameter(filters.lat() == null ? "lat" : "long", "lat and long come together");
        }
        double latitude = coordinate("lat", filters.lat(), 90);
        double longitude = coordinate("long", filters.lon(), 180);
        int metres = bounded("radius", filters.radius(), DEFAULT_RADIUS_METRES, MAX_RADIUS_METRES);
        return Optional.of(new Circle(latitude, longitude, metres));
    }

    /** A WGS 84 coordinate between -limit and limit. */
    static double coordinate(String name, String value, double limit) {
        try {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number) && Math.abs(number) <= limit) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badParameter(name, "must be a WGS 84 coordinate between -" + (int) limit + " and " + (int) limit);
    }

    private record Window(Instant from, Instant to) {
    }

    /** A time window of at most max-window-days; missing ends default to now and to that far back. */
    private Window window(String fromName, String fromValue, String toName, String toValue) {
        Duration max = Duration.ofDays(config.maxWindowDays());
        Instant from = fromValue == null ? null : Open311Times.parse(fromName, fromValue);
        Instant to = toValue == null ? null : Open311Times.parse(toName, toValue);
        if (from == null && to == null) {
            to = clock.instant();
        }
        if (from == null) {
            from = to.minus(max);
        } else if (to == null) {
            to = from.plus(max);
        }
        if (to.isBefore(from)) {
            throw ProblemException.badParameter(toName, "lies before " + fromName);
        }
        if (Duration.between(from, to).compareTo(max) > 0) {
            throw ProblemException.badParameter(toName, "at most " + config.maxWindowDays() + " days after " + fromName);
        }
        return new Window(from, to);
    }

    /** A window without a length limit, open at the missing end; null when neither end is given. */
    private static Window optionalWindow(String fromName, String fromValue, String toName, String toValue) {
        if (fromValue == null && toValue == null) {
            return null;
        }
        Instant from = fromValue == null ? Instant.EPOCH : Open311Times.parse(fromName, fromValue);
        Instant to = toValue == null ? Instant.parse("9999-12-31T00:00:00Z") : Open311Times.parse(toName, toValue);
        if (to.isBefore(from)) {
            throw ProblemException.badParameter(toName, "lies before " + fromName);
        }
        return new Window(from, to);
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** The contract's maxLength of a query parameter. */
    private static void tooLong(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw ProblemException.badParameter(name, "must be at most " + max + " characters");
        }
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.badParameter(name, "must be true or false");
    }

    private static int bounded(String name, String value, int byDefault, int max) {
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badParameter(name, "must be a whole number from 1 to " + max);
    }
}
