package org.otklik.location;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.incident.IncidentRefs.DistrictRef;

@io.quarkus.runtime.annotations.RegisterForReflection
@Schema(name = "LocatedDistrict", requiredProperties = { "district", "match" },
        description = "The district a point lies in, as intake would take it for a message without one")
public record LocatedDistrict(
        @Schema(nullable = true, description = "None when the point lies outside every district and more than 200 m from "
                + "all of them, or before boundaries are loaded") DistrictRef district,
        @Schema(enumeration = { "INSIDE", "NEAREST", "NONE" }, description = "INSIDE the district's boundary; NEAREST: on a "
                + "border or outside every district, within 200 m of this one; NONE", examples = "INSIDE") String match) {
}
