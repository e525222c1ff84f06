package org.otklik.incident;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.incident.views.IncidentViews;
import org.otklik.routing.ReferenceSnapshot;
import org.otklik.routing.RoutingDecision;
import org.otklik.routing.RoutingService;
import org.otklik.routing.RoutingService.Deadlines;
import org.otklik.security.Caller;
import org.otklik.security.Channel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The one path that stores a new incident, whichever channel it came from: numbered, routed, given its
 * deadlines and first status, written with its first timeline event and its links to the notices covering it.
 */
@ApplicationScoped
public class IncidentRegistration {

    private static final DateTimeFormatter NUMBER_PREFIX = DateTimeFormatter.ofPattern("yyMM");

    private final IncidentRepository incidents;
    private final IncidentRecorder recorder;
    private final RoutingService routing;
    private final IncidentViews views;
    private final IntakeConfig config;
    private final CoveringNotices coveringNotices;
    private final IncidentMetrics metrics;
    private final Clock clock;

    public IncidentRegistration(IncidentRepository incidents, IncidentRecorder recorder, RoutingService routing,
            IncidentViews views, IntakeConfig config, CoveringNotices coveringNotices, IncidentMetrics metrics,
            Clock clock) {
        this.incidents = incidents;
        this.recorder = recorder;
        this.routing = routing;
        this.views = views;
        this.config = config;
        this.coveringNotices = coveringNotices;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The incident of a message, whether this submission created it, and the notices it is linked to. */
    public record Intake(Incident incident, boolean created, List<NoticeRef> notices) {
    }

    /**
     * The incident registered before for a platform's message id, if any; the message is locked first so that
     * two deliveries of one message register it once.
     */
    public Uni<Optional<Incident>> registered(SqlConnection transaction, Channel channel, SocialPlatform platform, String externalId) {
        return incidents.lockExternalMessage(transaction, channel, platform, externalId)
                .chain(() -> incidents.findExternalMessage(transaction, channel, platform, externalId));
    }

    /**
     * Numbers, routes, sets deadlines and status, and writes the incident with its first timeline event and
     * its links to the notices covering it, in the intake's pool transaction.
     */
    public Uni<Intake> register(SqlConnection transaction, Incident incident, Caller caller, ReferenceSnapshot reference) {
        Instant now = clock.instant();
        RoutingDecision decision = routing.route(reference, incident.categoryCode, incident.districtCode);
        Deadlines deadlines = routing.deadlines(reference, incident.categoryCode, now);
        incident.organizationCode = decision.organization().code;
        incident.redirectToConfirm = decision.redirectToConfirm();
        incident.status = config.preModeratedChannels().contains(incident.channel) ? IncidentStatus.ASSIGNED
                : IncidentStatus.NEW;
        incident.firstResponseDue = deadlines.firstResponseDue();
        incident.resolutionDue = deadlines.resolutionDue();
        incident.submittedBy = caller.subject();
        incident.createdAt = now;
        incident.updatedAt = now;
        return incidents.insert(transaction, incident, NUMBER_PREFIX.format(views.local(now)))
                .call(saved -> recorder.record(transaction, IncidentRecorder.Actor.submitter(caller),
                        IncidentChange.of(saved, IncidentEventType.SUBMITTED, null), now))
                .invoke(saved -> metrics.received(saved.channel))
                .chain(saved -> coveringNotices.link(transaction, reference, saved.id, saved.categoryCode)
                        .map(notices -> new Intake(saved, true, notices)));
    }
}
