package org.otklik.stats;

import java.time.YearMonth;
import java.util.function.Function;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.otklik.common.problem.ProblemResponses;
import org.otklik.common.ratelimit.CurrentRateLimitScope;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.common.web.EntityTags;
import org.otklik.security.Roles;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/v1/stats")
@Tag(name = "Statistics")
@RateLimited(RateLimitGroup.REPORTS)
public class StatsResource {

    static final String TEXT_CSV = "text/csv";
    /** The years StatsParameters takes (2000 to 2100), as the start of a pattern; 2100 itself is left out. */
    private static final String YEAR_2000_TO_2099 = "^20\\d{2}";

    private static final String SUMMARY_CSV_EXAMPLE = "раздел;код;название;получено;доля;случаев;…\r\n"
            + "итого;;Все обращения 2026-10-01 — 2026-10-31;4012;;3870;…\r\n"
            + "тема;housing;ЖКХ;1520;0,3789;;…\r\n";
    private static final String MONTHLY_CSV_EXAMPLE = "месяц;получено;отвечено;решено_в_срок;"
            + "решено_с_опозданием;доля_в_срок;тема_1;обращений_1;…\r\n"
            + "2026-11;4012;3650;3100;420;0,8807;ЖКХ;1520;…\r\n";
    private static final String PUBLIC_CSV_EXAMPLE = "раздел;код;название;значение\r\n"
            + "месяц;;2026-10;\r\nполучено;;Получено обращений;4012\r\nтема;housing;ЖКХ;1520\r\n";
    private static final String PUBLIC_JSON_EXAMPLE = """
            {"month":"2026-10","timeZone":"Europe/Samara","minGroupSize":5,"received":4012,"answered":3650,
             "resolutionOnTimeRate":0.8807,
             "byTopic":{"groups":[{"code":"housing","name":"ЖКХ","count":1520,"share":0.3789}],"hiddenGroups":1,"hiddenCount":6},
             "byDistrict":{"groups":[{"code":"leninsky","name":"Ленинский","count":512,"share":0.1276}],"hiddenGroups":0,"hiddenCount":0},
             "byChannel":{"groups":[{"code":"GOSUSLUGI","name":"Госуслуги (ПОС)","count":2210,"share":0.5508}],"hiddenGroups":0,"hiddenCount":0}}
            """;

    private final StatsService stats;
    private final StatsParameters parameters;
    private final StatsConfig config;
    private final EntityTags entityTags;
    private final ReportGate gate;
    private final OpenDataCache openData;
    private final CurrentRateLimitScope caller;
    private final ProblemResponses problems;

    public StatsResource(StatsService stats, StatsParameters parameters, StatsConfig config, EntityTags entityTags,
            ReportGate gate, OpenDataCache openData, CurrentRateLimitScope caller, ProblemResponses problems) {
        this.stats = stats;
        this.parameters = parameters;
        this.config = config;
        this.entityTags = entityTags;
        this.gate = gate;
        this.openData = openData;
        this.caller = caller;
        this.problems = problems;
    }

