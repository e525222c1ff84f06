package org.otklik.routing;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Organization", description = "An organisation incidents can be routed to")
public record OrganizationView(
        @Schema(examples = "adm.leninsky") String code,
        @Schema(examples = "DISTRICT_ADMINISTRATION") OrganizationKind kind,
        @Schema(examples = "Администрация Ленинского района") String nameRu,
        @Schema(nullable = true, examples = "leninsky") String districtCode) {

    static OrganizationView of(Organization organization) {
        return new OrganizationView(organization.code, organization.kind, organization.nameRu,
                organization.districtCode);
    }
}
