package org.otklik.incident;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.otklik.common.Problem.FieldError;
import org.otklik.common.ProblemException;
import org.otklik.common.ProblemType;
import org.otklik.common.WebLinks;
import org.otklik.incident.SocialIngestResult.ItemResult;
import org.otklik.incident.SocialIngestResult.Outcome;
import org.otklik.location.BoundaryService;
import org.otklik.location.DistrictLocator;
import org.otklik.media.MediaService;
import org.otklik.routing.ReferenceCatalog;
import org.otklik.routing.ReferenceSnapshot;
import org.otklik.routing.RoutingDecision;
import org.otklik.routing.RoutingService;
import org.otklik.routing.RoutingService.Deadlines;
import org.otklik.routing.TopicClassifier;
import org.otklik.routing.TopicSuggestion;
import org.otklik.security.Caller;
import org.otklik.security.Channel;
import org.otklik.security.Roles;


import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Turns messages from every channel into routed incidents with deadlines. */
@ApplicationScoped
public class IntakeService {

    private static final Logger LOG = Logger.getLogger(IntakeService.class);
    private static final DateTimeFormatter NUMBER_PREFIX = DateTimeFormatter.ofPattern("yyMM");
    private static final Duration POSTED_AT_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Pattern MEDIA_ID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    private final IncidentRepository incidents;
    private final IncidentRecorder recorder;
    private final ReferenceCatalog referenceCatalog;
    private final RoutingService routing;
    private final TopicClassifier classifier;
    private final IncidentViews views;
    private final IntakeConfig config;
    private final CoveringNotices coveringNotices;
    private final Clock clock;
    private final Pool pool;
    private final MediaService media;
    private final IncidentMetrics metrics;
    private final BoundaryService boundaries;

    public IntakeService(IncidentRepository incidents, IncidentRecorder recorder, ReferenceCatalog referenceCatalog,
            RoutingService routing, TopicClassifier classifier, IncidentViews views,
            IntakeConfig config, CoveringNotices coveringNotices, Clock clock, Pool pool, MediaService media,
            IncidentMetrics metrics, BoundaryService boundaries) {
        this.metrics = metrics;
        this.boundaries = boundaries;
        this.incidents = incidents;
        this.recorder = recorder;
        this.referenceCatalog = referenceCatalog;
        this.routing = routing;
        this.classifier = classifier;
        this.views = views;
        this.config = config;
        this.coveringNotices = coveringNotices;
        this.clock = clock;
        this.pool = pool;
        this.media = media;
    }

    /**
     * A submission that passed the channel and field checks, ready to register.
     *
     * @param verifiedEmail the caller's address as their token verifies it, if it does
     */
    public record Admitted(Caller caller, Optional<String> verifiedEmail, Channel channel, FeedbackRequest request,
            ReferenceSnapshot reference) {
    }

    /** What a submission did: the receipt, whether it created the incident, and whether the caller is its author. */
    public record Submitted(IncidentReceipt receipt, boolean created, boolean byAuthor) {
    }

    /** The checks before anything is written (and before an Idempotency-Key is looked up). */
    public Uni<Admitted> admit(Caller caller, Optional<String> verifiedEmail, FeedbackRequest request) {
        return Uni.createFrom().item(() -> submissionChannel(caller))
                .chain(channel -> referenceCatalog.current()
                        .invoke(reference -> validate(caller, channel, request, reference, verifiedEmail))
                        .map(reference -> new Admitted(caller, verifiedEmail, channel, request, reference)));
    }

    /** Registers an admitted submission in the caller's pool transaction. */
    public Uni<Submitted> submit(SqlConnection transaction, Admitted admitted) {
        Caller caller = admitted.caller();
        return findOrCreate(transaction, caller, admitted.verifiedEmail(), admitted.channel(), admitted.request(),
                admitted.reference())
                .map(intake -> new Submitted(views.receipt(intake.incident(), admitted.reference(), intake.notices()),
                        intake.created(), caller.hasRole(Roles.CITIZEN) && intake.incident().authorSubject != null));
    }

