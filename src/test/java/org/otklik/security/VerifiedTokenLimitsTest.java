package org.otklik.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** The bounds of {@link VerifiedTokenCache}: token expiry, max-age, entry limit, and what is never kept. */
class VerifiedTokenLimitsTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T10:00:00Z"));

    @Test
    void anEntryIsServedUntilMaxAgeEvenIfTheTokenLivesLonger() {
        VerifiedTokenCache cache = cache(true, Duration.ofSeconds(60), 100);
        cache.keep(identity("t1", clock.instant().plusSeconds(3600)));
        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.find("t1")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.find("t1")).isEmpty();
    }

    @Test
    void anEntryIsServedUntilTheTokenExpiresIfThatComesFirst() {
        VerifiedTokenCache cache = cache(true, Duration.ofSeconds(60), 100);
        cache.keep(identity("t2", clock.instant().plusSeconds(10)));
        clock.advance(Duration.ofSeconds(9));
        assertThat(cache.find("t2")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.find("t2")).isEmpty();
    }

    @Test
    void expiredAnonymousAndTokenlessIdentitiesAreNotKept() {
        VerifiedTokenCache cache = cache(true, Duration.ofSeconds(60), 100);
        cache.keep(identity("expired", clock.instant().minusSeconds(1)));
        cache.keep(QuarkusSecurityIdentity.builder().setAnonymous(true).setPrincipal(() -> "anonymous").build());
        cache.keep(QuarkusSecurityIdentity.builder().setPrincipal(() -> "basic-user").addRole("admin").build());
        assertThat(cache.find("expired")).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void theNumberOfEntriesIsBounded() {
        VerifiedTokenCache cache = cache(true, Duration.ofSeconds(60), 3);
        for (int i = 0; i < 10; i++) {
            cache.keep(identity("bounded-" + i, clock.instant().plusSeconds(600)));
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        assertThat(cache.find("bounded-9")).isPresent();
    }

    @Test
    void nothingIsKeptWhenSwitchedOff() {
        VerifiedTokenCache cache = cache(false, Duration.ofSeconds(60), 100);
        cache.keep(identity("off", clock.instant().plusSeconds(600)));
        assertThat(cache.find("off")).isEmpty();
    }

    private VerifiedTokenCache cache(boolean enabled, Duration maxAge, int maxEntries) {
        SecurityConfig.VerifiedTokens verifiedTokens = new SecurityConfig.VerifiedTokens() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Duration maxAge() {
                return maxAge;
            }

            @Override
            public int maxEntries() {
                return maxEntries;
            }
        };
        SecurityConfig config = new SecurityConfig() {
            @Override
            public Map<String, Channel> clientChannels() {
                return Map.of();
            }

            @Override
            public Claims claims() {
                return null;
            }

            @Override
            public VerifiedTokens verifiedTokens() {
                return verifiedTokens;
            }

            @Override
            public Map<String, DemoUser> demoUsers() {
                return Map.of();
            }
        };
        return new VerifiedTokenCache(config, clock);
    }

    private static SecurityIdentity identity(String rawToken, Instant expiry) {
        JsonWebToken token = new JsonWebToken() {
            @Override
            public String getName() {
                return "subject-of-" + rawToken;
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("raw_token", "exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return (T) switch (claimName) {
                    case "raw_token" -> rawToken;
                    case "exp" -> Long.valueOf(expiry.getEpochSecond());
                    default -> null;
                };
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(token).addRole("citizen").build();
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
