package org.otklik.common;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * An address block in CIDR notation ({@code 10.0.0.0/8}, {@code 2002::/16}; a bare address is its own
 * block). Parsed without any DNS lookup. An IPv4 block never contains an IPv6 address and the reverse:
 * IPv6 forms that embed an IPv4 address are for the caller to unwrap.
 */
public record AddressRange(String cidr, byte[] network, int prefix) {

    public static AddressRange parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        byte[] network = literal(host).orElseThrow(() -> new IllegalArgumentException(cidr + " is not an address or CIDR block"));
        int prefix;
        try {
            prefix = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(cidr + " has no valid prefix length", e);
        }
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException(cidr + ": the prefix length is out of range");
        }
        return new AddressRange(text.toLowerCase(Locale.ROOT), network, prefix);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }

    /** The bytes of an IPv4 (dotted quad) or IPv6 literal, empty for anything else (a host name is never looked up). */
    public static java.util.Optional<byte[]> literal(String host) {
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        try {
            if (h.contains(":")) {
                if (!h.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?")) {
                    return java.util.Optional.empty();
                }
                // in brackets, getByName parses an IPv6 literal and never falls back to DNS
                InetAddress address = InetAddress.getByName("[" + h + "]");
                byte[] bytes = address.getAddress();
                return java.util.Optional.of(address instanceof Inet4Address ? mapped(bytes) : bytes);
            }
            if (h.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                byte[] octets = new byte[4];
                String[] parts = h.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) {
                        return java.util.Optional.empty();
                    }
                    octets[i] = (byte) octet;
                }
                return java.util.Optional.of(octets);
            }
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    /** Java turns {@code ::ffff:a.b.c.d} into an IPv4 address; the literal was IPv6, so it stays 16 bytes. */
    private static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && range.cidr.equals(cidr);
    }

    @Override
    public int hashCode() {
        return cidr.hashCode();
    }

    @Override
    public String toString() {
        return cidr;
    }
}
