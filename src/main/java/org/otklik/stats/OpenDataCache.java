package org.otklik.stats;

import java.time.YearMonth;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.mutiny.Uni;

/**
 * Open data per month, computed once and kept as long as clients may cache it (an ended month for
 * public-max-age, the current one for public-current-month-max-age), with its ETag. Concurrent requests
 * for a month that is not cached share one computation; a failed one is not kept.
 */
@ApplicationScoped
public class OpenDataCache {

    public record Month(PublicStatsView view, EntityTag tag) {
    }

    private final AsyncCache<YearMonth, Month> months;
    private final boolean enabled;

    public OpenDataCache(StatsConfig config, StatsService stats) {
        this.enabled = config.publicCacheSize() > 0;
        long endedNanos = config.publicMaxAge().toNanos();
        long currentNanos = config.publicCurrentMonthMaxAge().toNanos();
        this.months = Caffeine.newBuilder()
                .maximumSize(config.publicCacheSize())
                .expireAfter(new Expiry<YearMonth, Month>() {
                    @Override
                    public long expireAfterCreate(YearMonth month, Month value, long currentTime) {
                        return stats.isCurrentMonth(month) ? currentNanos : endedNanos;
                    }

                    @Override
                    public long expireAfterUpdate(YearMonth month, Month value, long currentTime, long currentDuration) {
                        return expireAfterCreate(month, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(YearMonth month, Month value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .buildAsync();
    }

    public Uni<Month> get(YearMonth month, Supplier<Uni<Month>> compute) {
        if (!enabled) {
            return compute.get();
        }
        return Uni.createFrom().completionStage(() -> months.get(month,
                (key, executor) -> compute.get().subscribeAsCompletionStage()));
    }
}
