package org.otklik.stats;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.security.Roles;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/admin/stats")
@Tag(name = "Statistics")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.ADMIN)
public class StatsAdminResource {

    private static final String DATE_PATTERN = "^20\\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$";

    private final StatsRollups rollups;
    private final StatsParameters parameters;

    public StatsAdminResource(StatsRollups rollups, StatsParameters parameters) {
        this.rollups = rollups;
        this.parameters = parameters;
    }

    @POST
    @Path("/rebuild")
    @Operation(operationId = "rebuildStats", summary = "Recompute the statistics of a range of days from the incidents",
            description = "The reports read daily rollups kept in step with every incident change; this recomputes the "
                    + "days from `from` to `to` (Europe/Samara, both included, at most five years) from the incidents, "
                    + "a month per transaction. Needed after the working calendar (holidays) changed for past days. "
                    + "Incident writes wait while a month is recomputed (about a second per 100,000 incidents).")
    @APIResponse(responseCode = "200", description = "Rebuilt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatsRebuildView.class)))
    public Uni<StatsRebuildView> rebuild(
            @Parameter(description = "First day, YYYY-MM-DD", required = true, example = "2026-01-01",
                    schema = @Schema(type = SchemaType.STRING, format = "date", pattern = DATE_PATTERN, maxLength = 10))
            @QueryParam("from") String from,
            @Parameter(description = "Last day, YYYY-MM-DD, included; not before `from`", required = true,
                    example = "2026-01-31", schema = @Schema(type = SchemaType.STRING, format = "date",
                            pattern = DATE_PATTERN, maxLength = 10))
            @QueryParam("to") String to) {
        StatsPeriod period = parameters.rebuildPeriod(from, to);
        long started = System.nanoTime();
        return rollups.rebuild(period.from(), period.to())
                .map(rebuilt -> new StatsRebuildView(rebuilt.from(), rebuilt.to(), rebuilt.incidents(),
                        (System.nanoTime() - started) / 1_000_000));
    }
}
