package org.otklik.incident.views;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.common.web.KeysetCursor;
import org.otklik.common.web.Page;
import org.otklik.incident.Incident;
import org.otklik.incident.IncidentRepository;
import org.otklik.incident.IncidentStatus;
import org.otklik.incident.events.IncidentEventRepository;
import org.otklik.media.MediaService;
import org.otklik.routing.ReferenceCatalog;
import org.otklik.security.Caller;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** What anyone may see of an incident, and what its author sees. */
@ApplicationScoped
public class CitizenIncidentService {

    private final IncidentRepository incidents;
    private final IncidentEventRepository events;
    private final ReferenceCatalog referenceCatalog;
    private final IncidentViews views;
    private final MediaService media;

    public CitizenIncidentService(IncidentRepository incidents, IncidentEventRepository events,
            ReferenceCatalog referenceCatalog, IncidentViews views, MediaService media) {
        this.incidents = incidents;
        this.events = events;
        this.referenceCatalog = referenceCatalog;
        this.views = views;
        this.media = media;
    }

    /** The public status with the incident's publishable photos (none of a resident's until staff mark it). */
    public Uni<IncidentStatusView> publicStatus(String number) {
        return incidents.findPublicStatus(number)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("No incident has the number " + number + ".")))
                .chain(row -> media.publishableOf(List.of(row.id()))
                        .chain(photos -> referenceCatalog.current().map(reference -> views.publicStatus(row, reference,
                                photos.getOrDefault(row.id(), List.of())))));
    }

    @WithSession
    public Uni<Page<MyIncidentSummary>> myIncidents(Caller caller, Set<IncidentStatus> statuses, String cursor, int limit) {
        Optional<KeysetCursor> after = Optional.ofNullable(cursor).map(KeysetCursor::decode);
        return incidents.pageOfAuthor(caller.subject(), statuses, after, limit)
                .chain(found -> referenceCatalog.current().map(reference -> Page.of(found, limit,
                        last -> KeysetCursor.after(last.createdAt, last.id), i -> views.summary(i, reference))));
    }

    /** Another citizen's incident is not found, rather than forbidden: its existence is not theirs to know. */
    @WithSession
    public Uni<MyIncidentView> myIncident(Caller caller, String number) {
        return incidents.findByNumber(number)
                .onItem().transform(incident -> incident != null && caller.subject().equals(incident.authorSubject)
                        ? incident : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("You have no incident numbered " + number + "."))
                .chain(incident -> myIncidentInSession(caller, incident));
    }

    /** The author's view of an incident already loaded (and changed) in the current session. */
    public Uni<MyIncidentView> myIncidentInSession(Caller caller, Incident incident) {
        return mainOf(incident)
                .chain(main -> events.publicTimeline(incident.id)
                        .chain(timeline -> media.photosOf(incident.id)
                                .chain(own -> (main == incident ? Uni.createFrom().item(own) : media.photosOf(main.id))
                                        .chain(ofMain -> referenceCatalog.current().map(reference -> views.own(incident, main,
                                                timeline, reference, own.report(), ofMain.answer()))))));
    }

    private Uni<Incident> mainOf(Incident incident) {
        if (incident.duplicateOf == null) {
            return Uni.createFrom().item(incident);
        }
        return incidents.findById(incident.duplicateOf).map(main -> main == null ? incident : main);
    }
}
