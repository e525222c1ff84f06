package org.otklik.incident;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.routing.Category;
import org.otklik.routing.District;
import org.otklik.routing.Organization;

/** Small references to reference data inside incident views. */
public final class IncidentRefs {

    private IncidentRefs() {
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    @Schema(name = "CategoryRef", requiredProperties = { "code", "nameRu", "nameEn" })
    public record CategoryRef(@Schema(examples = "roads.potholes") String code,
            @Schema(examples = "Ямы и покрытие") String nameRu,
            @Schema(examples = "Potholes and surface") String nameEn) {
        public static CategoryRef of(Category category) {
            return new CategoryRef(category.code, category.nameRu, category.nameEn);
        }
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    @Schema(name = "DistrictRef", requiredProperties = { "code", "nameRu", "nameEn" })
    public record DistrictRef(@Schema(examples = "oktyabrsky") String code,
            @Schema(examples = "Октябрьский") String nameRu,
            @Schema(examples = "Oktyabrsky") String nameEn) {
        public static DistrictRef of(District district) {
            return district == null ? null : new DistrictRef(district.code, district.nameRu, district.nameEn);
        }
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    @Schema(name = "OrganizationRef", requiredProperties = { "code", "nameRu" })
    public record OrganizationRef(@Schema(examples = "dep.roads") String code,
            @Schema(examples = "Департамент дорожного хозяйства") String nameRu) {
        public static OrganizationRef of(Organization organization) {
            return new OrganizationRef(organization.code, organization.nameRu);
        }
    }
}
