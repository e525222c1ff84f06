package org.otklik.location;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.incident.IncidentRefs.DistrictRef;
import org.otklik.routing.ReferenceCatalog;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/districts/locate")
@Tag(name = "Reference data")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.LOOKUPS)
public class DistrictLocateResource {

    private final BoundaryService boundaries;
    private final ReferenceCatalog catalog;

    public DistrictLocateResource(BoundaryService boundaries, ReferenceCatalog catalog) {
        this.boundaries = boundaries;
        this.catalog = catalog;
    }

    @GET
    @PermitAll
    @Operation(operationId = "locateDistrict", summary = "The district of a point",
            description = "What intake takes for a message with a point and no district, so that a form can fill the "
                    + "district before submitting. Anyone may ask; rate limited per client address (group lookups).")
    @APIResponse(responseCode = "200", description = "The district, or none",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LocatedDistrict.class)))
    public Uni<LocatedDistrict> locate(
            @Parameter(required = true, description = "Latitude, WGS 84", example = "53.2015",
                    schema = @Schema(type = SchemaType.NUMBER, minimum = "-90", maximum = "90")) @QueryParam("lat") String lat,
            @Parameter(required = true, description = "Longitude, WGS 84", example = "50.1362",
                    schema = @Schema(type = SchemaType.NUMBER, minimum = "-180", maximum = "180")) @QueryParam("lon") String lon) {
        double latitude = Coordinates.latitude("lat", lat);
        double longitude = Coordinates.longitude("lon", lon);
        return boundaries.locator().chain(locator -> catalog.current().map(reference -> locator.locate(latitude, longitude)
                .flatMap(match -> reference.district(match.districtCode())
                        .map(d -> new LocatedDistrict(new DistrictRef(d.code, d.nameRu, d.nameEn), match.source().name())))
                .orElse(new LocatedDistrict(null, "NONE"))));
    }
}
