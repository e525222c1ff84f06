package org.otklik.common.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.otklik.common.AddressRange;

/**
 * Who an anonymous caller is, for its quota: the peer of the connection, unless that peer is one of the
 * trusted proxies (the ingress controller); then X-Forwarded-For is read from the right, each trusted hop
 * skipped, and the first address a trusted hop did not vouch for is the client. Whatever a client writes
 * into the header itself lies left of that and is never read. A hop that is not an address ends the walk
 * at the trusted hop that passed it on.
 */
public final class ClientAddress {

    private final List<AddressRange> trustedProxies;

    public ClientAddress(List<AddressRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    public static ClientAddress trusting(List<String> cidrs) {
        return new ClientAddress(cidrs.stream().filter(cidr -> !cidr.isBlank()).map(AddressRange::parse).toList());
    }

    /**
     * @param peer the connection's remote address
     * @param forwardedFor every X-Forwarded-For header line, in order (each may hold a comma list)
     */
    public String of(String peer, List<String> forwardedFor) {
        if (peer == null || !isTrusted(peer) || forwardedFor == null || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String line : forwardedFor) {
            for (String hop : line.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        String vouchedBy = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<String> hop = address(hops.get(i));
            if (hop.isEmpty()) {
                return vouchedBy;
            }
            if (!isTrusted(hop.get())) {
                return hop.get();
            }
            vouchedBy = hop.get();
        }
        return vouchedBy;
    }

    private boolean isTrusted(String address) {
        Optional<byte[]> bytes = AddressRange.literal(address);
        return bytes.isPresent() && trustedProxies.stream().anyMatch(range -> range.contains(bytes.get()));
    }

    /** An address as a hop may write it: bare, in brackets, or with a port. */
    private static Optional<String> address(String hop) {
        String value = hop;
        if (value.startsWith("[") && value.contains("]")) {
            value = value.substring(1, value.indexOf(']'));
        } else if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            value = value.substring(0, value.indexOf(':'));
        }
        String candidate = value;
        return AddressRange.literal(candidate).map(bytes -> candidate);
    }
}
