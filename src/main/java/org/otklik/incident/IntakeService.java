package org.otklik.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.Problem.FieldError;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;
import org.otklik.incident.IncidentRegistration.Intake;
import org.otklik.incident.social.SocialIngestService;
import org.otklik.incident.views.IncidentReceipt;
import org.otklik.incident.views.IncidentViews;
import org.otklik.location.BoundaryService;
import org.otklik.location.DistrictLocator;
import org.otklik.media.MediaService;
import org.otklik.routing.ReferenceCatalog;
import org.otklik.routing.ReferenceSnapshot;
import org.otklik.security.Caller;
import org.otklik.security.Channel;
import org.otklik.security.Roles;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Intake of feedback: messages from the widget, the mobile apps and the Gosuslugi gateway, and requests of
 * Open311 clients, checked and registered through {@link IncidentRegistration} (social-media comments come in
 * through {@link SocialIngestService}).
 */
@ApplicationScoped
public class IntakeService {

    private final IncidentRegistration registration;
    private final ReferenceCatalog referenceCatalog;
    private final IncidentViews views;
    private final IntakeConfig config;
    private final CoveringNotices coveringNotices;
    private final MediaService media;
    private final BoundaryService boundaries;

    public IntakeService(IncidentRegistration registration, ReferenceCatalog referenceCatalog, IncidentViews views,
            IntakeConfig config, CoveringNotices coveringNotices, MediaService media, BoundaryService boundaries) {
        this.registration = registration;
        this.referenceCatalog = referenceCatalog;
        this.views = views;
        this.config = config;
        this.coveringNotices = coveringNotices;
        this.media = media;
        this.boundaries = boundaries;
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

    private Uni<Intake> findOrCreate(SqlConnection transaction, Caller caller, Optional<String> verifiedEmail, Channel channel,
            FeedbackRequest request, ReferenceSnapshot reference) {
        if (request.externalId() == null) {
            return create(transaction, caller, verifiedEmail, channel, request, reference);
        }
        return registration.registered(transaction, channel, null, request.externalId())
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
                .chain(() -> registration.register(transaction, incident, caller, reference))
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
}
