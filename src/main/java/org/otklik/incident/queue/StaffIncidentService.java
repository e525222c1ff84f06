package org.otklik.incident.queue;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.common.web.KeysetCursor;
import org.otklik.common.web.Page;
import org.otklik.delivery.DeliveryAdminService;
import org.otklik.delivery.DeliveryViews.Delivery;
import org.otklik.incident.Incident;
import org.otklik.incident.IncidentAction;
import org.otklik.incident.IncidentRepository;
import org.otklik.incident.StaffAccess;
import org.otklik.incident.events.IncidentEventRepository;
import org.otklik.incident.views.IncidentViews;
import org.otklik.incident.views.StaffIncidentSummary;
import org.otklik.incident.views.StaffIncidentView;
import org.otklik.media.MediaService;
import org.otklik.routing.ReferenceCatalog;
import org.otklik.security.Caller;
import org.otklik.security.Roles;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The staff queue and the full view of an incident. */
@ApplicationScoped
public class StaffIncidentService {

    private final IncidentRepository incidents;
    private final IncidentEventRepository events;
    private final IncidentQueueRepository queue;
    private final ReferenceCatalog referenceCatalog;
    private final IncidentViews views;
    private final DeliveryAdminService deliveryLog;
    private final MediaService media;
    private final Clock clock;

    public StaffIncidentService(IncidentRepository incidents, IncidentEventRepository events, IncidentQueueRepository queue,
            ReferenceCatalog referenceCatalog, IncidentViews views, DeliveryAdminService deliveryLog,
            MediaService media, Clock clock) {
        this.incidents = incidents;
        this.events = events;
        this.queue = queue;
        this.referenceCatalog = referenceCatalog;
        this.views = views;
        this.deliveryLog = deliveryLog;
        this.media = media;
        this.clock = clock;
    }

    @WithSession
    public Uni<IncidentQueuePage> queue(Caller caller, QueueFilter requested) {
        String confined = StaffAccess.confinedOrganization(caller);
        QueueFilter filter = confined == null ? requested : requested.confinedTo(confined);
        var now = clock.instant();
        return queue.page(filter, now)
                .chain(found -> queue.countsByStatus(filter, now)
                        .chain(counts -> referenceCatalog.current().map(reference -> {
                            Page<StaffIncidentSummary> page = Page.of(found, filter.limit(), last -> switch (filter.sort()) {
                                case CREATED_AT -> KeysetCursor.after(last.createdAt, last.id);
                                case RESOLUTION_DUE -> KeysetCursor.after(last.resolutionDue, last.id);
                                case SUPPORTERS -> KeysetCursor.of(last.supporters, last.id);
                            }, i -> views.staffSummary(i, reference));
                            return new IncidentQueuePage(page.items(), page.nextCursor(), counts);
                        })));
    }

    @WithSession
    public Uni<StaffIncidentView> detail(Caller caller, String number) {
        return incidents.findByNumber(number)
                .map(incident -> StaffAccess.visible(caller, incident, number))
                .chain(incident -> detailOf(caller, incident));
    }

    /**
     * Staff see every delivery of an incident they may see; an integration client sees, for incidents
     * from its own channel, only the deliveries to that channel (never webhook subscribers).
     */
    @WithSession
    public Uni<List<Delivery>> deliveries(Caller caller, String number) {
        boolean integrationOnly = caller.hasRole(Roles.INTEGRATION)
                && !caller.hasRole(Roles.OPERATOR) && !caller.hasRole(Roles.EXECUTOR);
        return incidents.findByNumber(number)
                .map(incident -> {
                    if (integrationOnly) {
                        if (incident == null || caller.channel().isEmpty() || caller.channel().get() != incident.channel) {
                            throw ProblemException.notFound("No incident numbered " + number + " is visible to you.");
                        }
                        return incident;
                    }
                    return StaffAccess.visible(caller, incident, number);
                })
                .chain(incident -> integrationOnly ? deliveryLog.channelDeliveriesOfIncident(incident.id, incident.channel)
                        : deliveryLog.deliveriesOfIncident(incident.id));
    }

    /** The full view; call inside a session after any change has been flushed. */
    public Uni<StaffIncidentView> detailOf(Caller caller, Incident incident) {
        Uni<String> mainNumber = incident.duplicateOf == null ? Uni.createFrom().nullItem()
                : incidents.findById(incident.duplicateOf).map(main -> main == null ? null : main.number);
        return mainNumber
                .chain(main -> incidents.numbersOfDuplicates(incident.id)
                        .chain(duplicates -> events.fullTimeline(incident.id)
                                .chain(timeline -> media.photosOf(incident.id)
                                        .chain(photos -> referenceCatalog.current()
                                                .map(reference -> views.staff(incident, main, duplicates, timeline,
                                                        IncidentAction.available(incident, caller.roles()), reference, photos))))));
    }
}
