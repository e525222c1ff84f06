package org.otklik.routing;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

// Native: Jackson serialises this inside a Response (ETag answers), so the REST layer cannot see the type.
@RegisterForReflection
@Schema(name = "District", requiredProperties = { "code", "nameRu", "nameEn" })
public record DistrictView(
        @Schema(examples = "leninsky") String code,
        @Schema(examples = "Ленинский") String nameRu,
        @Schema(examples = "Leninsky") String nameEn) {

    static DistrictView of(District district) {
        return new DistrictView(district.code, district.nameRu, district.nameEn);
    }
}
