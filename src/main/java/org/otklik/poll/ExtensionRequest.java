package org.otklik.poll;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PollExtensionRequest", description = "A later closing time for a published poll")
public record ExtensionRequest(@Schema(required = true, examples = "2026-07-28T21:00:00+04:00") OffsetDateTime closesAt) {
}
