package org.otklik.common.ratelimit;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Small limits with long windows, so that nothing refills while a test runs; one report slot. */
public class RateLimitTestProfile implements QuarkusTestProfile {

    static final int LOOKUPS = 5;
    static final int CLIENT_LOOKUPS = 8;
    static final int SUBMISSIONS = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "otklik.rate-limit.groups.lookups.requests", Integer.toString(LOOKUPS),
                "otklik.rate-limit.groups.lookups.integration-requests", Integer.toString(CLIENT_LOOKUPS),
                "otklik.rate-limit.groups.lookups.window", "PT1H",
                "otklik.rate-limit.groups.submissions.requests", Integer.toString(SUBMISSIONS),
                "otklik.rate-limit.groups.submissions.window", "PT1H",
                "quarkus.http.proxy.trusted-proxies", "127.0.0.1",
                "otklik.stats.max-concurrent-reports", "1",
                "otklik.stats.max-reports-per-caller", "1",
                "otklik.stats.report-wait", "PT1S");
    }
}
