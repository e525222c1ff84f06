package org.otklik.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.otklik.location.TestBoundaries.DISTRICTS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.otklik.common.problem.ProblemException;

import com.fasterxml.jackson.databind.ObjectMapper;

class BoundaryValidatorTest {

    private final BoundaryValidator validator = new BoundaryValidator(Set.copyOf(DISTRICTS));

    private List<DistrictShape> read(List<Map<String, Object>> features) {
        return validator.read(new ObjectMapper().valueToTree(TestBoundaries.collection(features)));
    }

    private List<Map<String, Object>> gridWith(int index, Map<String, Object> geometry) {
        List<Map<String, Object>> features = new ArrayList<>(TestBoundaries.gridFeatures());
        features.set(index, TestBoundaries.feature(DISTRICTS.get(index), geometry));
        return features;
    }

    private static void refused(Runnable read, String pointer, String detail) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.getMessage()).contains(detail);
            assertThat(problem.errors()).singleElement().satisfies(error -> assertThat(error.pointer()).isEqualTo(pointer));
        });
    }

    @Test
    void theGridIsReadWithItsHole() {
        List<DistrictShape> shapes = read(TestBoundaries.gridFeatures());
        assertThat(shapes).extracting(DistrictShape::districtCode).containsExactlyElementsOf(DISTRICTS);
        assertThat(shapes.get(4).polygons().get(0).holes()).hasSize(1);
    }

    @Test
    void anOpenRingIsRefusedNamingTheFeature() {
        List<List<Double>> open = List.of(List.of(10.0, 20.0), List.of(10.01, 20.0), List.of(10.0, 20.0));
        refused(() -> read(gridWith(2, TestBoundaries.polygon(open))), "/features/2/geometry/coordinates/0",
                "Feature 2 (district krasnoglinsky) has a ring of fewer than four positions");
        List<List<Double>> unclosed = List.of(List.of(10.0, 20.0), List.of(10.01, 20.0), List.of(10.01, 20.01),
                List.of(10.0, 20.01), List.of(10.0, 20.005));
        refused(() -> read(gridWith(2, TestBoundaries.polygon(unclosed))), "/features/2/geometry/coordinates/0",
                "Feature 2 (district krasnoglinsky) has a ring that is not closed");
    }

    @Test
    void aSelfIntersectingRingIsRefused() {
        List<List<Double>> bowTie = List.of(List.of(10.0, 20.0), List.of(10.01, 20.01), List.of(10.01, 20.0),
                List.of(10.0, 20.01), List.of(10.0, 20.0));
        refused(() -> read(gridWith(5, TestBoundaries.polygon(bowTie))), "/features/5/geometry/coordinates/0/2",
                "Feature 5 (district oktyabrsky) has a self-intersecting ring");
        List<List<Double>> foldsBack = List.of(List.of(10.0, 20.0), List.of(10.01, 20.0), List.of(10.005, 20.0),
                List.of(10.0, 20.01), List.of(10.0, 20.0));
        refused(() -> read(gridWith(5, TestBoundaries.polygon(foldsBack))), "/features/5/geometry/coordinates/0/1",
                "self-intersecting");
    }

    @Test
    void positionsOutsideWgs84AreRefused() {
        List<List<Double>> swapped = TestBoundaries.square(20.0, 100.0, 0.01);
        refused(() -> read(gridWith(0, TestBoundaries.polygon(swapped))), "/features/0/geometry/coordinates/0/0",
                "outside WGS 84");
    }

    @Test
    void aHoleOutsideItsOutlineIsRefused() {
        refused(() -> read(gridWith(1, TestBoundaries.polygon(TestBoundaries.square(10.0, 20.0, 0.01),
                TestBoundaries.square(11.0, 21.0, 0.001)))), "/features/1/geometry/coordinates/1", "hole outside");
    }

    @Test
    void everyDistrictOnceAndOnlyKnownOnes() {
        List<Map<String, Object>> twice = new ArrayList<>(TestBoundaries.gridFeatures());
        twice.set(3, TestBoundaries.feature(DISTRICTS.get(0), TestBoundaries.polygon(TestBoundaries.square(10.0, 20.1, 0.01))));
        refused(() -> read(twice), "/features/3/properties/district",
                "Feature 3 (district zheleznodorozhny) covers the district already covered by feature 0");
        List<Map<String, Object>> missing = new ArrayList<>(TestBoundaries.gridFeatures());
        missing.remove(8);
        refused(() -> read(missing), "/features", "No feature covers the districts sovetsky");
        List<Map<String, Object>> unknown = new ArrayList<>(TestBoundaries.gridFeatures());
        unknown.set(6, TestBoundaries.feature("atlantis", TestBoundaries.polygon(TestBoundaries.square(10.0, 20.1, 0.01))));
        refused(() -> read(unknown), "/features/6/properties/district", "Feature 6 (district atlantis) names an unknown district");
    }

    @Test
    void otherGeometriesAndShapesAreRefused() {
        refused(() -> read(gridWith(7, Map.of("type", "Point", "coordinates", List.of(10.0, 20.0)))), "/features/7/geometry",
                "Polygon or MultiPolygon");
        refused(() -> validator.read(new ObjectMapper().valueToTree(Map.of("type", "Feature"))), "/type", "FeatureCollection");
    }

    @Test
    void aMultiPolygonIsAccepted() {
        List<DistrictShape> shapes = read(gridWith(0, Map.of("type", "MultiPolygon", "coordinates", List.of(
                List.of(TestBoundaries.square(10.0, 20.0, 0.01)), List.of(TestBoundaries.square(10.5, 20.5, 0.01))))));
        assertThat(shapes.get(0).polygons()).hasSize(2);
    }
}
