package org.otklik.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.ProblemException;
import org.otklik.common.PublicCoordinates;
import org.otklik.common.WebLinks;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimitScope;
import org.otklik.common.ratelimit.RateLimiter;
import org.otklik.common.ProblemType;
import org.otklik.incident.FeedbackRequest;
import org.otklik.incident.DistrictSource;
import org.otklik.incident.Incident;
import org.otklik.incident.IncidentStatus;
import org.otklik.incident.IntakeService;
import org.otklik.incident.WorkflowRequests;
import org.otklik.incident.WorkflowService;
import org.otklik.media.MediaService;
import org.otklik.open311.Open311Repository.Client;
import org.otklik.open311.Open311Repository.EventRow;
import org.otklik.open311.Open311Repository.RequestQuery;
import org.otklik.open311.Open311Repository.RequestRow;
import org.otklik.open311.Open311Views.Attribute;
import org.otklik.open311.Open311Views.Note;
import org.otklik.open311.Open311Views.Request;
import org.otklik.open311.Open311Views.RequestCreated;
import org.otklik.open311.Open311Views.Update;
import org.otklik.open311.Open311Views.UpdateAccepted;
import org.otklik.routing.Category;
import org.otklik.routing.ReferenceSnapshot;
import org.otklik.security.Caller;
import org.otklik.security.Channel;
import org.otklik.security.Roles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** The rules of the Open311 endpoint: API keys, intake of requests, the public lists, back-office updates. */
@ApplicationScoped
public class Open311Service {

