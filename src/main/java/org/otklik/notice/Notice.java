package org.otklik.notice;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "notice")
public class Notice {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public NoticeKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public NoticeStatus status;

    @Column(name = "title_ru", nullable = false, length = 300)
    public String titleRu;

    @Column(name = "title_en", length = 300)
    public String titleEn;

    @Column(name = "text_ru", nullable = false, length = 5000)
    public String textRu;

    @Column(name = "text_en", length = 5000)
    public String textEn;

    @Column(name = "category_code", nullable = false, length = 64)
    public String categoryCode;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "district_codes", nullable = false, columnDefinition = "text[]")
    public String[] districtCodes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] addresses;

    @Column(name = "point_lat")
    public Double pointLat;

    @Column(name = "point_lon")
    public Double pointLon;

    @Column(name = "radius_m")
    public Integer radiusMeters;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(name = "organization_code", nullable = false, length = 64)
    public String organizationCode;

    /** The published content's version. */
    @Column(nullable = false)
    public int version;

    /** Every change of the row: the ETag. */
    @Version
    @Column(nullable = false)
    public int revision;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 255)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "content_updated_at")
    public Instant contentUpdatedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    NoticeState stateAt(Instant now) {
        return NoticeState.of(status, startsAt, endsAt, now);
    }
}
