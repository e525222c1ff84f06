package org.otklik.security;

import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** Reads a {@link Caller} out of the security identity and its token claims. */
@ApplicationScoped
public class CallerResolver {

    private final SecurityConfig config;

    public CallerResolver(SecurityConfig config) {
        this.config = config;
    }

    public Caller resolve(SecurityIdentity identity) {
        Principal principal = identity.getPrincipal();
        String subject = principal instanceof JsonWebToken jwt && jwt.getSubject() != null ? jwt.getSubject()
                : principal.getName();
        Set<String> roles = new TreeSet<>(identity.getRoles());
        roles.retainAll(Roles.ALL);

        Optional<SecurityConfig.DemoUser> demo = Optional.ofNullable(config.demoUsers().get(subject));
        Optional<String> client = claim(principal, config.claims().client())
                .or(() -> demo.flatMap(SecurityConfig.DemoUser::client));
        Optional<Channel> channel = client.map(c -> config.clientChannels().get(c));
        Optional<String> organization = claim(principal, config.claims().organization())
                .or(() -> demo.flatMap(SecurityConfig.DemoUser::organization));
        Optional<String> district = claim(principal, config.claims().district())
                .or(() -> demo.flatMap(SecurityConfig.DemoUser::district));
        Optional<LocalDate> birthDate = claim(principal, config.claims().birthdate())
                .flatMap(CallerResolver::parseDate)
                .or(() -> demo.flatMap(SecurityConfig.DemoUser::birthdate));
        return new Caller(subject, Set.copyOf(roles), client, channel, organization, district, birthDate);
    }

    /**
     * The caller's e-mail address if the token vouches for it: the {@code email} claim with {@code email_verified}
     * true (in dev mode, a demo user's configured address).
     */
    public Optional<String> verifiedEmail(SecurityIdentity identity) {
        Principal principal = identity.getPrincipal();
        if (principal instanceof JsonWebToken jwt && jwt.containsClaim("email_verified")) {
            Object verified = jwt.getClaim("email_verified");
            boolean yes = verified instanceof Boolean flag ? flag
                    : verified == jakarta.json.JsonValue.TRUE || "true".equals(String.valueOf(verified));
            if (yes) {
                return claim(principal, "email");
            }
        }
        String subject = principal instanceof JsonWebToken jwt && jwt.getSubject() != null ? jwt.getSubject() : principal.getName();
        return Optional.ofNullable(config.demoUsers().get(subject)).flatMap(SecurityConfig.DemoUser::email);
    }

    private static Optional<String> claim(Principal principal, String name) {
        if (principal instanceof JsonWebToken jwt && jwt.containsClaim(name)) {
            Object value = jwt.getClaim(name);
            if (value instanceof jakarta.json.JsonString json) {
                return Optional.of(json.getString()).filter(s -> !s.isBlank());
            }
            if (value instanceof String text) {
                return Optional.of(text).filter(s -> !s.isBlank());
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> parseDate(String value) {
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
