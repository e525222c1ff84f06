package org.otklik.location;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.web.EntityTags;
import org.otklik.common.web.SerializedView;
import org.otklik.location.BoundaryRepository.StoredBoundary;
import org.otklik.routing.District;
import org.otklik.routing.ReferenceCatalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/**
 * District boundaries: replaced as a whole by an admin, kept in the database, and held in memory for a
 * minute as a {@link DistrictLocator} and as the published FeatureCollection.
 */
@ApplicationScoped
public class BoundaryService {

    private static final Duration TIME_TO_LIVE = Duration.ofMinutes(1);

    private final BoundaryRepository boundaries;
    private final ReferenceCatalog catalog;
    private final EntityTags entityTags;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private volatile Loaded loaded;

    public BoundaryService(BoundaryRepository boundaries, ReferenceCatalog catalog, EntityTags entityTags,
            ObjectMapper objectMapper, Clock clock) {
        this.boundaries = boundaries;
        this.catalog = catalog;
        this.entityTags = entityTags;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    private record Loaded(DistrictLocator locator, SerializedView collection, Instant at) {
    }

    /** Validates the whole collection first; a fault changes nothing. */
    public Uni<Void> replace(JsonNode collection) {
        return catalog.current().chain(reference -> {
            Set<String> codes = codesOf(reference.districts());
            new BoundaryValidator(codes).read(collection);
            List<StoredBoundary> rows = new ArrayList<>();
            for (JsonNode feature : collection.get("features")) {
                ObjectNode properties = ((ObjectNode) feature.get("properties")).deepCopy();
                rows.add(new StoredBoundary(properties.get("district").asText(), write(feature.get("geometry")),
                        write(properties)));
            }
            return boundaries.replaceAll(rows, clock.instant());
        }).invoke(() -> loaded = null);
    }

    public Uni<DistrictLocator> locator() {
        return current().map(Loaded::locator);
    }

    public Uni<SerializedView> featureCollection() {
        return current().map(Loaded::collection);
    }

    private Uni<Loaded> current() {
        Loaded known = loaded;
        if (known != null && known.at().plus(TIME_TO_LIVE).isAfter(clock.instant())) {
            return Uni.createFrom().item(known);
        }
        return boundaries.all().map(stored -> {
            ObjectNode collection = objectMapper.createObjectNode().put("type", "FeatureCollection");
            ArrayNode features = collection.putArray("features");
            for (StoredBoundary boundary : stored) {
                ObjectNode feature = features.addObject().put("type", "Feature");
                feature.set("properties", read(boundary.properties()));
                feature.set("geometry", read(boundary.geometry()));
            }
            Set<String> codes = stored.stream().map(StoredBoundary::districtCode).collect(Collectors.toSet());
            DistrictLocator locator = stored.isEmpty() ? DistrictLocator.empty()
                    : new DistrictLocator(new BoundaryValidator(codes).read(collection));
            Loaded fresh = new Loaded(locator, entityTags.serialize(collection), clock.instant());
            loaded = fresh;
            return fresh;
        });
    }

    private String write(JsonNode node) {
        try {
            return objectMapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a boundary", e);
        }
    }

    private JsonNode read(String json) {
        try {
            return objectMapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored boundary is not JSON", e);
        }
    }

    static Set<String> codesOf(List<District> districts) {
        return districts.stream().map(d -> d.code).collect(Collectors.toSet());
    }
}
