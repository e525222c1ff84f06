package org.otklik.media;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code media} as a Hibernate session reads it for the incident views; every write to the table goes
 * through {@link MediaRepository}'s pool statements.
 */
@Entity
@Table(name = "media")
public class Media {

    @Id
    public UUID id;

    @Column(name = "uploaded_by", nullable = false, length = 255)
    public String uploadedBy;

    @Column(name = "source_format", nullable = false, length = 8)
    public String sourceFormat;

    @Column(nullable = false)
    public int width;

    @Column(nullable = false)
    public int height;

    @Column(nullable = false)
    public int bytes;

    @Column(name = "thumbnail_bytes", nullable = false)
    public int thumbnailBytes;

    @Column(nullable = false, length = 64)
    public String sha256;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "incident_id")
    public Long incidentId;

    @Column(length = 8)
    public String role;

    @Column(name = "position")
    public Short ordinal;

    @Column(name = "attached_at")
    public Instant attachedAt;

    @Column(nullable = false)
    public boolean publishable;

    @Column(name = "finished_at")
    public Instant finishedAt;

    MediaRow row() {
        return new MediaRow(id, uploadedBy, sourceFormat, width, height, bytes, thumbnailBytes, sha256, createdAt, incidentId,
                role, publishable);
    }
}
