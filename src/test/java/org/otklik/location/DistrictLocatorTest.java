package org.otklik.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.otklik.location.TestBoundaries.CELL;
import static org.otklik.location.TestBoundaries.DISTRICTS;
import static org.otklik.location.TestBoundaries.LAT0;
import static org.otklik.location.TestBoundaries.LON0;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.otklik.location.DistrictLocator.Match;
import org.otklik.location.DistrictLocator.Source;

class DistrictLocatorTest {

    private final DistrictLocator locator = new DistrictLocator(new BoundaryValidator(Set.copyOf(DISTRICTS))
            .read(TestBoundaries.grid()));

    /** One metre of latitude in degrees. */
    private static final double METRE = 1 / 111_195.0;

    @Test
    void aPointInsideASquareIsInItsDistrict() {
        assertThat(locator.locate(LAT0 + 0.5 * CELL, LON0 + 0.5 * CELL))
                .contains(new Match(DISTRICTS.get(0), Source.INSIDE, 0));
        assertThat(locator.locate(LAT0 + 2.9 * CELL, LON0 + 2.9 * CELL))
                .contains(new Match(DISTRICTS.get(8), Source.INSIDE, 0));
    }

    @Test
    void aPointOnASharedBorderGoesToTheNearestWithAStableTieBreak() {
        Match match = locator.locate(LAT0 + 0.5 * CELL, LON0 + CELL).orElseThrow();
        assertThat(match.source()).isEqualTo(Source.NEAREST);
        assertThat(match.distanceMetres()).isLessThan(0.01);
        assertThat(match.districtCode()).isEqualTo("kirovsky").isIn(DISTRICTS.get(0), DISTRICTS.get(1));
    }

    @Test
    void aPointHalfAMetreInsideCountsAsOnTheBorder() {
        Match match = locator.locate(LAT0 + 0.5 * CELL, LON0 + CELL - 0.5 * METRE).orElseThrow();
        assertThat(match.source()).isEqualTo(Source.NEAREST);
    }

    @Test
    void aPointInAHoleIsOutsideItsDistrict() {
        double middleLon = LON0 + 1.5 * CELL;
        double middleLat = LAT0 + 1.5 * CELL;
        assertThat(locator.locate(middleLat, middleLon)).as("330 m from the hole's edge").isEmpty();
        Match nearTheEdge = locator.locate(LAT0 + CELL + 0.002 + 0.0005, middleLon).orElseThrow();
        assertThat(nearTheEdge.districtCode()).isEqualTo(TestBoundaries.HOLED);
        assertThat(nearTheEdge.source()).isEqualTo(Source.NEAREST);
        assertThat(nearTheEdge.distanceMetres()).isBetween(50.0, 60.0);
        Match betweenHoleAndOutline = locator.locate(LAT0 + CELL + 0.001, middleLon).orElseThrow();
        assertThat(betweenHoleAndOutline).isEqualTo(new Match(TestBoundaries.HOLED, Source.INSIDE, 0));
    }

    @Test
    void outsideTheCityWithin200MetresIsTheNearestDistrictFartherIsNone() {
        Match near = locator.locate(LAT0 - 150 * METRE, LON0 + 0.5 * CELL).orElseThrow();
        assertThat(near.districtCode()).isEqualTo(DISTRICTS.get(0));
        assertThat(near.source()).isEqualTo(Source.NEAREST);
        assertThat(near.distanceMetres()).isBetween(149.0, 151.0);
        assertThat(locator.locate(LAT0 - 210 * METRE, LON0 + 0.5 * CELL)).isEmpty();
        assertThat(locator.locate(LAT0 + 3 * CELL + 199 * METRE, LON0 + 3 * CELL)).map(Match::districtCode)
                .contains(DISTRICTS.get(8));
        assertThat(locator.locate(55.0, 37.0)).isEmpty();
    }

    @Test
    void noBoundariesLocateNothing() {
        assertThat(DistrictLocator.empty().locate(LAT0, LON0)).isEmpty();
    }
}
