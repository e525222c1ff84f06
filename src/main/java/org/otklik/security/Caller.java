package org.otklik.security;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated caller as Otklik sees it.
 *
 * @param subject the token subject: the stable id of a person or service account
 * @param roles the caller's Otklik roles (other roles in the token are ignored)
 * @param client the OIDC client the token was issued to
 * @param channel the channel of that client, when it is one of ours
 * @param organization the organisation code of an executor
 * @param district the district code of a resident
 * @param birthDate the resident's birth date
 */
public record Caller(
        String subject,
        Set<String> roles,
        Optional<String> client,
        Optional<Channel> channel,
        Optional<String> organization,
        Optional<String> district,
        Optional<LocalDate> birthDate) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
