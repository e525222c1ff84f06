package org.otklik.stats;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(description = "Open data of one month: aggregates only; groups with fewer incidents than minGroupSize are hidden")
public record PublicStatsView(
        @Schema(examples = "2026-10") String month,
        @Schema(examples = "Europe/Samara") String timeZone,
        @Schema(description = "Groups smaller than this are hidden", examples = "5") int minGroupSize,
        @Schema(examples = "4012") long received,
        @Schema(description = "Received in the month and answered since", examples = "3650") long answered,
        @Schema(description = "Share resolved by the deadline, open overdue incidents counted as late; null when "
                + "fewer than minGroupSize incidents could be judged", nullable = true, examples = "0.88")
        Double resolutionOnTimeRate,
        PublicGroupsView byTopic,
        PublicGroupsView byDistrict,
        PublicGroupsView byChannel) {

    @RegisterForReflection
    @Schema(description = "The groups shown, and how many groups (with how many incidents together) are hidden. "
            + "When hiding the small groups would leave fewer than minGroupSize hidden incidents, the next smallest "
            + "group is hidden too, so that no small group can be recovered from the total.")
    public record PublicGroupsView(
            List<CountView> groups,
            @Schema(examples = "2") int hiddenGroups,
            @Schema(examples = "7") long hiddenCount) {
    }
}
