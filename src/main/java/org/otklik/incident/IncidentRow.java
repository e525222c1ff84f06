package org.otklik.incident;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.otklik.security.Channel;

/**
 * The columns of an incident's row (table {@code incident}, owned by Flyway's migrations). The rules that change
 * them are {@link Incident}'s.
 */
@MappedSuperclass
public abstract class IncidentRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 20, unique = true)
    public String number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Channel channel;

    @Column(name = "external_id", length = 200)
    public String externalId;

    @Enumerated(EnumType.STRING)
    @Column(name = "social_platform", length = 16)
    public SocialPlatform socialPlatform;

    @Column(name = "source_url", length = 2000)
    public String sourceUrl;

    @Column(name = "source_page_id", length = 200)
    public String sourcePageId;

    @Column(name = "source_posted_at")
    public Instant sourcePostedAt;

    @Column(name = "category_code", nullable = false, length = 64)
    public String categoryCode;

    @Column(name = "category_confidence", precision = 4, scale = 3)
    public BigDecimal categoryConfidence;

    @Column(name = "district_code", length = 64)
    public String districtCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "district_source", length = 16)
    public DistrictSource districtSource;

    @Column(length = 300)
    public String address;

    /** Kept by the supporters' own statement; never written through the entity (a stale copy would lose supports). */
    @Column(insertable = false, updatable = false)
    public int supporters;

    @Column(name = "location_lat")
    public Double locationLat;

    @Column(name = "location_lon")
    public Double locationLon;

    @Column(nullable = false, length = 5000)
    public String text;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] attachments;

    @Column(name = "author_subject", length = 255)
    public String authorSubject;

    @Column(name = "author_external_id", length = 255)
    public String authorExternalId;

    @Column(name = "author_handle", length = 255)
    public String authorHandle;

    @Column(name = "submitted_by", nullable = false, length = 255)
    public String submittedBy;

    @Column(name = "contact_phone", length = 32)
    public String contactPhone;

    @Column(name = "contact_email", length = 254)
    public String contactEmail;

    /** The resident asked to hear back by e-mail at each step (widget and mobile only). */
    @Column(nullable = false)
    public boolean notify;

    /** The address for those mails when it is not {@link #contactEmail} (the token's verified address). */
    @Column(name = "notify_email", length = 254)
    public String notifyEmail;

    /** The resident's language for mails: ru or en. */
    @Column(nullable = false, length = 2)
    public String language = "ru";

    @Column(name = "organization_code", nullable = false, length = 64)
    public String organizationCode;

    @Column(name = "redirect_to_confirm", nullable = false)
    public boolean redirectToConfirm;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public IncidentStatus status;

    @Column(name = "rejection_reason", length = 32)
    public String rejectionReason;

    @Enumerated(EnumType.STRING)
    @Column(length = 24)
    public Resolution resolution;

    @Column(name = "answer_text", length = 5000)
    public String answerText;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "answer_attachments", nullable = false, columnDefinition = "text[]")
    public String[] answerAttachments = new String[0];

    @Column(name = "redirected_to", length = 300)
    public String redirectedTo;

    @Column(name = "interim_answer_text", length = 5000)
    public String interimAnswerText;

    @Column(name = "interim_planned_date")
    public LocalDate interimPlannedDate;

    @Column(name = "interim_answered_at")
    public Instant interimAnsweredAt;

    @Column(name = "reopen_count", nullable = false)
    public int reopenCount;

    @Column(name = "rating_accepted")
    public Boolean ratingAccepted;

    @Column(name = "rating_comment", length = 2000)
    public String ratingComment;

    @Column(name = "rated_at")
    public Instant ratedAt;

    @Column(name = "first_response_due", nullable = false)
    public Instant firstResponseDue;

    @Column(name = "resolution_due", nullable = false)
    public Instant resolutionDue;

    @Column(name = "first_responded_at")
    public Instant firstRespondedAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "duplicate_of")
    public Long duplicateOf;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(nullable = false)
    public int version;
}
