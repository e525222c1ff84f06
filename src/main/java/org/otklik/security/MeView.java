package org.otklik.security;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Me", requiredProperties = { "subject", "roles", "channel", "organization", "district" }, description = "Who the caller is, as Otklik understands the access token")
public record MeView(
        @Schema(description = "Token subject", examples = "6f1c2a9e-3d4b-4e8f-9a51-2b7c0d9e1f34") String subject,
        @Schema(description = "Otklik roles of the caller", examples = "[\"citizen\"]") List<String> roles,
        @Schema(description = "Channel of the calling client, null for staff clients", nullable = true, examples = "WIDGET") Channel channel,
        @Schema(description = "Organisation code of an executor", nullable = true, examples = "adm.leninsky") String organization,
        @Schema(description = "District code of a resident", nullable = true, examples = "leninsky") String district) {

    static MeView of(Caller caller) {
        return new MeView(caller.subject(), caller.roles().stream().sorted().toList(), caller.channel().orElse(null),
                caller.organization().orElse(null), caller.district().orElse(null));
    }
}