    static final String NOT_PINPOINTED = "#NOTPINPOINTED#";
    static final String CLIENT_OWN_ID = "fixmystreet_id";
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\]\\[]+)\\](\\[\\])?");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{8,30}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern OWN_ID = Pattern.compile("\\S{1,150}");
    private static final Set<String> ANSWER_EVENTS = Set.of("ANSWERED", "INTERIM_ANSWER", "REJECTED");
    private static final int MAX_MEDIA = 5;
    /** The contract's maximum page: page times the largest page size allowed (1,000) stays below 2^31. */
    static final int MAX_PAGE = Integer.MAX_VALUE / 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Open311Repository repository;
    private final ServiceCatalog catalog;
    private final IntakeService intake;
    private final WorkflowService workflow;
    private final Open311Times times;
    private final Open311Config config;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    private final Pool pool;
    private final MediaService media;
    private final RateLimiter limiter;

    public Open311Service(Open311Repository repository, ServiceCatalog catalog, IntakeService intake, WorkflowService workflow,
            Open311Times times, Open311Config config, ObjectMapper objectMapper, Clock clock, Pool pool, MediaService media,
            RateLimiter limiter) {
        this.limiter = limiter;
        this.repository = repository;
        this.catalog = catalog;
        this.intake = intake;
        this.workflow = workflow;
        this.times = times;
        this.config = config;
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.pool = pool;
        this.media = media;
    }

    // --- jurisdiction and keys -------------------------------------------------------

    /** @throws ProblemException 404 when a jurisdiction other than ours is named */
    public void checkJurisdiction(String jurisdictionId) {
        if (jurisdictionId != null && !jurisdictionId.isBlank() && !jurisdictionId.strip().equals(config.jurisdictionId())) {
            throw ProblemException.notFound("jurisdiction_id: this endpoint serves only " + config.jurisdictionId() + ".");
        }
    }

    static String hash(String apiKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<Client> authenticate(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.FORBIDDEN, "api_key: an API key is required."));
        }
        return repository.activeClientByKeyHash(hash(apiKey.strip()))
                .map(client -> client.orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                        "api_key: this API key is not valid.")));
    }

    /**
     * Charges a verified key's quota in a group at the integration rate, whichever addresses the calls come
     * from (the filter has charged the address already, before the key was known).
     */
    private Client charged(Client client, RateLimitGroup group) {
        limiter.charge(group, new RateLimitScope(RateLimitScope.Kind.CLIENT, subjectOf(client)));
        return client;
    }

    private Uni<Optional<Client>> optionalClient(String apiKey) {
        return apiKey == null || apiKey.isBlank() ? Uni.createFrom().item(Optional.empty()) : authenticate(apiKey).map(Optional::of);
    }

    private static Caller callerOf(Client client, Set<String> roles) {
        return new Caller(subjectOf(client), roles, Optional.of("open311:" + client.name()), Optional.of(Channel.OPEN311),
                Optional.ofNullable(client.organizationCode()), Optional.empty(), Optional.empty());
    }

    static String subjectOf(Client client) {
        return "open311:" + client.id();
    }

    // --- services ------------------------------------------------------------------------

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

    // --- POST requests -------------------------------------------------------------------

    /** Reads the client and the catalog in a session, then writes the request in the intake's pool transaction. */
    @WithSession
    public Uni<RequestCreated> submit(Map<String, List<String>> form) {
        checkJurisdiction(first(form, "jurisdiction_id"));
        return authenticate(first(form, "api_key"))
                .map(client -> charged(client, RateLimitGroup.SUBMISSIONS))
                .chain(client -> catalog.current().chain(snapshot -> {
                    Submission submission = read(form, snapshot, client);
                    Caller caller = callerOf(client, Set.of(Roles.INTEGRATION));
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

    private record Submission(FeedbackRequest feedback, Map<String, String> details, Map<String, Object> answers) {
    }

    private Submission read(Map<String, List<String>> form, ServiceCatalog.Snapshot snapshot, Client client) {
        String code = first(form, "service_code");
        if (code == null) {
            throw ProblemException.badParameter("service_code", "is required");
        }
        Category service = snapshot.service(code)
                .orElseThrow(() -> ProblemException.badParameter("service_code", "there is no service " + code));

        Map<String, List<String>> attributeAnswers = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            Matcher matcher = ATTRIBUTE.matcher(name);
            if (matcher.matches()) {
                attributeAnswers.computeIfAbsent(matcher.group(1), k -> new ArrayList<>()).addAll(values);
            }
        });
        String ownId = Optional.ofNullable(attributeAnswers.remove(CLIENT_OWN_ID)).filter(v -> !v.isEmpty())
                .map(v -> v.get(0).strip()).orElse(null);
        if (ownId != null && !OWN_ID.matcher(ownId).matches()) {
            throw ProblemException.badParameter("attribute[" + CLIENT_OWN_ID + "]", "must be 1 to 150 characters without spaces");
        }
        List<Attribute> definition = snapshot.attributesOf(code);
        Map<String, Object> answers = catalog.validate(definition, attributeAnswers);

        FeedbackRequest.Location location = location(first(form, "lat"), first(form, "long"));
        String addressString = bounded(form, "address_string", 300);
        String addressId = bounded(form, "address_id", 200);
        if (NOT_PINPOINTED.equals(addressId)) {
            addressId = null;
        }
        if (location == null && addressString == null && addressId == null) {
            throw ProblemException.badParameter("lat", "one location is required: lat and long, address_string or address_id");
        }

        String description = bounded(form, "description", 4000);
        String firstName = bounded(form, "first_name", 200);
        String lastName = bounded(form, "last_name", 200);
        String email = bounded(form, "email", 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw ProblemException.badParameter("email", "must be an e-mail address");
        }
        String phone = bounded(form, "phone", 32);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw ProblemException.badParameter("phone", "must be a phone number");
        }
        List<String> media = form.getOrDefault("media_url", List.of()).stream().map(String::strip)
                .filter(url -> !url.isEmpty()).distinct().toList();
        if (media.size() > MAX_MEDIA) {
            throw ProblemException.badParameter("media_url", "at most " + MAX_MEDIA + " links");
        }
        for (String url : media) {
            if (!WebLinks.isHttpOrHttpsLink(url)) {
                throw ProblemException.badParameter("media_url", "must be an http(s) URL");
            }
        }

        StringBuilder text = new StringBuilder(description != null ? description : service.nameRu);
        List<String> answered = ServiceCatalog.describe(definition, answers);
        if (!answered.isEmpty()) {
            text.append("\n\n").append(String.join("\n", answered));
        }
        if (firstName != null || lastName != null) {
            text.append("\n\nАвтор: ").append(String.join(" ",
                    Arrays.stream(new String[] { firstName, lastName }).filter(s -> s != null).toList()));
        }
        if (addressString == null && addressId != null) {
            addressString = "address_id " + addressId;
        }
        FeedbackRequest.Contact contact = phone == null && email == null ? null : new FeedbackRequest.Contact(phone, email);
        FeedbackRequest feedback = new FeedbackRequest(code, text.toString(), null, addressString, location,
                media.isEmpty() ? null : media, contact, ownId == null ? null : client.id() + "/" + ownId, null);

        Map<String, String> details = new HashMap<>();
        details.put("device_id", Optional.ofNullable(bounded(form, "device_id", 200)).orElse(bounded(form, "deviceid", 200)));
        details.put("account_id", bounded(form, "account_id", 200));
        details.put("address_id", bounded(form, "address_id", 200));
        details.put("first_name", firstName);
        details.put("last_name", lastName);
        return new Submission(feedback, details, answers);
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

    private static FeedbackRequest.Location location(String lat, String lon) {
        if (lat == null && lon == null) {
            return null;
        }
        if (lat == null || lon == null) {
            throw ProblemException.badParameter(lat == null ? "lat" : "long", "lat and long come together");
        }
        double latitude = number("lat", lat, 90);
        double longitude = number("long", lon, 180);
        return new FeedbackRequest.Location(latitude, longitude);
    }

    private static double number(String name, String value, double limit) {
        try {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number) && Math.abs(number) <= limit) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badParameter(name, "must be a WGS 84 coordinate between -" + (int) limit + " and " + (int) limit);
    }

    static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0).strip();
    }

    private static String bounded(Map<String, List<String>> form, String name, int max) {
        String value = first(form, name);
        if (value != null && value.length() > max) {
            throw ProblemException.badParameter(name, "must be at most " + max + " characters");
        }
        return value;
    }

    // --- GET requests ----------------------------------------------------------------------

    /** The query parameters of GET requests, as sent. */
    public record RequestFilters(String serviceRequestId, String serviceCode, String startDate, String endDate, String status,
            String updatedAfter, String updatedBefore, String page, String pageSize, String extensions, String lat,
            String lon, String radius) {
    }

    /** The default and the largest radius of a lat/long search, in metres. */
    static final int DEFAULT_RADIUS_METRES = 500;
    static final int MAX_RADIUS_METRES = 5000;

    /** lat/long/radius (the common extension): both coordinates or neither; a radius only with them. */
    private static Optional<Open311Repository.Circle> near(RequestFilters filters) {
        if (filters.lat() == null && filters.lon() == null) {
            if (filters.radius() != null) {
                throw ProblemException.badParameter("radius", "goes with lat and long");
            }
            return Optional.empty();
        }
        if (filters.lat() == null || filters.lon() == null) {
            throw ProblemException.badParameter(filters.lat() == null ? "lat" : "long", "lat and long come together");
        }
        double latitude = number("lat", filters.lat(), 90);
        double longitude = number("long", filters.lon(), 180);
        int metres = bounded("radius", filters.radius(), DEFAULT_RADIUS_METRES, MAX_RADIUS_METRES);
        return Optional.of(new Open311Repository.Circle(latitude, longitude, metres));
    }

    @WithSession
    public Uni<List<Request>> requests(RequestFilters filters) {
        boolean extensions = flag("extensions", filters.extensions());
        int pageSize = bounded("page_size", filters.pageSize(), config.defaultPageSize(), config.maxPageSize());
        int page = bounded("page", filters.page(), 1, MAX_PAGE);
        tooLong("service_request_id", filters.serviceRequestId(), 4200);
        tooLong("service_code", filters.serviceCode(), 2000);
        List<String> numbers = list(filters.serviceRequestId());
        RequestQuery query;
        if (!numbers.isEmpty()) {
            if (numbers.size() > config.maxPageSize()) {
                throw ProblemException.badParameter("service_request_id", "at most " + config.maxPageSize() + " ids");
            }
            query = new RequestQuery(numbers, List.of(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), false, 0, numbers.size());
        } else {
            Set<String> statuses = new java.util.HashSet<>();
            for (String status : list(filters.status())) {
                switch (status) {
                    case "open" -> statuses.addAll(StatusMapping.OPEN);
                    case "closed" -> statuses.addAll(StatusMapping.CLOSED);
                    default -> throw ProblemException.badParameter("status", "must be open or closed");
                }
            }
            boolean byCreation = filters.startDate() != null || filters.endDate() != null
                    || (filters.updatedAfter() == null && filters.updatedBefore() == null);
            Window created = byCreation ? window("start_date", filters.startDate(), "end_date", filters.endDate()) : null;
            Window updated = byCreation
                    ? optionalWindow("updated_after", filters.updatedAfter(), "updated_before", filters.updatedBefore())
                    : window("updated_after", filters.updatedAfter(), "updated_before", filters.updatedBefore());
            query = new RequestQuery(List.of(), list(filters.serviceCode()), statuses,
                    Optional.ofNullable(created).map(Window::from), Optional.ofNullable(created).map(Window::to),
                    Optional.ofNullable(updated).map(Window::from), Optional.ofNullable(updated).map(Window::to),
                    near(filters), !byCreation, (page - 1) * pageSize, pageSize);
        }
        return repository.requests(query).chain(rows -> catalog.current().chain(snapshot -> {
            if (!extensions || rows.isEmpty()) {
                return Uni.createFrom().item(views(rows, snapshot.reference(), null));
            }
            return repository.publicEvents(rows.stream().map(RequestRow::id).toList(), Optional.empty(), Optional.empty(),
                    null, true, 0, Integer.MAX_VALUE)
                    .map(events -> views(rows, snapshot.reference(), events));
        }).chain(views -> withMediaUrls(rows, views)));
    }

    /** media_url: the first publishable photo of each request, where it has one. */
    private Uni<List<Request>> withMediaUrls(List<RequestRow> rows, List<Request> views) {
        return media.publishableOf(rows.stream().map(RequestRow::id).toList()).map(photos -> {
            List<Request> withMedia = new ArrayList<>(views.size());
            for (int i = 0; i < views.size(); i++) {
                List<org.otklik.media.MediaViews.Photo> published = photos.getOrDefault(rows.get(i).id(), List.of());
                withMedia.add(published.isEmpty() ? views.get(i) : views.get(i).withMediaUrl(media.absoluteUrl(published.get(0).id())));
            }
            return withMedia;
        });
    }

    @WithSession
    public Uni<List<Request>> request(String number, String extensions) {
        return requests(new RequestFilters(number, null, null, null, null, null, null, null, null, extensions, null, null, null))
                .invoke(found -> {
                    if (found.isEmpty()) {
                        throw ProblemException.notFound("service_request_id: there is no request " + number + ".");
                    }
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

    // --- tokens ------------------------------------------------------------------------

    @WithSession
    public Uni<List<Open311Views.Token>> token(String token) {
        return repository.numberOfToken(token).map(number -> List.of(new Open311Views.Token(number.orElseThrow(
                () -> ProblemException.notFound("token: there is no request with this token.")), token)));
    }

    // --- mySociety updates -------------------------------------------------------------------

    @WithSession
    public Uni<List<Update>> updates(String apiKey, String startDate, String endDate, String page, String pageSize) {
        int size = bounded("page_size", pageSize, config.maxPageSize(), config.maxPageSize());
        int number = bounded("page", page, 1, MAX_PAGE);
        Window window = window("start_date", startDate, "end_date", endDate);
        return optionalClient(apiKey).map(client -> client.map(known -> charged(known, RateLimitGroup.LOOKUPS)))
                .chain(client -> repository.publicEvents(null, Optional.of(window.from()),
                Optional.of(window.to()), client.map(Open311Service::subjectOf).orElse(null), false, (number - 1) * size, size))
                .map(events -> events.stream().map(event -> {
                    String status = StatusMapping.afterEvent(event.type(), event.status(), event.resolution());
                    boolean answerForSubmitter = event.submittedByCaller() && ANSWER_EVENTS.contains(event.type())
                            && event.comment() != null;
                    return new Update(String.valueOf(event.id()), event.number(), status, times.format(event.occurredAt()),
                            answerForSubmitter ? event.comment() : StatusMapping.phrase(status), null);
                }).toList());
    }

    /**
     * A back office reports progress. The update becomes a staff note on the incident (status and
     * description), and a status meaning that work started moves an assigned or reopened incident
     * to IN_PROGRESS. Answers and closing stay with staff. A repeated update_id changes nothing.
     */
    @WithTransaction
    public Uni<List<UpdateAccepted>> postUpdate(Map<String, List<String>> form) {
        checkJurisdiction(first(form, "jurisdiction_id"));
        return authenticate(first(form, "api_key")).map(client -> charged(client, RateLimitGroup.SUBMISSIONS)).chain(client -> {
            if (client.organizationCode() == null) {
                throw new ProblemException(ProblemType.FORBIDDEN,
                        "api_key: this key does not belong to an organisation's back office, which alone may post updates.");
            }
            String number = required(form, "service_request_id", 20);
            String updateId = required(form, "update_id", 200);
            String status = required(form, "status", 40).toUpperCase(java.util.Locale.ROOT);
            if (!StatusMapping.POSTABLE.contains(status)) {
                throw ProblemException.badParameter("status", "must be one of "
                        + StatusMapping.POSTABLE.stream().sorted().collect(Collectors.joining(", ")));
            }
            Instant updatedAt = Open311Times.parse("updated_datetime", required(form, "updated_datetime", 40));
            String description = bounded(form, "description", 4000);
            Caller caller = callerOf(client, Set.of(Roles.EXECUTOR));
            List<UpdateAccepted> accepted = List.of(new UpdateAccepted(updateId));
            return repository.incidentIdOf(number)
                    .map(id -> id.orElseThrow(() -> ProblemException.notFound(
                            "service_request_id: there is no request " + number + ".")))
                    .chain(incidentId -> repository.claimUpdate(client.id(), updateId, incidentId, status, description,
                            updatedAt, clock.instant()))
                    .chain(first -> !first ? Uni.createFrom().item(accepted)
                            : workflow.note(caller, number, null, new WorkflowRequests.Note(noteText(client, updateId, status,
                                    updatedAt, description)))
                                    .chain(view -> StatusMapping.WORK_STARTED.contains(status)
                                            && (view.status() == IncidentStatus.ASSIGNED || view.status() == IncidentStatus.REOPENED)
                                                    ? workflow.startWork(caller, number, null).replaceWith(accepted)
                                                    : Uni.createFrom().item(accepted)));
        });
    }

    private String noteText(Client client, String updateId, String status, Instant updatedAt, String description) {
        return "Обновление из системы «" + client.name() + "» (update_id " + updateId + ", " + times.format(updatedAt)
                + "): " + status + (description == null ? "" : ". " + description);
    }

    private static String required(Map<String, List<String>> form, String name, int max) {
        String value = bounded(form, name, max);
        if (value == null) {
            throw ProblemException.badParameter(name, "is required");
        }
        return value;
    }

    // --- parameters ---------------------------------------------------------------------------

    private record Window(Instant from, Instant to) {
    }

    /** A time window of at most max-window-days; missing ends default to now and to that far back. */
    private Window window(String fromName, String fromValue, String toName, String toValue) {
        Duration max = Duration.ofDays(config.maxWindowDays());
        Instant from = fromValue == null ? null : Open311Times.parse(fromName, fromValue);
        Instant to = toValue == null ? null : Open311Times.parse(toName, toValue);
        if (from == null && to == null) {
            to = clock.instant();
        }
        if (from == null) {
            from = to.minus(max);
        } else if (to == null) {
            to = from.plus(max);
        }
        check(fromName, from, toName, to);
        return new Window(from, to);
    }

    private Window optionalWindow(String fromName, String fromValue, String toName, String toValue) {
        if (fromValue == null && toValue == null) {
            return null;
        }
        Instant from = fromValue == null ? Instant.EPOCH : Open311Times.parse(fromName, fromValue);
        Instant to = toValue == null ? Instant.parse("9999-12-31T00:00:00Z") : Open311Times.parse(toName, toValue);
        if (to.isBefore(from)) {
            throw ProblemException.badParameter(toName, "lies before " + fromName);
        }
        return new Window(from, to);
    }

    private void check(String fromName, Instant from, String toName, Instant to) {
        if (to.isBefore(from)) {
            throw ProblemException.badParameter(toName, "lies before " + fromName);
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(config.maxWindowDays())) > 0) {
            throw ProblemException.badParameter(toName, "at most " + config.maxWindowDays() + " days after " + fromName);
        }
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** The contract's maxLength of a query parameter. */
    private static void tooLong(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw ProblemException.badParameter(name, "must be at most " + max + " characters");
        }
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.badParameter(name, "must be true or false");
    }

    private static int bounded(String name, String value, int byDefault, int max) {
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badParameter(name, "must be a whole number from 1 to " + max);
    }
}
