package org.otklik.incident.social;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;
import org.otklik.common.web.WebLinks;
import org.otklik.incident.Incident;
import org.otklik.incident.IncidentRegistration;
import org.otklik.incident.IncidentRegistration.Intake;
import org.otklik.incident.IntakeConfig;
import org.otklik.incident.SocialPlatform;
import org.otklik.incident.social.SocialIngestResult.ItemResult;
import org.otklik.incident.social.SocialIngestResult.Outcome;
import org.otklik.media.MediaService;
import org.otklik.routing.ReferenceCatalog;
import org.otklik.routing.ReferenceSnapshot;
import org.otklik.routing.TopicClassifier;
import org.otklik.routing.TopicSuggestion;
import org.otklik.security.Caller;
import org.otklik.security.Channel;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Turns comments captured by social-media monitoring into incidents, topic and district suggested from the text. */
@ApplicationScoped
public class SocialIngestService {

    private static final Logger LOG = Logger.getLogger(SocialIngestService.class);
    private static final Duration POSTED_AT_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Pattern MEDIA_ID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    private final IncidentRegistration registration;
    private final ReferenceCatalog referenceCatalog;
    private final TopicClassifier classifier;
    private final IntakeConfig config;
    private final Clock clock;
    private final Pool pool;
    private final MediaService media;

    public SocialIngestService(IncidentRegistration registration, ReferenceCatalog referenceCatalog,
            TopicClassifier classifier, IntakeConfig config, Clock clock, Pool pool, MediaService media) {
        this.registration = registration;
        this.referenceCatalog = referenceCatalog;
        this.classifier = classifier;
        this.config = config;
        this.clock = clock;
        this.pool = pool;
        this.media = media;
    }

    /** Each item in a pool transaction of its own, one after the other. */
    public Uni<SocialIngestResult> ingest(Caller caller, SocialIngestRequest request) {
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
        return registration.registered(transaction, Channel.SOCIAL, platform, item.externalId())
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
        return registration.register(transaction, incident, caller, reference);
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
