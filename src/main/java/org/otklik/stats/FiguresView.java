package org.otklik.stats;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(description = "Deadline, duration and satisfaction figures of the incidents received in a period. "
        + "Deadlines, durations, reopening and ratings count cases only: incidents neither rejected nor merged as duplicates.")
public record FiguresView(
        @Schema(description = "Incidents received", examples = "4012") long received,
        @Schema(description = "Received incidents that are cases (not REJECTED, not DUPLICATE)", examples = "3870") long cases,
        @Schema(description = "First response against its deadline") DeadlineView firstResponse,
        @Schema(description = "Resolution (the answer, or the close without one) against its deadline") DeadlineView resolution,
        @Schema(description = "Working hours from receipt to the first response") DurationView timeToFirstResponse,
        @Schema(description = "Working hours from receipt to the answer") DurationView timeToAnswer,
        @Schema(description = "Cases answered", examples = "3500") long answered,
        @Schema(description = "Cases the citizen contested at least once", examples = "140") long reopened,
        @Schema(description = "reopened divided by the cases answered at least once; null when none was", nullable = true,
                examples = "0.04") Double reopenRate,
        @Schema(description = "Answers the citizen rated", examples = "900") long rated,
        @Schema(description = "Answers the citizen accepted", examples = "810") long accepted,
        @Schema(description = "accepted divided by rated; null when none was rated", nullable = true,
                examples = "0.9") Double acceptedShare) {

    @RegisterForReflection
    @Schema(description = "On time: done by the deadline. Late: done after it, or still not done and past it "
            + "(open overdue incidents count as late). Pending: not done and the deadline is still ahead.")
    public record DeadlineView(
            @Schema(examples = "3100") long onTime,
            @Schema(examples = "420") long late,
            @Schema(examples = "350") long pending,
            @Schema(description = "onTime divided by (onTime + late); null when both are 0", nullable = true,
                    examples = "0.8807") Double onTimeRate) {
    }

    @RegisterForReflection
    @Schema(description = "Durations in working hours (the working-time calendar of the deadlines)")
    public record DurationView(
            @Schema(description = "Cases with this duration", examples = "3520") long count,
            @Schema(description = "Median (continuous percentile)", nullable = true, examples = "2.5") Double medianWorkingHours,
            @Schema(description = "90th percentile (continuous)", nullable = true, examples = "7.75") Double p90WorkingHours) {
    }
}
