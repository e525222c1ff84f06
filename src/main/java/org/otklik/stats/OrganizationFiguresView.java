package org.otklik.stats;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(description = "The figures of the incidents one organisation is responsible for")
public record OrganizationFiguresView(
        @Schema(examples = "adm.leninsky") String code,
        @Schema(examples = "Администрация Ленинского района") String name,
        FiguresView figures) {
}
