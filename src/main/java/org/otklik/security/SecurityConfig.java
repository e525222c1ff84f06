package org.otklik.security;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a token's client and claims map to Otklik's notions of channel, organisation and district. */
@ConfigMapping(prefix = "otklik.security")
public interface SecurityConfig {

    /** OIDC client id ({@code azp}) → the channel its submissions come from. */
    Map<String, Channel> clientChannels();

    Claims claims();

    VerifiedTokens verifiedTokens();

    /**
     * Claims for demo users whose tokens cannot carry them (the dev-mode OIDC server issues only
     * subject and roles), keyed by subject. Empty outside dev mode.
     */
    Map<String, DemoUser> demoUsers();

    interface Claims {
        @WithDefault("azp")
        String client();

        @WithDefault("org")
        String organization();

        @WithDefault("district")
        String district();

        @WithDefault("birthdate")
        String birthdate();
    }

    /**
     * Bearer tokens verified recently are served from memory ({@link VerifiedTokenCache}) until they expire, or
     * for at most {@code max-age}: a new signing key or a revoked realm key takes that long to reach them.
     */
    interface VerifiedTokens {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("PT1M")
        Duration maxAge();

        @WithDefault("10000")
        int maxEntries();
    }

    interface DemoUser {
        Optional<String> client();

        Optional<String> organization();

        Optional<String> district();

        Optional<LocalDate> birthdate();

        /** A verified e-mail address (for residents' mails). */
        Optional<String> email();
    }
}