    /** 503 with Retry-After when no report slot became free in time. */
    @ServerExceptionMapper
    public Response mapReportsBusy(ReportsBusyException exception, HttpServerRequest request) {
        return Response.fromResponse(problems.toResponse(problems.of(StatsProblem.REPORTS_BUSY, exception.getMessage(),
                request.path())))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(exception.retryAfterSeconds()))
                .build();
    }

    @GET
    @Path("/summary")
    @RolesAllowed({ Roles.ANALYST, Roles.OPERATOR })
    @Produces({ MediaType.APPLICATION_JSON, TEXT_CSV })
    @Operation(operationId = "getStatsSummary", summary = "Figures of the incidents received in a period",
            description = "Incidents received from `from` to `to` (both included, days in Europe/Samara): counts by status, "
                    + "channel, district, top-level topic and sub-topic, the top topics, first-response and resolution "
                    + "deadlines kept (open incidents past a deadline count as late), median and 90th percentile of the "
                    + "working hours to the first response and to the answer, the reopen rate and the share of answers "
                    + "citizens accepted; the same figures per responsible organisation. `Accept: text/csv` gives one CSV "
                    + "table (UTF-8 with BOM, `;`, decimal comma) for spreadsheet programs.")
    @APIResponse(responseCode = "200", description = "The figures",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SummaryView.class)),
                    @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = SUMMARY_CSV_EXAMPLE)) })
    @APIResponse(responseCode = "503", ref = "ReportsBusy")
    public Uni<Response> summary(
            @Parameter(description = "First day, YYYY-MM-DD; by default the first day of the month of `to`. Not after `to`",
                    example = "2026-10-01", schema = @Schema(type = SchemaType.STRING, format = "date",
                            pattern = YEAR_2000_TO_2099 + "-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$", maxLength = 10))
            @QueryParam("from") String from,
            @Parameter(description = "Last day, YYYY-MM-DD, included; by default today. At most 366 days after `from` "
                    + "(otklik.stats.max-range-days)", example = "2026-10-31", schema = @Schema(type = SchemaType.STRING,
                            format = "date", pattern = YEAR_2000_TO_2099 + "-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$", maxLength = 10))
            @QueryParam("to") String to,
            @Parameter(description = "How many top topics to rank; default 5", example = "5", schema = @Schema(
                    type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "25")) @QueryParam("top") String top,
            @Context HttpHeaders headers) {
        boolean csv = wantsCsv(headers);
        return gate.run(caller.get(), () -> stats.summary(parameters.period(from, to), parameters.top(top)))
                .map(view -> negotiated(view, csv, StatsCsv::summary,
                        "otklik-summary-" + view.from() + "-" + view.to() + ".csv"));
    }

    @GET
    @Path("/monthly")
    @RolesAllowed({ Roles.ANALYST, Roles.OPERATOR })
    @Produces({ MediaType.APPLICATION_JSON, TEXT_CSV })
    @Operation(operationId = "getStatsMonthly", summary = "A year's incidents per calendar month",
            description = "For each month of the year (Europe/Samara): incidents received, how many of them are answered, "
                    + "the resolution deadlines kept and the five top-level topics. `Accept: text/csv` gives a CSV table.")
    @APIResponse(responseCode = "200", description = "Twelve months",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MonthlyView.class)),
                    @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = MONTHLY_CSV_EXAMPLE)) })
    @APIResponse(responseCode = "503", ref = "ReportsBusy")
    public Uni<Response> monthly(
            @Parameter(description = "The year, four digits; by default the current one", example = "2026",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "2000", maximum = "2100"))
            @QueryParam("year") String year,
            @Context HttpHeaders headers) {
        boolean csv = wantsCsv(headers);
        return gate.run(caller.get(), () -> stats.monthly(parameters.year(year)))
                .map(view -> negotiated(view, csv, StatsCsv::monthly, "otklik-monthly-" + view.year() + ".csv"));
    }

    @GET
    @Path("/monthly/chart.svg")
    @RolesAllowed({ Roles.ANALYST, Roles.OPERATOR })
    @Produces(MonthlyChartSvg.MEDIA_TYPE)
    @Operation(operationId = "getStatsMonthlyChart", summary = "A bar chart of a year's monthly totals",
            description = "A standalone SVG image for press releases: one bar per month (Europe/Samara), split by the "
                    + "year's five top-level topics and all others, with the total over each bar. No scripts.")
    @APIResponse(responseCode = "200", description = "The chart",
            content = @Content(mediaType = MonthlyChartSvg.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "svg", value = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"960\" height=\"560\">…</svg>")))
    @APIResponse(responseCode = "503", ref = "ReportsBusy")
    public Uni<Response> monthlyChart(
            @Parameter(description = "The year, four digits; by default the current one", example = "2026",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "2000", maximum = "2100"))
            @QueryParam("year") String year) {
        return gate.run(caller.get(), () -> stats.monthlyChart(parameters.year(year)))
                .map(chart -> Response.ok(MonthlyChartSvg.render(chart), MonthlyChartSvg.MEDIA_TYPE)
                        .header("Content-Disposition", "inline; filename=\"otklik-monthly-" + chart.year() + ".svg\"")
                        .header("X-Content-Type-Options", "nosniff")
                        .build());
    }

    @GET
    @Path("/public")
    @PermitAll
    @RateLimited(RateLimitGroup.LOOKUPS)
    @Produces({ MediaType.APPLICATION_JSON, TEXT_CSV })
    @Operation(operationId = "getStatsPublic", summary = "Open data of one month",
            description = "Anyone may read it: incidents received and answered in a month (Europe/Samara), the share "
                    + "resolved in time, and counts by top-level topic, district and channel. Aggregates only; groups "
                    + "under 5 incidents are hidden (with the next smallest where needed, so that none can be worked out "
                    + "from the total). Cacheable: ETag, If-None-Match and Cache-Control. `Accept: text/csv` gives CSV.")
    @Parameter(name = "If-None-Match", in = ParameterIn.HEADER, description = "ETag of a copy the client holds",
            schema = @Schema(type = SchemaType.STRING, maxLength = EntityTags.IF_NONE_MATCH_MAX_LENGTH,
                    pattern = EntityTags.IF_NONE_MATCH_PATTERN))
    @APIResponse(responseCode = "200", description = "The month's open data",
            headers = {
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", schema = @Schema(type = SchemaType.STRING)) },
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublicStatsView.class),
                            examples = @ExampleObject(name = "month", value = PUBLIC_JSON_EXAMPLE)),
                    @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = PUBLIC_CSV_EXAMPLE)) })
    @APIResponse(responseCode = "304", description = "The client's copy is current")
    @APIResponse(responseCode = "503", ref = "ReportsBusy")
    public Uni<Response> publicMonth(
            @Parameter(description = "The month, YYYY-MM, not in the future; by default the previous month",
                    example = "2026-10", schema = @Schema(type = SchemaType.STRING,
                            pattern = YEAR_2000_TO_2099 + "-(0[1-9]|1[0-2])$", maxLength = 7))
            @QueryParam("month") String month,
            @Context HttpHeaders headers, @Context Request request) {
        EntityTags.requireWellFormedIfNoneMatch(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH));
        boolean csv = wantsCsv(headers);
        YearMonth chosen = parameters.month(month);
        return openData.get(chosen, () -> gate.run(caller.get(), () -> stats.publicMonth(chosen))
                .map(computed -> new OpenDataCache.Month(computed, entityTags.of(computed)))).map(cached -> {
            PublicStatsView view = cached.view();
            EntityTag tag = new EntityTag(cached.tag().getValue() + (csv ? "-csv" : "-json"));
            long maxAge = (stats.isCurrentMonth(chosen) ? config.publicCurrentMonthMaxAge() : config.publicMaxAge())
                    .toSeconds();
            Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
            Response.ResponseBuilder answer = notModified != null ? notModified
                    : csv ? Response.ok(StatsCsv.publicMonth(view), StatsCsv.MEDIA_TYPE)
                            .header("Content-Disposition", "attachment; filename=\"otklik-open-data-" + view.month() + ".csv\"")
                            : Response.ok(view, MediaType.APPLICATION_JSON_TYPE);
            return answer.tag(tag)
                    .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + maxAge)
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                    .build();
        });
    }

    /** CSV when the client prefers it to JSON; JSON for anything else, wildcards included. */
    static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isWildcardType()) {
                return false;
            }
            if (accepted.isCompatible(MediaType.valueOf(TEXT_CSV))) {
                return true;
            }
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    private static <T> Response negotiated(T view, boolean csv, Function<T, String> toCsv, String fileName) {
        Response.ResponseBuilder answer = csv
                ? Response.ok(toCsv.apply(view), StatsCsv.MEDIA_TYPE)
                        .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                : Response.ok(view, MediaType.APPLICATION_JSON_TYPE);
        return answer.header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
    }
}
