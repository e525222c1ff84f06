package org.otklik.common.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static RateLimitConfig config(Map<String, RateLimitConfig.GroupLimit> groups) {
        return new RateLimitConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public long maxTrackedCallers() {
                return 3;
            }

            @Override
            public Map<String, GroupLimit> groups() {
                return groups;
            }

            @Override
            public java.util.List<String> trustedProxies() {
                return java.util.List.of("127.0.0.1");
            }
        };
    }

    private static RateLimitConfig.GroupLimit limit(long requests, Duration window, long integrationRequests) {
        return new RateLimitConfig.GroupLimit() {
            @Override
            public OptionalLong requests() {
                return OptionalLong.of(requests);
            }

            @Override
            public Optional<Duration> window() {
                return Optional.of(window);
            }

            @Override
            public OptionalLong integrationRequests() {
                return OptionalLong.of(integrationRequests);
            }
        };
    }

    @Test
    void aMisspelledGroupStopsTheStart() {
        assertThatThrownBy(() -> new RateLimiter(config(Map.of("lookup", limit(1, Duration.ofMinutes(1), 1)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("otklik.rate-limit.groups.lookup");
        assertThatThrownBy(() -> new RateLimiter(config(Map.of("votes", limit(0, Duration.ofMinutes(1), 1)))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void clientsAndPeopleHaveTheirOwnQuotasAndDefaultsApplyElsewhere() {
        RateLimiter limiter = new RateLimiter(config(Map.of("votes", limit(2, Duration.ofHours(1), 3))));
        RateLimitScope person = new RateLimitScope(RateLimitScope.Kind.SUBJECT, "citizen-1");
        RateLimitScope client = new RateLimitScope(RateLimitScope.Kind.CLIENT, "gosuslugi-pos");
        assertThat(limiter.consume(RateLimitGroup.VOTES, person).limitHeader()).isEqualTo("\"votes\";r=1;t=1800");
        RateLimitOutcome second = limiter.consume(RateLimitGroup.VOTES, person);
        assertThat(second.allowed()).isTrue();
        RateLimitOutcome third = limiter.consume(RateLimitGroup.VOTES, person);
        assertThat(third.allowed()).isFalse();
        assertThat(third.retryAfterSeconds()).isBetween(1790L, 1800L);
        assertThat(third.exceeded().headers()).containsEntry("RateLimit-Policy", "\"votes\";q=2;w=3600")
                .containsEntry("Retry-After", Long.toString(third.retryAfterSeconds()));
        assertThat(limiter.consume(RateLimitGroup.VOTES, client).policy().quota()).isEqualTo(3);
        assertThat(limiter.consume(RateLimitGroup.LOOKUPS, person).policy().header()).isEqualTo("\"lookups\";q=120;w=60");
    }

    @Test
    void ipv6ClientsCountByTheirSlash64() {
        assertThat(RateLimitFilter.scopeOfAddress("2001:db8:1:2:aaaa::1"))
                .isEqualTo(RateLimitFilter.scopeOfAddress("2001:db8:1:2:bbbb::9"))
                .isEqualTo("20010db800010002::/64");
        assertThat(RateLimitFilter.scopeOfAddress("2001:db8:1:3::1")).isNotEqualTo(RateLimitFilter.scopeOfAddress("2001:db8:1:2::1"));
        assertThat(RateLimitFilter.scopeOfAddress("203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
