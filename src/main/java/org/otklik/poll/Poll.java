package org.otklik.poll;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.otklik.poll.definition.PollDefinition;
import org.otklik.poll.definition.ResultsPolicy;

/**
 * A poll. {@link #definition} holds the whole definition as canonical JSON (see {@link PollDefinition});
 * the other columns repeat the parts that queries and rules need. Sessions only read it; the row is written on the
 * pool by {@link PollRepository}, which moves {@link #version} as this {@code @Version} says.
 */
@Entity
@Table(name = "poll")
public class Poll {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public PollStatus status;

    @Column(name = "title_ru", nullable = false, length = 300)
    public String titleRu;

    @Column(name = "opens_at", nullable = false)
    public Instant opensAt;

    @Column(name = "closes_at", nullable = false)
    public Instant closesAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "eligible_districts", nullable = false, columnDefinition = "text[]")
    public String[] eligibleDistricts;

    @Column(name = "min_age")
    public Integer minAge;

    @Enumerated(EnumType.STRING)
    @Column(name = "results_policy", nullable = false, length = 16)
    public ResultsPolicy resultsPolicy;

    @Column(name = "allow_revote", nullable = false)
    public boolean allowRevote;

    @Column(nullable = false, columnDefinition = "text")
    public String definition;

    @Column(name = "definition_hash", nullable = false, length = 64)
    public String definitionHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Version
    @Column(nullable = false)
    public long version;

    public PollState stateAt(Instant now) {
        return PollState.of(status, opensAt, closesAt, now);
    }
}
