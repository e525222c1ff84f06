package org.otklik.common.ratelimit;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * One token bucket (Bucket4j) per group and caller, held in memory by this instance. The buckets of a
 * group live in a cache bounded in size and forgotten after a window without requests (a full bucket
 * carries no information), so that callers with ever new addresses cannot grow the heap.
 */
@ApplicationScoped
public class RateLimiter {

    private record Limits(RateLimitPolicy perCaller, Bandwidth callerBandwidth, RateLimitPolicy perClient,
            Bandwidth clientBandwidth, Cache<String, Bucket> buckets) {
    }

    private final boolean enabled;
    private final Map<RateLimitGroup, Limits> limits = new EnumMap<>(RateLimitGroup.class);

    public RateLimiter(RateLimitConfig config) {
        List<String> known = Arrays.stream(RateLimitGroup.values()).map(RateLimitGroup::key).toList();
        for (String name : config.groups().keySet()) {
            if (!known.contains(name)) {
                throw new IllegalStateException("otklik.rate-limit.groups." + name + " is not a group; the groups are " + known);
            }
        }
        this.enabled = config.enabled();
        for (RateLimitGroup group : RateLimitGroup.values()) {
            RateLimitConfig.GroupLimit custom = config.groups().get(group.key());
            long requests = group.defaultRequests();
            long integrationRequests = group.defaultIntegrationRequests();
            java.time.Duration window = group.defaultWindow();
            if (custom != null) {
                requests = custom.requests().orElse(requests);
                integrationRequests = custom.integrationRequests().orElse(integrationRequests);
                window = custom.window().orElse(window);
            }
            if (requests < 1 || integrationRequests < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalStateException("otklik.rate-limit.groups." + group.key() + " needs positive requests and window");
            }
            Cache<String, Bucket> buckets = Caffeine.newBuilder()
                    .maximumSize(config.maxTrackedCallers())
                    .expireAfterAccess(window.toNanos(), TimeUnit.NANOSECONDS)
                    .build();
            RateLimitPolicy perCaller = new RateLimitPolicy(group.key(), requests, window);
            RateLimitPolicy perClient = new RateLimitPolicy(group.key(), integrationRequests, window);
            limits.put(group, new Limits(perCaller, bandwidth(perCaller), perClient, bandwidth(perClient), buckets));
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** Takes one request from the caller's quota in the group, if there is one left. */
    public RateLimitOutcome consume(RateLimitGroup group, RateLimitScope scope) {
        Limits groupLimits = limits.get(group);
        boolean client = scope.kind() == RateLimitScope.Kind.CLIENT;
        RateLimitPolicy policy = client ? groupLimits.perClient() : groupLimits.perCaller();
        Bandwidth bandwidth = client ? groupLimits.clientBandwidth() : groupLimits.callerBandwidth();
        Bucket bucket = groupLimits.buckets().get(scope.key(), key -> Bucket.builder().addLimit(bandwidth).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new RateLimitOutcome(policy, probe.isConsumed(), probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForReset()), Math.max(1, seconds(probe.getNanosToWaitForRefill())));
    }

    /**
     * For an endpoint that learns its caller only from the request's content (an Open311 api_key in a form):
     * takes one request from that caller's quota, on top of what the filter charged the address.
     *
     * @throws RateLimitExceededException when the quota is spent
     */
    public void charge(RateLimitGroup group, RateLimitScope scope) {
        if (!enabled) {
            return;
        }
        RateLimitOutcome outcome = consume(group, scope);
        if (!outcome.allowed()) {
            throw outcome.exceeded();
        }
    }

    private static Bandwidth bandwidth(RateLimitPolicy policy) {
        return Bandwidth.builder().capacity(policy.quota()).refillGreedy(policy.quota(), policy.window()).build();
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
