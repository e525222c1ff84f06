package org.otklik.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.otklik.common.AddressRange;

/** One case per row of the table: its first and last address are refused, the addresses around it are not refused by it. */
class RefusedRangesTest {

    static Stream<RefusedRanges.Refused> table() {
        return RefusedRanges.TABLE.stream();
    }

    @ParameterizedTest
    @MethodSource("table")
    void everyAddressOfARefusedBlockIsRefused(RefusedRanges.Refused refused) throws Exception {
        AddressRange range = refused.range();
        byte[] first = range.network().clone();
        byte[] last = range.network().clone();
        for (int bit = range.prefix(); bit < last.length * 8; bit++) {
            last[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        for (byte[] inside : new byte[][] { first, last }) {
            InetAddress address = InetAddress.getByAddress(inside);
            assertThat(RefusedRanges.refusing(inside)).as(address.getHostAddress() + " in " + range).isPresent();
            assertThat(DestinationGuard.isForbidden(address)).as(address.getHostAddress()).isTrue();
        }
        byte[] before = step(first, -1);
        if (before != null) {
            assertThat(RefusedRanges.refusing(before).map(RefusedRanges.Refused::range))
                    .as("the address before " + range).isNotEqualTo(java.util.Optional.of(range));
        }
        byte[] after = step(last, +1);
        if (after != null) {
            assertThat(RefusedRanges.refusing(after).map(RefusedRanges.Refused::range))
                    .as("the address after " + range).isNotEqualTo(java.util.Optional.of(range));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "2002::1", "2002:a9fe:a9fe::1", "2002:0808:0808::1", "64:ff9b:1::1", "64:ff9b:1:ffff::a00:1",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2" })
    void tunnelsAndLocalNat64AreRefusedWhateverTheyEmbed(String literal) {
        DestinationGuard strict = new DestinationGuard(false, Set.of());
        assertThatThrownBy(() -> strict.checkUrl(URI.create("https://[" + literal + "]/hook")))
                .isInstanceOf(UnsafeDestinationException.class)
                .hasMessageContaining("internal or reserved address");
    }

    @Test
    void theWellKnownNat64PrefixIsJudgedByTheIpv4AddressItCarries() throws Exception {
        assertThat(DestinationGuard.isForbidden(InetAddress.getByName("64:ff9b::a00:1"))).isTrue();
        assertThat(DestinationGuard.isForbidden(InetAddress.getByName("64:ff9b::808:808"))).isFalse();
        assertThat(DestinationGuard.isForbidden(InetAddress.getByName("64:ff9c::1"))).isFalse();
    }

    /** The neighbouring address, or null past either end of the address space. */
    private static byte[] step(byte[] address, int delta) {
        byte[] next = address.clone();
        for (int i = next.length - 1; i >= 0; i--) {
            int value = (next[i] & 0xff) + delta;
            next[i] = (byte) value;
            if (value >= 0 && value <= 0xff) {
                return next;
            }
        }
        return null;
    }
}