    private Channel submissionChannel(Caller caller) {
        Channel channel = caller.channel().orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                "The calling client is not registered as a channel of Otklik."));
        boolean citizenChannel = channel == Channel.WIDGET || channel == Channel.MOBILE;
        if (caller.hasRole(Roles.CITIZEN) && citizenChannel) {
            return channel;
        }
        if (caller.hasRole(Roles.INTEGRATION) && channel == Channel.GOSUSLUGI) {
            return channel;
        }
        if (channel == Channel.SOCIAL) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "Social-media monitoring submits captured comments through POST /api/v1/ingest/social.");
        }
        throw new ProblemException(ProblemType.FORBIDDEN, "This client may not submit feedback on channel " + channel + ".");
    }

    private void validate(Caller caller, Channel channel, FeedbackRequest request, ReferenceSnapshot reference,
            Optional<String> verifiedEmail) {
        List<FieldError> errors = new ArrayList<>();
        if (request.wantsMail() && channel != Channel.WIDGET && channel != Channel.MOBILE) {
            errors.add(FieldError.atPointer("/notify", "mails go to residents of the widget and the mobile apps; "
                    + "this channel hears back on its own"));
        } else if (request.wantsMail() && verifiedEmail.isEmpty()
                && (request.contact() == null || request.contact().email() == null)) {
            errors.add(FieldError.atPointer("/contact/email",
                    "give an e-mail address to hear back, or use an account whose address the identity provider verified"));
        }
        if (reference.category(request.categoryCode()).isEmpty()) {
            errors.add(FieldError.atPointer("/categoryCode", "unknown category"));
        } else if (!reference.isLeaf(request.categoryCode())) {
            errors.add(FieldError.atPointer("/categoryCode",
                    "choose one of its sub-topics: " + String.join(", ", reference.childrenOf(request.categoryCode()))));
        }
        if (request.districtCode() != null && reference.district(request.districtCode()).isEmpty()) {
            errors.add(FieldError.atPointer("/districtCode", "unknown district"));
        }
        if (request.location() != null && request.location().lat() != null && request.location().lon() != null
                && !config.cityBounds().contains(request.location().lat(), request.location().lon())) {
            errors.add(FieldError.atPointer("/location", "lies outside the city"));
        }
        if (request.contact() != null && request.contact().phone() == null && request.contact().email() == null) {
            errors.add(FieldError.atPointer("/contact", "give a phone number or an e-mail address, or leave contact out"));
        }
        if (channel == Channel.GOSUSLUGI) {
            if (request.externalId() == null) {
                errors.add(FieldError.atPointer("/externalId", "the platform's message id is required"));
            }
            if (request.citizenId() == null) {
                errors.add(FieldError.atPointer("/citizenId", "the citizen's Gosuslugi id is required"));
            }
        } else {
            if (request.externalId() != null && channel != Channel.OPEN311) {
                errors.add(FieldError.atPointer("/externalId", "only integration clients may set this"));
            }
            if (request.citizenId() != null) {
                errors.add(FieldError.atPointer("/citizenId", "only the Gosuslugi gateway may set this"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION,
                    errors.size() == 1 ? "1 field is not valid." : errors.size() + " fields are not valid.", errors, Map.of());
        }
    }

    /**
     * Intake for a caller that another feature has already authenticated and given its channel (an
     * Open311 client holding an API key): the same checks, routing, deadlines and idempotency by
     * {@code externalId} as {@link #submit}.
     */
    public Uni<Intake> submitOnChannel(SqlConnection transaction, Caller caller, FeedbackRequest request,
            ReferenceSnapshot reference) {
        Channel channel = caller.channel().orElseThrow(() -> new IllegalArgumentException("caller without a channel"));
        validate(caller, channel, request, reference, Optional.empty());
        return findOrCreate(transaction, caller, Optional.empty(), channel, request, reference);
    }

    /** The incident of a message, whether this submission created it, and the notices it is linked to. */
    public record Intake(Incident incident, boolean created, List<NoticeRef> notices) {
    }

    private Uni<Intake> findOrCreate(SqlConnection transaction, Caller caller, Optional<String> verifiedEmail, Channel channel,
            FeedbackRequest request, ReferenceSnapshot reference) {
        if (request.externalId() == null) {
            return create(transaction, caller, verifiedEmail, channel, request, reference);
        }
        return incidents.lockExternalMessage(transaction, channel, null, request.externalId())
                .chain(() -> incidents.findExternalMessage(transaction, channel, null, request.externalId()))
                .chain(existing -> existing.isPresent()
                        ? coveringNotices.linkedTo(transaction, existing.get().id)
                                .map(notices -> new Intake(existing.get(), false, notices))
                        : create(transaction, caller, verifiedEmail, channel, request, reference));
    }

    private Uni<Intake> create(SqlConnection transaction, Caller caller, Optional<String> verifiedEmail, Channel channel,
            FeedbackRequest request, ReferenceSnapshot reference) {
        Incident incident = new Incident();
        incident.channel = channel;
        incident.externalId = request.externalId();
        incident.categoryCode = request.categoryCode();
        incident.districtCode = request.districtCode();
        incident.address = request.address();
        if (request.location() != null) {
            incident.locationLat = request.location().lat();
            incident.locationLon = request.location().lon();
        }
        incident.text = request.text().strip();
        incident.attachments = request.attachments() == null ? new String[0] : request.attachments().toArray(String[]::new);
        if (channel == Channel.GOSUSLUGI) {
            incident.authorExternalId = request.citizenId();
        } else if (channel != Channel.OPEN311) {
            incident.authorSubject = caller.subject();
        }
        if (request.contact() != null) {
            incident.contactPhone = request.contact().phone();
            incident.contactEmail = request.contact().email();
        }
        chooseMails(incident, request, verifiedEmail);
        return media.unattachable(transaction, caller, request.mediaIds(), "/mediaIds").invoke(errors -> {
            if (!errors.isEmpty()) {
                throw new ProblemException(ProblemType.VALIDATION, "The photos cannot go with this message.", errors, Map.of());
            }
        }).call(() -> placeInDistrict(incident))
                .chain(() -> register(transaction, incident, caller, reference))
                .call(intake -> media.attachToMessage(transaction, caller, request.mediaIds(), intake.incident().id));
    }

    /**
     * A message without a district but with a point takes the district whose boundary holds the point, or the
     * nearest one within {@link DistrictLocator#NEAREST_LIMIT_METRES}; otherwise it stays without one.
     */
    private Uni<Void> placeInDistrict(Incident incident) {
        if (incident.districtCode != null) {
            incident.districtSource = DistrictSource.GIVEN;
            return Uni.createFrom().voidItem();
        }
        incident.districtSource = DistrictSource.NONE;
        if (incident.locationLat == null || incident.locationLon == null) {
            return Uni.createFrom().voidItem();
        }
        return boundaries.locator().invoke(locator -> locator.locate(incident.locationLat, incident.locationLon)
                .ifPresent(match -> {
                    incident.districtCode = match.districtCode();
                    incident.districtSource = DistrictSource.LOCATION;
                })).replaceWithVoid();
    }

    /**
     * The author's choice of mails: to the token's verified address when the form gives none or the same one (no
     * confirmation needed: {@code notifyEmail} set), else to the form's address ({@code contactEmail}), which the
     * notify feature confirms first.
     */
    static void chooseMails(Incident incident, FeedbackRequest request, Optional<String> verifiedEmail) {
        incident.language = request.language() == null ? "ru" : request.language();
        if (!request.wantsMail()) {
            return;
        }
        incident.notify = true;
        String typed = request.contact() == null ? null : request.contact().email();
        if (verifiedEmail.isPresent() && (typed == null || typed.strip().equalsIgnoreCase(verifiedEmail.get().strip()))) {
            incident.notifyEmail = verifiedEmail.get().strip();
        }
    }

    /**
     * Numbers, routes, sets deadlines and status, and writes the incident with its first timeline event and
     * its links to the notices covering it, in the intake's pool transaction.
     */
    private Uni<Intake> register(SqlConnection transaction, Incident incident, Caller caller, ReferenceSnapshot reference) {
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

    /** Each item in a pool transaction of its own, one after the other. */
    public Uni<SocialIngestResult> ingestSocial(Caller caller, SocialIngestRequest request) {
        if (caller.channel().orElse(null) != Channel.SOCIAL) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.FORBIDDEN,
                    "Only the social-media monitoring client ingests captured comments."));
        }
        if (request.items().size() > config.maxSocialBatch()) {
            return Uni.createFrom().failure(ProblemException.invalidField("/items",
                    "at most " + config.maxSocialBatch() + " items per batch"));
        }
        List<SocialIngestRequest.Item> items = request.items();
        return referenceCatalog.current().chain(reference -> Multi.createFrom().range(0, items.size())
                .onItem().transformToUniAndConcatenate(index -> pool.withTransaction(
                        transaction -> ingestOne(transaction, caller, index, items.get(index), reference))
                        .onFailure(ProblemException.class).recoverWithItem(failure -> ItemResult.rejected(index,
                                items.get(index), failure.getMessage()))
                        .onFailure().recoverWithItem(failure -> {
                            LOG.errorf(failure, "Could not ingest item %d of a social batch", index);
                            return ItemResult.rejected(index, items.get(index), "could not be stored; send it again later");
                        }))
                .collect().asList()
                .map(results -> new SocialIngestResult(items.size(),
                        count(results, Outcome.CREATED), count(results, Outcome.DUPLICATE), count(results, Outcome.REJECTED),
                        results)));
    }

    private static int count(List<ItemResult> results, Outcome outcome) {
        return (int) results.stream().filter(r -> r.outcome() == outcome).count();
    }

    private Uni<ItemResult> ingestOne(SqlConnection transaction, Caller caller, int index, SocialIngestRequest.Item item,
            ReferenceSnapshot reference) {
        String problem = problemOf(item);
        if (problem != null) {
            return Uni.createFrom().item(ItemResult.rejected(index, item, problem));
        }
        SocialPlatform platform = SocialPlatform.valueOf(item.platform());
        List<UUID> mediaIds = item.mediaIds() == null ? List.of() : item.mediaIds().stream().map(UUID::fromString).toList();
        return incidents.lockExternalMessage(transaction, Channel.SOCIAL, platform, item.externalId())
                .chain(() -> incidents.findExternalMessage(transaction, Channel.SOCIAL, platform, item.externalId()))
                .chain(existing -> existing.isPresent()
                        ? Uni.createFrom().item(new ItemResult(index, item.platform(), item.externalId(), Outcome.DUPLICATE,
                                existing.get().number, existing.get().categoryCode, null, null))
                        : media.unattachable(transaction, caller, mediaIds, "mediaIds").chain(errors -> !errors.isEmpty()
                                ? Uni.createFrom().item(ItemResult.rejected(index, item,
                                        errors.get(0).pointer() + ": " + errors.get(0).message()))
                                : createFromComment(transaction, caller, item, platform, reference)
                                        .call(created -> media.attachToMessage(transaction, caller, mediaIds, created.incident().id))
                                        .map(created -> new ItemResult(index, item.platform(), item.externalId(), Outcome.CREATED,
                                                created.incident().number, created.incident().categoryCode,
                                                created.incident().categoryConfidence.doubleValue(), null))));
    }

    private Uni<Intake> createFromComment(SqlConnection transaction, Caller caller, SocialIngestRequest.Item item,
            SocialPlatform platform, ReferenceSnapshot reference) {
        TopicSuggestion suggestion = classifier.suggest(reference, item.text());
        Incident incident = new Incident();
        incident.channel = Channel.SOCIAL;
        incident.socialPlatform = platform;
        incident.externalId = item.externalId();
        incident.sourceUrl = item.url();
        incident.sourcePageId = item.pageId();
        incident.sourcePostedAt = OffsetDateTime.parse(item.postedAt()).toInstant();
        incident.authorHandle = item.authorHandle();
        incident.text = item.text().strip();
        incident.attachments = new String[0];
        incident.categoryCode = suggestion.categoryCode();
        incident.categoryConfidence = BigDecimal.valueOf(suggestion.confidence()).setScale(3, RoundingMode.HALF_UP);
        incident.districtCode = suggestion.districtCode();
        return register(transaction, incident, caller, reference);
    }

    /** Why an item cannot become an incident, or null when it can. */
    private String problemOf(SocialIngestRequest.Item item) {
        if (!SocialPlatform.isNamed(item.platform())) {
            return "platform: must be " + SocialPlatform.namesInWords();
        }
        if (item.externalId() == null || item.externalId().isBlank() || item.externalId().length() > 200) {
            return "externalId: must be 1 to 200 characters";
        }
        if (!WebLinks.isHttpOrHttpsLink(item.url())) {
            return "url: must be an http(s) link to the comment";
        }
        if (item.text() == null || item.text().isBlank()) {
            return "text: must not be blank";
        }
        if (item.text().length() > 5000) {
            return "text: must be at most 5000 characters";
        }
        if (item.authorHandle() != null && item.authorHandle().length() > 255) {
            return "authorHandle: must be at most 255 characters";
        }
        if (item.pageId() != null && item.pageId().length() > 200) {
            return "pageId: must be at most 200 characters";
        }
        if (item.postedAt() == null) {
            return "postedAt: is required";
        }
        if (item.mediaIds() != null && (item.mediaIds().size() > 5
                || item.mediaIds().stream().anyMatch(id -> id == null || !MEDIA_ID.matcher(id).matches()))) {
            return "mediaIds: at most 5 media ids (UUIDs)";
        }
        try {
            Instant posted = OffsetDateTime.parse(item.postedAt()).toInstant();
            if (posted.isAfter(clock.instant().plus(POSTED_AT_CLOCK_SKEW))) {
                return "postedAt: lies in the future";
            }
        } catch (DateTimeParseException e) {
            return "postedAt: must be an ISO-8601 timestamp with offset";
        }
        return null;
    }
}
