package org.otklik.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.otklik.common.AddressRange;

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

    /** True when the address lies in one of the {@link RefusedRanges}. */
    public static boolean isForbidden(InetAddress address) {
        return RefusedRanges.refusing(address).isPresent();
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
        if (!h.contains(":") && !h.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        byte[] bytes = AddressRange.literal(h)
                .orElseThrow(() -> new UnsafeDestinationException("the host " + host + " is not a valid address"));
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new UnsafeDestinationException("the host " + host + " is not a valid address");
        }
    }

    private static UnsafeDestinationException forbidden(String host, InetAddress address) {
        String what = RefusedRanges.refusing(address).map(r -> " (" + r.range() + ", " + r.what() + ")").orElse("");
        return new UnsafeDestinationException("the host " + host + " points to " + address.getHostAddress()
                + ", an internal or reserved address" + what + "; ask an administrator to allow-list it if it is intended");
    }
}
