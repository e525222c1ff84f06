package org.otklik.routing;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

// Native: Jackson serialises this inside a Response (ETag answers), so the REST layer cannot see the type.
@RegisterForReflection
@Schema(name = "Category", requiredProperties = { "code", "nameRu", "nameEn", "firstResponseHours", "resolutionDays", "children" }, description = "A topic of the tree with its effective deadlines (inherited from the parent where unset)")
public record CategoryView(
        @Schema(examples = "housing.heating") String code,
        @Schema(examples = "Отопление") String nameRu,
        @Schema(examples = "Heating") String nameEn,
        @Schema(description = "First response deadline in working hours", nullable = true, examples = "4") Integer firstResponseHours,
        @Schema(description = "Resolution deadline in working days", nullable = true, examples = "3") Integer resolutionDays,
        @Schema(description = "Sub-topics") List<CategoryView> children) {
}
