package org.otklik.open311;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.PublicCoordinates;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.incident.DistrictSource;
import org.otklik.incident.Incident;
import org.otklik.incident.IntakeService;
import org.otklik.media.MediaService;
import org.otklik.media.MediaViews;
import org.otklik.open311.Open311Parameters.Listing;
import org.otklik.open311.Open311Repository.Client;
import org.otklik.open311.Open311Repository.EventRow;
import org.otklik.open311.Open311Repository.RequestRow;
import org.otklik.open311.Open311RequestForm.Submission;
import org.otklik.open311.Open311Views.Note;
import org.otklik.open311.Open311Views.Request;
import org.otklik.open311.Open311Views.RequestCreated;
import org.otklik.routing.ReferenceSnapshot;
import org.otklik.security.Caller;
import org.otklik.security.Roles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Open311 services and requests: the catalog, intake of requests, the public lists, tokens. */
@ApplicationScoped
public class Open311RequestService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Open311Repository repository;
    private final Open311Clients clients;
    private final ServiceCatalog catalog;
    private final IntakeService intake;
    private final Open311Times times;
    private final ObjectMapper objectMapper;
    private final Pool pool;
    private final MediaService media;

    public Open311RequestService(Open311Repository repository, Open311Clients clients, ServiceCatalog catalog,
            IntakeService intake, Open311Times times, ObjectMapper objectMapper, Pool pool, MediaService media) {
        this.repository = repository;
        this.clients = clients;
        this.catalog = catalog;
        this.intake = intake;
        this.times = times;
        this.objectMapper = objectMapper;
        this.pool = pool;
        this.media = media;
    }

    @WithSession
    public Uni<List<Open311Views.Service>> services() {
        return catalog.current().map(catalog::services);
    }

    @WithSession
    public Uni<Open311Views.ServiceDefinition> definition(String code) {
        return catalog.current().map(snapshot -> {
            snapshot.service(code).orElseThrow(() -> ProblemException.notFound("service_code: there is no service " + code + "."));
            return new Open311Views.ServiceDefinition(code, snapshot.attributesOf(code));
        });
    }

    /** Reads the client and the catalog in a session, then writes the request in the intake's pool transaction. */
    @WithSession
    public Uni<RequestCreated> submit(Open311Form form) {
        return clients.authenticated(form.first("api_key"), RateLimitGroup.SUBMISSIONS)
                .chain(client -> catalog.current().chain(snapshot -> {
                    Submission submission = Open311RequestForm.read(form, catalog, snapshot, client.id());
                    Caller caller = Open311Clients.callerOf(client, Set.of(Roles.INTEGRATION));
                    return pool.withTransaction(transaction -> intake
                            .submitOnChannel(transaction, caller, submission.feedback(), snapshot.reference())
                            .chain(result -> (result.created()
                                    ? store(transaction, result.incident().id, client, submission)
                                    : repository.tokenOf(transaction, result.incident().id).map(token -> token.orElse(null)))
                                    .map(token -> new RequestCreated(result.incident().number, token,
                                            notice(snapshot.reference(), result.incident()),
                                            null))));
                }));
    }

    private Uni<String> store(SqlConnection transaction, long incidentId, Client client, Submission submission) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        String attributes;
        try {
            attributes = objectMapper.writeValueAsString(submission.answers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return repository.insertRequest(transaction, incidentId, client.id(), token, submission.details(), attributes)
                .replaceWith(token);
    }

    /** Names the district too when it was taken from the point (the client sent none). */
    private String notice(ReferenceSnapshot reference, Incident incident) {
        String organization = reference.organization(incident.organizationCode).map(o -> o.nameRu)
                .orElse(incident.organizationCode);
        String district = incident.districtSource != DistrictSource.LOCATION ? ""
                : reference.district(incident.districtCode).map(d -> " Район по точке: " + d.nameRu + ".").orElse("");
        return "Ответственный: " + organization + ". Срок ответа: " + times.format(incident.resolutionDue) + "." + district;
    }

    @WithSession
    public Uni<List<Request>> requests(Listing listing) {
        return repository.requests(listing.query()).chain(rows -> catalog.current().chain(snapshot -> {
            if (!listing.extensions() || rows.isEmpty()) {
                return Uni.createFrom().item(views(rows, snapshot.reference(), null));
            }
            return repository.publicEvents(rows.stream().map(RequestRow::id).toList(), Optional.empty(), Optional.empty(),
                    null, true, 0, Integer.MAX_VALUE)
                    .map(events -> views(rows, snapshot.reference(), events));
        }).chain(views -> withMediaUrls(rows, views)));
    }

    /** One request, as a list of one; 404 when there is no such request. */
    @WithSession
    public Uni<List<Request>> request(String number, Listing listing) {
        return requests(listing).invoke(found -> {
            if (found.isEmpty()) {
                throw ProblemException.notFound("service_request_id: there is no request " + number + ".");
            }
        });
    }

    /** media_url: the first publishable photo of each request, where it has one. */
    private Uni<List<Request>> withMediaUrls(List<RequestRow> rows, List<Request> views) {
        return media.publishableOf(rows.stream().map(RequestRow::id).toList()).map(photos -> {
            List<Request> withMedia = new ArrayList<>(views.size());
            for (int i = 0; i < views.size(); i++) {
                List<MediaViews.Photo> published = photos.getOrDefault(rows.get(i).id(), List.of());
                withMedia.add(published.isEmpty() ? views.get(i) : views.get(i).withMediaUrl(media.absoluteUrl(published.get(0).id())));
            }
            return withMedia;
        });
    }

    private List<Request> views(List<RequestRow> rows, ReferenceSnapshot reference, List<EventRow> events) {
        Map<Long, List<Note>> notes = new HashMap<>();
        if (events != null) {
            for (EventRow event : events) {
                String status = StatusMapping.afterEvent(event.type(), event.status(), event.resolution());
                notes.computeIfAbsent(event.incidentId(), id -> new ArrayList<>()).add(new Note(times.format(event.occurredAt()),
                        "status_change", status, StatusMapping.phrase(status)));
            }
        }
        return rows.stream().map(row -> {
            String extended = StatusMapping.extended(row.status(), row.resolution());
            return new Request(row.number(), StatusMapping.openness(row.status()), StatusMapping.phrase(extended),
                    reference.category(row.categoryCode()).map(c -> c.nameRu).orElse(row.categoryCode()), row.categoryCode(),
                    reference.organization(row.organizationCode()).map(o -> o.nameRu).orElse(row.organizationCode()), null,
                    times.format(row.createdAt()), times.format(row.updatedAt()), times.format(row.resolutionDue()),
                    reference.district(row.districtCode()).map(d -> d.nameRu + " район").orElse(null),
                    PublicCoordinates.round(row.lat()), PublicCoordinates.round(row.lon()),
                    events == null ? null : new Open311Views.ExtendedAttributes(extended),
                    events == null ? null : notes.getOrDefault(row.id(), List.of()), null);
        }).toList();
    }

    @WithSession
    public Uni<List<Open311Views.Token>> token(String token) {
        return repository.numberOfToken(token).map(number -> List.of(new Open311Views.Token(number.orElseThrow(
                () -> ProblemException.notFound("token: there is no request with this token.")), token)));
    }
}
