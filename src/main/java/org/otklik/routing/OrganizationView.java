package org.otklik.routing;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;

@Schema(name = "Organization", description = "An organisation incidents can be routed to")
// Native: Jackson serialises this outside a resource's return type (bytes written once per snapshot).
@RegisterForReflection
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
