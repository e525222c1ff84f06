package org.otklik.incident;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.otklik.common.AdvisoryLocks;
import org.otklik.common.KeysetCursor;
import org.otklik.security.Channel;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class IncidentRepository implements PanacheRepositoryBase<Incident, Long> {

    public Uni<Incident> findByNumber(String number) {
        return find("number", number).firstResult();
    }

    public Uni<Incident> findExternalMessage(Channel channel, SocialPlatform platform, String externalId) {
        if (platform == null) {
            return find("channel = ?1 and socialPlatform is null and externalId = ?2", channel, externalId).firstResult();
        }
        return find("channel = ?1 and socialPlatform = ?2 and externalId = ?3", channel, platform, externalId)
                .firstResult();
    }

    public Uni<Long> nextNumberInSequence() {
        return getSession().chain(session -> session
                .createNativeQuery("select nextval('incident_number_seq')", Long.class)
                .getSingleResult());
    }

    /** Serialises work on one external message within the current transaction. */
    public Uni<Void> lockExternalMessage(Channel channel, SocialPlatform platform, String externalId) {
        return getSession().chain(session -> AdvisoryLocks.lock(session, "external-message", channel, platform, externalId));
    }

    /** A page of an author's incidents, newest first, one more than {@code limit} to tell if more follow. */
    public Uni<List<Incident>> pageOfAuthor(String authorSubject, Collection<IncidentStatus> statuses,
            Optional<KeysetCursor> after, int limit) {
        StringBuilder query = new StringBuilder("authorSubject = :author");
        Parameters parameters = Parameters.with("author", authorSubject);
        if (!statuses.isEmpty()) {
            query.append(" and status in :statuses");
            parameters.and("statuses", statuses);
        }
        if (after.isPresent()) {
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            parameters.and("at", after.get().at()).and("id", after.get().id());
        }
        query.append(" order by createdAt desc, id desc");
        return find(query.toString(), parameters).page(0, limit + 1).list();
    }

    public Uni<Incident> findByNumberForUpdate(String number) {
        return find("number", number).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Incident> findByIdForUpdate(long id) {
        return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The duplicates of an incident merged into another become the other's. */
    public Uni<Integer> moveDuplicates(Long fromId, Long toId) {
        return update("duplicateOf = ?1 where duplicateOf = ?2", toId, fromId);
    }

    /** Ids of answers given before {@code answeredBefore}, oldest first. */
    public Uni<List<Long>> answeredBefore(java.time.Instant answeredBefore, int limit) {
        return find("status = ?1 and answeredAt < ?2 order by answeredAt", IncidentStatus.ANSWERED, answeredBefore)
                .project(IdOnly.class).page(0, limit).list()
                .map(rows -> rows.stream().map(IdOnly::id).toList());
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record IdOnly(Long id) {
    }

    public Uni<List<String>> numbersOfDuplicates(Long mainId) {
        return find("duplicateOf = ?1 order by createdAt, id", mainId).project(NumberOnly.class).list()
                .map(rows -> rows.stream().map(NumberOnly::number).toList());
    }

    public Uni<List<Incident>> duplicatesOf(Long mainId) {
        return list("duplicateOf = ?1 order by createdAt, id", mainId);
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record NumberOnly(String number) {
    }
}
