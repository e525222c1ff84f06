package org.otklik.common.ratelimit;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Small limits with long windows, so that nothing refills while a test runs; one report slot. */
public class RateLimitTestProfile implements QuarkusTestProfile {

    public static final int LOOKUPS = 5;
    public static final int CLIENT_LOOKUPS = 8;
    public static final int SUBMISSIONS = 3;
    public static final int CLIENT_SUBMISSIONS = 4;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("otklik.rate-limit.groups.lookups.requests", Integer.toString(LOOKUPS)),
                Map.entry("otklik.rate-limit.groups.lookups.integration-requests", Integer.toString(CLIENT_LOOKUPS)),
                Map.entry("otklik.rate-limit.groups.lookups.window", "PT1H"),
                Map.entry("otklik.rate-limit.groups.submissions.requests", Integer.toString(SUBMISSIONS)),
                Map.entry("otklik.rate-limit.groups.submissions.integration-requests", Integer.toString(CLIENT_SUBMISSIONS)),
                Map.entry("otklik.rate-limit.groups.submissions.window", "PT1H"),
                Map.entry("quarkus.http.proxy.trusted-proxies", "127.0.0.1"),
                Map.entry("otklik.rate-limit.trusted-proxies", "127.0.0.1"),
                Map.entry("otklik.stats.max-concurrent-reports", "1"),
                Map.entry("otklik.stats.max-reports-per-caller", "1"),
                Map.entry("otklik.stats.report-wait", "PT1S"));
    }
}
