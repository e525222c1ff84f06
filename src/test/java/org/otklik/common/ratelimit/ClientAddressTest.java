package org.otklik.common.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress ingress = ClientAddress.trusting(List.of("10.244.0.0/16", "fd00:10:244::/48"));

    @Test
    void anUntrustedPeerIsTheClientWhateverItWrites() {
        assertThat(ingress.of("203.0.113.7", List.of("198.51.100.1"))).isEqualTo("203.0.113.7");
        assertThat(ingress.of("10.0.0.5", List.of("198.51.100.1"))).as("a private address outside the ingress range")
                .isEqualTo("10.0.0.5");
    }

    @Test
    void theRightmostEntryTheIngressDidNotAddIsTheClient() {
        assertThat(ingress.of("10.244.1.9", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(ingress.of("10.244.1.9", List.of("6.6.6.6, 198.51.100.1"))).as("a forged first entry is ignored")
                .isEqualTo("198.51.100.1");
        assertThat(ingress.of("10.244.1.9", List.of("6.6.6.6", "198.51.100.1, 10.244.3.3"))).as("several header lines, trusted hops skipped")
                .isEqualTo("198.51.100.1");
        assertThat(ingress.of("10.244.1.9", List.of("2001:db8::1, [2001:db8::2]:443"))).isEqualTo("2001:db8::2");
        assertThat(ingress.of("10.244.1.9", List.of("198.51.100.1:5555"))).isEqualTo("198.51.100.1");
    }

    @Test
    void garbageEndsTheWalkAtTheHopThatPassedItOn() {
        assertThat(ingress.of("10.244.1.9", List.of("198.51.100.1, not-an-address"))).isEqualTo("10.244.1.9");
        assertThat(ingress.of("10.244.1.9", List.of("not-an-address, 10.244.2.2"))).isEqualTo("10.244.2.2");
    }

    @Test
    void withoutAHeaderOrWithOnlyTrustedHopsThePeerOrLeftmostHopCounts() {
        assertThat(ingress.of("10.244.1.9", List.of())).isEqualTo("10.244.1.9");
        assertThat(ingress.of("10.244.1.9", List.of("10.244.5.5, 10.244.6.6"))).isEqualTo("10.244.5.5");
    }
}
