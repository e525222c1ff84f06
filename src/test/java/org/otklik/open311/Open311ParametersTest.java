package org.otklik.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.otklik.common.problem.ProblemException;
import org.otklik.open311.Open311Parameters.Listing;
import org.otklik.open311.Open311Parameters.RequestFilters;
import org.otklik.open311.Open311Parameters.UpdatesPage;
import org.otklik.open311.Open311Repository.RequestQuery;

/** The Open311 lists' query parameters and the update form, read at the edge. No container. */
class Open311ParametersTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Open311Parameters PARAMETERS = new Open311Parameters(new Defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

    /** The configuration's defaults: 90-day windows, pages of 100, at most 200. */
    private static final class Defaults implements Open311Config {
        public String jurisdictionId() {
            return "samara.ru";
        }

        public String contact() {
            return "contact";
        }

        public String keyService() {
            return "keys";
        }

        public String endpointType() {
            return "test";
        }

        public Optional<String> publicUrl() {
            return Optional.empty();
        }

        public int maxWindowDays() {
            return 90;
        }

        public int defaultPageSize() {
            return 100;
        }

        public int maxPageSize() {
            return 200;
        }
    }

    private static RequestFilters filters(String name, String value) {
        return new RequestFilters(is(name, "service_request_id", value), is(name, "service_code", value),
                is(name, "start_date", value), is(name, "end_date", value), is(name, "status", value),
                is(name, "updated_after", value), is(name, "updated_before", value), is(name, "page", value),
                is(name, "page_size", value), is(name, "extensions", value), is(name, "lat", value), is(name, "long", value),
                is(name, "radius", value));
    }

    private static String is(String name, String parameter, String value) {
        return name.equals(parameter) ? value : null;
    }

    /** The parameter named by the 400 that reading ends in. */
    private static String badParameter(Supplier<?> reading) {
        try {
            reading.get();
        } catch (ProblemException problem) {
            return problem.errors().get(0).parameter();
        }
        return fail("read without a 400");
    }

    @Test
    void withoutParametersTheLastNinetyDaysByTimeOfRequest() {
        Listing listing = PARAMETERS.listing(filters("none", null));
        RequestQuery query = listing.query();
        assertThat(listing.extensions()).isFalse();
        assertThat(query.createdFrom()).contains(NOW.minus(Duration.ofDays(90)));
        assertThat(query.createdTo()).contains(NOW);
        assertThat(query.updatedFrom()).isEmpty();
        assertThat(query.byUpdate()).isFalse();
        assertThat(query.offset()).isZero();
        assertThat(query.limit()).isEqualTo(100);
    }

    @Test
    void requestIdsOverrideTheOtherFilters() {
        RequestQuery query = PARAMETERS.listing(new RequestFilters(" 2611-000042, 2611-000043,2611-000042", "roads", null, null,
                "open", null, null, "3", null, "true", null, null, null)).query();
        assertThat(query.numbers()).containsExactly("2611-000042", "2611-000043");
        assertThat(query.categoryCodes()).isEmpty();
        assertThat(query.statuses()).isEmpty();
        assertThat(query.createdFrom()).isEmpty();
        assertThat(query.offset()).isZero();
        assertThat(query.limit()).isEqualTo(2);
    }

    @Test
    void updatedAloneSelectsByLastChange() {
        RequestQuery query = PARAMETERS.listing(filters("updated_after", "2026-11-28T00:00:00Z")).query();
        assertThat(query.byUpdate()).isTrue();
        assertThat(query.createdFrom()).isEmpty();
        assertThat(query.updatedFrom()).contains(Instant.parse("2026-11-28T00:00:00Z"));
        assertThat(query.updatedTo()).contains(Instant.parse("2026-11-28T00:00:00Z").plus(Duration.ofDays(90)));
    }

    @Test
    void statusesAndPages() {
        assertThat(PARAMETERS.listing(filters("status", "closed")).query().statuses())
                .containsExactlyInAnyOrderElementsOf(StatusMapping.CLOSED);
        RequestQuery third = PARAMETERS.listing(new RequestFilters(null, null, null, null, null, null, null, "3", "50", null,
                null, null, null)).query();
        assertThat(third.offset()).isEqualTo(100);
        assertThat(third.limit()).isEqualTo(50);
    }

    @Test
    void aPlaceWithTheDefaultRadius() {
        RequestQuery query = PARAMETERS.listing(new RequestFilters(null, null, null, null, null, null, null, null, null, null,
                "53.2", "50.15", null)).query();
        assertThat(query.near()).contains(new Open311Repository.Circle(53.2, 50.15, Open311Parameters.DEFAULT_RADIUS_METRES));
    }

    @Test
    void badParametersAreA400NamingThem() {
        assertThat(badParameter(() -> PARAMETERS.listing(filters("status", "pending")))).isEqualTo("status");
        assertThat(badParameter(() -> PARAMETERS.listing(filters("extensions", "yes")))).isEqualTo("extensions");
        assertThat(badParameter(() -> PARAMETERS.listing(filters("page_size", "201")))).isEqualTo("page_size");
        assertThat(badParameter(() -> PARAMETERS.listing(filters("page", "0")))).isEqualTo("page");
        assertThat(badParameter(() -> PARAMETERS.listing(filters("radius", "300")))).isEqualTo("radius");
        assertThat(badParameter(() -> PARAMETERS.listing(filters("lat", "53.2")))).isEqualTo("long");
        assertThat(badParameter(() -> PARAMETERS.listing(filters("start_date", "2026-11-01")))).isEqualTo("start_date");
        assertThat(badParameter(() -> PARAMETERS.listing(filters("service_code", "x".repeat(2001))))).isEqualTo("service_code");
        assertThat(badParameter(() -> PARAMETERS.listing(new RequestFilters(null, null, "2026-01-01T00:00:00Z",
                "2026-06-01T00:00:00Z", null, null, null, null, null, null, null, null, null)))).isEqualTo("end_date");
        assertThat(badParameter(() -> PARAMETERS.listing(new RequestFilters(null, null, null, null, null,
                "2026-11-02T00:00:00Z", "2026-11-01T00:00:00Z", null, null, null, null, null, null)))).isEqualTo("updated_before");
    }

    @Test
    void updatesComeInPagesOfTheLargestSize() {
        UpdatesPage page = PARAMETERS.updatesPage(null, null, "2", null);
        assertThat(page.from()).isEqualTo(NOW.minus(Duration.ofDays(90)));
        assertThat(page.to()).isEqualTo(NOW);
        assertThat(page.offset()).isEqualTo(200);
        assertThat(page.limit()).isEqualTo(200);
    }

    @Test
    void aPostedUpdateIsReadFromItsForm() {
        Open311Form.PostedUpdate update = new Open311Form(Map.of("service_request_id", List.of(" 2611-000042 "),
                "update_id", List.of("bo-7731"), "status", List.of("in_progress"),
                "updated_datetime", List.of("2026-11-29T10:15:00+04:00"), "description", List.of("  "))).update();
        assertThat(update).isEqualTo(new Open311Form.PostedUpdate("2611-000042", "bo-7731", "IN_PROGRESS",
                Instant.parse("2026-11-29T06:15:00Z"), null));
        assertThat(badParameter(() -> new Open311Form(Map.of("service_request_id", List.of("2611-000042"),
                "update_id", List.of("bo-1"), "status", List.of("DONE"), "updated_datetime", List.of("2026-11-29T10:15:00Z")))
                .update())).isEqualTo("status");
        assertThat(badParameter(() -> new Open311Form(Map.of("service_request_id", List.of("2611-000042"))).update()))
                .isEqualTo("update_id");
    }
}
