package org.otklik.open311;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.open311.Open311Repository.Client;
import org.otklik.routing.CalendarConfig;
import org.otklik.routing.ReferenceCatalog;
import org.otklik.security.Caller;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Issues and revokes the API keys of Open311 clients. */
@ApplicationScoped
public class Open311KeyService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Open311Repository repository;
    private final ReferenceCatalog reference;
    private final CalendarConfig calendar;
    private final Clock clock;

    public Open311KeyService(Open311Repository repository, ReferenceCatalog reference, CalendarConfig calendar, Clock clock) {
        this.repository = repository;
        this.reference = reference;
        this.calendar = calendar;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Open311KeyView.Created> issue(Caller admin, Open311KeyRequest request) {
        return reference.current().chain(snapshot -> {
            if (request.organizationCode() != null && snapshot.organization(request.organizationCode()).isEmpty()) {
                throw ProblemException.invalidField("/organizationCode", "unknown organisation");
            }
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            String key = "o311_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            Client client = new Client(UUID.randomUUID(), request.name().strip(), request.organizationCode(), clock.instant(),
                    admin.subject(), null);
            return repository.insertClient(client, Open311Clients.hash(key))
                    .replaceWith(new Open311KeyView.Created(client.id(), client.name(), client.organizationCode(),
                            local(client.createdAt()), key));
        });
    }

    @WithSession
    public Uni<List<Open311KeyView>> list() {
        return repository.clients().map(clients -> clients.stream().map(this::view).toList());
    }

    /** Revokes a key at once; revoking a revoked key changes nothing. */
    @WithTransaction
    public Uni<Open311KeyView> revoke(UUID id) {
        return repository.revokeClient(id, clock.instant())
                .chain(() -> repository.client(id))
                .map(client -> view(client.orElseThrow(() -> ProblemException.notFound("There is no Open311 key " + id + "."))));
    }

    private Open311KeyView view(Client client) {
        return new Open311KeyView(client.id(), client.name(), client.organizationCode(), local(client.createdAt()),
                client.createdBy(), local(client.revokedAt()));
    }

    private OffsetDateTime local(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, calendar.zone());
    }
}
