package org.otklik.incident.support;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.incident.IncidentRepository;
import org.otklik.security.Caller;
import org.otklik.security.Channel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** A resident supports an open incident ("me too") instead of filing a duplicate: once, however often asked. */
@ApplicationScoped
public class SupporterService {

    private final SupporterRepository supporters;
    private final IncidentRepository incidents;
    private final Pool pool;
    private final Clock clock;

    public SupporterService(SupporterRepository supporters, IncidentRepository incidents, Pool pool, Clock clock) {
        this.supporters = supporters;
        this.incidents = incidents;
        this.pool = pool;
        this.clock = clock;
    }

    /** @param verifiedEmail the address the caller's token verifies: the incident's answer is mailed there */
    public Uni<SupportView> support(Caller caller, String number, Optional<String> verifiedEmail) {
        String channel = caller.channel().map(Enum::name).orElse(Channel.WIDGET.name());
        String notifyEmail = verifiedEmail.map(String::strip).orElse(null);
        return pool.withTransaction(transaction -> supporters.add(transaction, number, caller.subject(), channel, clock.instant(),
                        notifyEmail)
                .chain(added -> added.isEmpty() ? Uni.createFrom().voidItem() : incidents.countSupporter(transaction, added.get()))
                .chain(() -> supporters.outcome(transaction, number, caller.subject())))
                .map(found -> {
                    SupporterRepository.Outcome outcome = found
                            .orElseThrow(() -> ProblemException.notFound("No incident has the number " + number + "."));
                    if (outcome.own()) {
                        throw ProblemException.conflict("You reported incident " + number + " yourself.");
                    }
                    if (!outcome.supporting()) {
                        throw ProblemException.conflict("Incident " + number + " is no longer open (" + outcome.status() + ").");
                    }
                    return new SupportView(number, outcome.supporters());
                });
    }
}
