package org.otklik.media;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code media}: an upload, and where it is attached (incident, REPORT or ANSWER) once it is. */
public record MediaRow(UUID id, String uploadedBy, String sourceFormat, int width, int height, int bytes, int thumbnailBytes,
        String sha256, Instant createdAt, Long incidentId, String role, boolean publishable) {

    public static final String REPORT = "REPORT";
    public static final String ANSWER = "ANSWER";

    public boolean attached() {
        return role != null;
    }
}
