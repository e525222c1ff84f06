package org.otklik.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Nothing here resolves a name or connects: addresses are literals or built from bytes. */
class DestinationGuardTest {

    private final DestinationGuard strict = new DestinationGuard(false, Set.of());
    private final DestinationGuard forTests = new DestinationGuard(true, Set.of("Receiver.Local", "127.0.0.1"));

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255",
        "172.16.0.1", "172.31.255.255", "192.168.0.1", "192.168.255.255", "169.254.0.1", "169.254.169.254",
        "100.64.0.1", "100.127.255.255", "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1",
        "192.0.2.1", "198.51.100.7", "203.0.113.9", "198.18.0.1", "198.19.255.255", "192.0.0.8",
        "::1", "::", "fe80::1", "febf::1", "fc00::1", "fd12:3456::1", "fd00:ec2::254", "ff02::1", "fec0::1",
        "2001:db8::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::10.0.0.1",
        "64:ff9b::a9fe:a9fe"
    })
    void internalAndReservedAddressesAreForbidden(String literal) throws UnknownHostException {
        assertThat(DestinationGuard.isForbidden(InetAddress.getByName(literal))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
        "169.253.255.255", "11.0.0.1", "192.169.0.1", "223.255.255.255", "198.17.255.255", "198.20.0.1",
        "2a00:1450:4001:80b::200e", "2606:4700:4700::1111", "fbff::1", "fe7f::1", "::ffff:8.8.8.8",
        "64:ff9b::808:808"
    })
    void publicAddressesAreAllowed(String literal) throws UnknownHostException {
        assertThat(DestinationGuard.isForbidden(InetAddress.getByName(literal))).isFalse();
    }

    @Test
    void ipv4MappedAddressesAreJudgedByTheirIpv4PartEvenAsInet6Address() throws UnknownHostException {
        // InetAddress.getByAddress would turn these bytes into an Inet4Address; Inet6Address keeps them as they are
        byte[] mappedPrivate = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
        byte[] mappedMetadata = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff,
            (byte) 169, (byte) 254, (byte) 169, (byte) 254};
        byte[] mappedPublic = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 8, 8, 8, 8};

        assertThat(DestinationGuard.isForbidden(Inet6Address.getByAddress(null, mappedPrivate, -1))).isTrue();
        assertThat(DestinationGuard.isForbidden(Inet6Address.getByAddress(null, mappedMetadata, -1))).isTrue();
        assertThat(DestinationGuard.isForbidden(Inet6Address.getByAddress(null, mappedPublic, -1))).isFalse();
    }

    @Test
    void addressesBuiltFromBytesAreJudgedLikeLiterals() throws UnknownHostException {
        assertThat(DestinationGuard.isForbidden(InetAddress.getByAddress(new byte[] {(byte) 192, (byte) 168, 1, 1})))
                .isTrue();
        assertThat(DestinationGuard.isForbidden(InetAddress.getByAddress(new byte[] {8, 8, 4, 4}))).isFalse();
    }

    @Test
    void aPublicHttpsUrlPasses() {
        assertThatCode(() -> strict.checkUrl(URI.create("https://hooks.example.org:8443/otklik?x=1")))
                .doesNotThrowAnyException();
    }

    @Test
    void aRelativeUrlIsRefused() {
        assertRefused(strict, "/hooks/otklik", "absolute");
        assertRefused(strict, "//hooks.example.org/x", "absolute");
    }

    @Test
    void onlyHttpsUnlessHttpIsAllowed() {
        assertRefused(strict, "http://hooks.example.org/x", "https");
        assertRefused(strict, "ftp://hooks.example.org/x", "https");
        assertRefused(forTests, "ftp://hooks.example.org/x", "http");
        assertRefused(strict, "file:///etc/passwd", "https");
        assertThatCode(() -> forTests.checkUrl(URI.create("http://hooks.example.org/x"))).doesNotThrowAnyException();
        assertThatCode(() -> strict.checkUrl(URI.create("HTTPS://hooks.example.org/x"))).doesNotThrowAnyException();
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        assertRefused(strict, "https://user:secret@hooks.example.org/x", "user name or password");
        assertRefused(strict, "https://user@hooks.example.org/x", "user name or password");
    }

    @Test
    void aUrlWithoutAHostIsRefused() {
        assertRefused(strict, "https:///x", "no host");
        assertRefused(strict, "https://under_score.example/x", "no host");
        assertRefused(strict, "mailto:ops@example.org", "https");
    }

    @Test
    void aForbiddenLiteralAddressInTheUrlIsRefusedAtOnce() {
        assertRefused(strict, "https://127.0.0.1/x", "127.0.0.1");
        assertRefused(strict, "https://169.254.169.254/latest/meta-data", "169.254.169.254");
        assertRefused(strict, "https://[::1]:8443/x", "internal");
        assertRefused(strict, "https://[::ffff:10.0.0.1]/x", "internal");
        assertRefused(strict, "https://[fd00:ec2::254]/x", "internal");
        assertThatCode(() -> strict.checkUrl(URI.create("https://8.8.8.8/x"))).doesNotThrowAnyException();
        assertThatCode(() -> strict.checkUrl(URI.create("https://[2606:4700:4700::1111]/x")))
                .doesNotThrowAnyException();
    }

    @Test
    void allowListedHostsPassTheAddressChecksButNotTheSchemeOrCredentialChecks() {
        assertThatCode(() -> forTests.checkUrl(URI.create("http://127.0.0.1:8089/hook"))).doesNotThrowAnyException();
        assertThatCode(() -> forTests.checkUrl(URI.create("http://receiver.local./hook"))).doesNotThrowAnyException();
        assertRefused(forTests, "http://u:p@receiver.local/hook", "user name or password");
        DestinationGuard httpsOnly = new DestinationGuard(false, Set.of("receiver.local"));
        assertRefused(httpsOnly, "http://receiver.local/hook", "https");
    }

    @Test
    void aHostResolvingToAnyForbiddenAddressIsRefused() throws UnknownHostException {
        List<InetAddress> resolved = List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3"));

        assertThatThrownBy(() -> strict.checkAddresses("rebind.example.org", resolved))
                .isInstanceOf(UnsafeDestinationException.class)
                .hasMessageContaining("rebind.example.org")
                .hasMessageContaining("10.1.2.3");
    }

    @Test
    void aHostResolvingOnlyToPublicAddressesPasses() throws UnknownHostException {
        List<InetAddress> resolved = List.of(InetAddress.getByName("93.184.216.34"),
                InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946"));

        assertThatCode(() -> strict.checkAddresses("example.org", resolved)).doesNotThrowAnyException();
    }

    @Test
    void aHostWithoutAddressesIsRefused() {
        assertThatThrownBy(() -> strict.checkAddresses("nowhere.example.org", List.of()))
                .isInstanceOf(UnsafeDestinationException.class);
    }

    @Test
    void anAllowListedHostMayResolveToInternalAddresses() throws UnknownHostException {
        List<InetAddress> loopback = List.of(InetAddress.getByName("127.0.0.1"));

        assertThatCode(() -> forTests.checkAddresses("RECEIVER.local", loopback)).doesNotThrowAnyException();
        assertThatThrownBy(() -> forTests.checkAddresses("other.local", loopback))
                .isInstanceOf(UnsafeDestinationException.class);
    }

    private static void assertRefused(DestinationGuard guard, String url, String reason) {
        assertThatThrownBy(() -> guard.checkUrl(URI.create(url)))
                .as(url)
                .isInstanceOf(UnsafeDestinationException.class)
                .hasMessageContaining(reason);
    }
}
