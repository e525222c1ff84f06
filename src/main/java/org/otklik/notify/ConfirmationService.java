package org.otklik.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.notify.ConfirmationRepository.Outcome;
import org.otklik.notify.MailPayload.IncidentFacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Double opt-in: a resident who typed an address their token does not verify gets a confirmation mail with a signed
 * link; the mails for that address are held until they follow it (a GET shows a page, its button POSTs), and then
 * go out in order. Unconfirmed addresses are forgotten after {@code otklik.notify.confirmation-validity}.
 */
@ApplicationScoped
public class ConfirmationService {

    private final ConfirmationRepository confirmations;
    private final MailOutbox mails;
    private final UnsubscribeTokens tokens;
    private final NotifyConfig config;
    private final ObjectMapper json;
    private final Pool pool;
    private final Clock clock;

    public ConfirmationService(ConfirmationRepository confirmations, MailOutbox mails, UnsubscribeTokens tokens,
            NotifyConfig config, ObjectMapper json, Pool pool, Clock clock) {
        this.confirmations = confirmations;
        this.mails = mails;
        this.tokens = tokens;
        this.config = config;
        this.json = json;
        this.pool = pool;
        this.clock = clock;
    }

    /** Who asks, to which address, for which list of mails, and about which message (null for notices). */
    record Request(String subject, String address, String language, String list, Long incidentId, IncidentFacts incident) {
    }

    /** Writes a confirmation mail in the transaction, unless the address is confirmed or was asked about lately. */
    Uni<Void> ask(SqlConnection transaction, Request request, Instant now) {
        return confirmations.request(transaction, request.subject(), request.address(), now).chain(id -> id.isEmpty()
                ? Uni.createFrom().voidItem()
                : mails.insert(transaction, mail(request, id.get(), now)));
    }

    private MailOutbox.NewMail mail(Request request, UUID confirmation, Instant now) {
        MailPayload payload = new MailPayload(MailKind.CONFIRM, MailComposer.language(request.language()), request.subject(),
                request.list(), request.incident(), null, null, confirmation);
        try {
            return new MailOutbox.NewMail(UUID.randomUUID(), MailKind.CONFIRM.eventType(), request.incidentId(),
                    request.incident() == null ? null : request.incident().number(), json.writeValueAsString(payload),
                    request.address(), request.list(), request.subject(), now, true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a confirmation mail", e);
        }
    }

    /** Checks a link's token without changing anything; 400 for a token that is not ours. */
    public void check(String token) {
        confirmation(token);
    }

    /** Confirms the address a link names; 404 for one unknown or expired. */
    public Uni<Outcome> confirm(String token) {
        UUID id = confirmation(token);
        Instant now = clock.instant();
        return pool.withTransaction(transaction -> confirmations
                .confirm(transaction, id, now, now.minus(config.confirmationValidity()))
                .call(outcome -> outcome == Outcome.CONFIRMED ? mails.releaseHeld(transaction, id, now) : Uni.createFrom().voidItem()))
                .invoke(outcome -> {
                    if (outcome == Outcome.UNKNOWN) {
                        throw ProblemException.notFound("This confirmation link has expired or is unknown; ask for the mails again.");
                    }
                });
    }

    private UUID confirmation(String token) {
        return tokens.verifyConfirmation(token).orElseThrow(() -> ProblemException.badParameter("token",
                "not a valid confirmation link; use the link of the mail as it came"));
    }
}
