package org.otklik.stats;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(description = "Incidents received in each calendar month of a year (months in the city's time zone)")
public record MonthlyView(
        @Schema(examples = "2026") int year,
        @Schema(examples = "Europe/Samara") String timeZone,
        @Schema(description = "Twelve months, January first") List<MonthView> months,
        @Schema(description = "The five top-level topics with most incidents in the year") List<CountView> topTopics) {

    @RegisterForReflection
    @Schema(description = "One month's incidents; answered and on time refer to the incidents received in the month")
    public record MonthView(
            @Schema(examples = "2026-11") String month,
            @Schema(examples = "4012") long received,
            @Schema(description = "Received in the month and answered since", examples = "3650") long answered,
            @Schema(description = "Resolved by the deadline", examples = "3100") long resolutionOnTime,
            @Schema(description = "Resolved after the deadline, or open and past it", examples = "420") long resolutionLate,
            @Schema(description = "resolutionOnTime / (resolutionOnTime + resolutionLate); null when both are 0",
                    nullable = true, examples = "0.8807") Double onTimeRate,
            @Schema(description = "The month's five top-level topics with most incidents") List<CountView> topTopics,
            @Schema(description = "Received in the month and linked to a city notice (e.g. a planned outage)", examples = "212")
            long linkedToNotices) {
    }

    /** The same report with each month's count of incidents linked to notices. */
    MonthlyView withNoticeLinks(java.util.Map<Integer, Long> linkedByMonth) {
        return new MonthlyView(year, timeZone, months.stream().map(m -> new MonthView(m.month(), m.received(), m.answered(),
                m.resolutionOnTime(), m.resolutionLate(), m.onTimeRate(), m.topTopics(),
                linkedByMonth.getOrDefault(java.time.YearMonth.parse(m.month()).getMonthValue(), 0L))).toList(), topTopics);
    }
}
