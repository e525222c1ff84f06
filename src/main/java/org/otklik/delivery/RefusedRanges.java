package org.otklik.delivery;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.otklik.common.AddressRange;

/**
 * The one table of address blocks a delivery never goes to (unless its host is allow-listed): the
 * platform's own networks, metadata services and everything reserved. IPv6 forms that carry an IPv4
 * address (mapped, compatible, the well-known NAT64 prefix) are judged by that address.
 */
public final class RefusedRanges {

    /** A refused block and why. */
    public record Refused(AddressRange range, String what) {
    }

    /** A block whose last 32 bits are an IPv4 address that decides. */
    private record Embedding(AddressRange range, String what) {
    }

    public static final List<Refused> TABLE = List.of(
            refused("0.0.0.0/8", "this network"),
            refused("10.0.0.0/8", "private (RFC 1918)"),
            refused("100.64.0.0/10", "carrier-grade NAT"),
            refused("127.0.0.0/8", "loopback"),
            refused("169.254.0.0/16", "link-local, includes the metadata service 169.254.169.254"),
            refused("172.16.0.0/12", "private (RFC 1918)"),
            refused("192.0.0.0/24", "IETF protocol assignments"),
            refused("192.0.2.0/24", "TEST-NET-1"),
            refused("192.168.0.0/16", "private (RFC 1918)"),
            refused("198.18.0.0/15", "benchmarking"),
            refused("198.51.100.0/24", "TEST-NET-2"),
            refused("203.0.113.0/24", "TEST-NET-3"),
            refused("224.0.0.0/4", "multicast"),
            refused("240.0.0.0/4", "reserved and broadcast"),
            refused("::/128", "unspecified"),
            refused("::1/128", "loopback"),
            refused("64:ff9b:1::/48", "local-use NAT64 (RFC 8215): translates into the operator's own networks"),
            refused("2001::/32", "Teredo: tunnels to an IPv4 address"),
            refused("2001:db8::/32", "documentation"),
            refused("2002::/16", "6to4: tunnels to the IPv4 address it embeds"),
            refused("fc00::/7", "unique-local, includes the metadata service fd00:ec2::254"),
            refused("fe80::/10", "link-local"),
            refused("fec0::/10", "deprecated site-local"),
            refused("ff00::/8", "multicast"));

    private static final List<Embedding> EMBEDDINGS = List.of(
            new Embedding(AddressRange.parse("::ffff:0:0/96"), "IPv4-mapped"),
            new Embedding(AddressRange.parse("::/96"), "IPv4-compatible (deprecated)"),
            new Embedding(AddressRange.parse("64:ff9b::/96"), "well-known NAT64 prefix"));

    private RefusedRanges() {
    }

    private static Refused refused(String cidr, String what) {
        return new Refused(AddressRange.parse(cidr), what);
    }

    /** The refused block that holds the address (or the IPv4 address it embeds), if any. */
    public static Optional<Refused> refusing(InetAddress address) {
        return refusing(address.getAddress());
    }

    static Optional<Refused> refusing(byte[] address) {
        for (Refused refused : TABLE) {
            if (refused.range().contains(address)) {
                return Optional.of(refused);
            }
        }
        if (address.length == 16) {
            for (Embedding embedding : EMBEDDINGS) {
                if (embedding.range().contains(address)) {
                    byte[] v4 = { address[12], address[13], address[14], address[15] };
                    return refusing(v4);
                }
            }
        }
        return Optional.empty();
    }
}
