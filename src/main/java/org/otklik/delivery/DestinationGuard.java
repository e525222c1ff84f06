package org.otklik.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps deliveries away from the platform's own network: only https URLs (http when configured, for tests),
 * and no host that resolves to a loopback, private, link-local, metadata or similar address unless the host
 * name is allow-listed.
 */
public class DestinationGuard {

    private final boolean allowHttp;
    private final Set<String> allowedHosts;

    public DestinationGuard(boolean allowHttp, Set<String> allowedHosts) {
        this.allowHttp = allowHttp;
        this.allowedHosts = allowedHosts.stream()
                .map(DestinationGuard::normalizeHost)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Checks what can be told from the URL alone; the resolved addresses are checked by {@link #checkAddresses}. */
    public void checkUrl(URI url) {
        if (url == null || !url.isAbsolute()) {
            throw new UnsafeDestinationException("the URL must be absolute");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new UnsafeDestinationException(allowHttp
                    ? "the URL must use https or http"
                    : "the URL must use https");
        }
        if (url.getRawUserInfo() != null) {
            throw new UnsafeDestinationException("the URL must not carry a user name or password");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new UnsafeDestinationException("the URL has no host");
        }
        if (isAllowListed(host)) {
            return;
        }
        InetAddress literal = literalAddress(host);
        if (literal != null && isForbidden(literal)) {
            throw forbidden(host, literal);
        }
    }

    /** Called with what the host resolved to, right before connecting, so a DNS answer cannot slip past. */
    public void checkAddresses(String host, List<InetAddress> resolved) {
        if (isAllowListed(host)) {
            return;
        }
        if (resolved.isEmpty()) {
            throw new UnsafeDestinationException("the host " + host + " has no address");
        }
        for (InetAddress address : resolved) {
            if (isForbidden(address)) {
                throw forbidden(host, address);
            }
        }
    }

    public static boolean isForbidden(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isForbiddenV4(b);
        }
        if (address instanceof Inet6Address) {
            return isForbiddenV6(b);
        }
        return true;
    }

    private static boolean isForbiddenV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0                                       // 0.0.0.0/8 "this network"
                || first == 10                                  // 10/8
                || first == 127                                 // 127/8
                || (first == 100 && (second & 0xc0) == 64)      // 100.64/10 carrier-grade NAT
                || (first == 169 && second == 254)              // 169.254/16, includes the metadata 169.254.169.254
                || (first == 172 && (second & 0xf0) == 16)      // 172.16/12
                || (first == 192 && second == 168)              // 192.168/16
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0)  // 192.0.0/24 protocol assignments
                || (first == 192 && second == 0 && (b[2] & 0xff) == 2)   // 192.0.2/24 TEST-NET-1
                || (first == 198 && (second & 0xfe) == 18)      // 198.18/15 benchmarking
                || (first == 198 && second == 51 && (b[2] & 0xff) == 100) // TEST-NET-2
                || (first == 203 && second == 0 && (b[2] & 0xff) == 113)  // TEST-NET-3
                || first >= 224;                                // multicast, reserved 240/4 and broadcast
    }

    private static boolean isForbiddenV6(byte[] b) {
        if (isIpv4Mapped(b) || isIpv4Compatible(b) || isNat64(b)) {
            byte[] v4 = {b[12], b[13], b[14], b[15]};
            return isForbiddenV4(v4);
        }
        int first = b[0] & 0xff;
        return (first & 0xfe) == 0xfc                          // fc00::/7 unique-local, includes metadata fd00:ec2::254
                || (first == 0xfe && (b[1] & 0xc0) == 0x80)    // fe80::/10 link-local
                || (first == 0xfe && (b[1] & 0xc0) == 0xc0)    // fec0::/10 deprecated site-local
                || first == 0xff                               // multicast
                || (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8); // 2001:db8::/32
    }

    /** ::ffff:a.b.c.d — Java usually turns these into Inet4Address already, but not when built from 16 bytes by hand. */
    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** The deprecated ::a.b.c.d form; also covers :: and ::1, which land in 0.0.0.0/8. */
    private static boolean isIpv4Compatible(byte[] b) {
        for (int i = 0; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** 64:ff9b::/96, the well-known NAT64 prefix that translates to the embedded IPv4 address. */
    private static boolean isNat64(byte[] b) {
        if (b[0] != 0 || (b[1] & 0xff) != 0x64 || (b[2] & 0xff) != 0xff || (b[3] & 0xff) != 0x9b) {
            return false;
        }
        for (int i = 4; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private boolean isAllowListed(String host) {
        return host != null && allowedHosts.contains(normalizeHost(host));
    }

    private static String normalizeHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** The address written in the URL itself, parsed without any DNS lookup; null for a host name. */
    private static InetAddress literalAddress(String host) {
        String h = normalizeHost(host);
        try {
            if (h.contains(":")) {
                // in brackets, getByName parses an IPv6 literal and never falls back to DNS
                return InetAddress.getByName("[" + h + "]");
            }
            if (h.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                byte[] octets = new byte[4];
                String[] parts = h.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) {
                        throw new UnknownHostException(h);
                    }
                    octets[i] = (byte) octet;
                }
                return InetAddress.getByAddress(octets);
            }
        } catch (UnknownHostException e) {
            throw new UnsafeDestinationException("the host " + host + " is not a valid address");
        }
        return null;
    }

    private static UnsafeDestinationException forbidden(String host, InetAddress address) {
        return new UnsafeDestinationException("the host " + host + " points to " + address.getHostAddress()
                + ", an internal or reserved address; ask an administrator to allow-list it if it is intended");
    }
}
