package org.otklik.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signed access tokens as Keycloak would issue them, signed with the key that the WireMock OIDC
 * server of {@code quarkus-test-oidc-server} publishes.
 */
public final class TestTokens {

    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "otklik-api";

    private TestTokens() {
    }

    /** A token builder with issuer, audience, subject, realm roles and a five-minute lifetime. */
    public static JwtClaimsBuilder claims(String subject, String... realmRoles) {
        return Jwt.claims()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plus(Duration.ofMinutes(5)))
                .claim("realm_access", Map.of("roles", List.of(realmRoles)));
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("1").sign();
    }

    public static String citizen(String subject) {
        return sign(claims(subject, "citizen", "default-roles-otklik")
                .claim("azp", "otklik-widget")
                .claim("district", "leninsky")
                .claim("birthdate", "1990-05-17"));
    }

    public static String operator() {
        return sign(claims("operator-1", "operator").claim("azp", "otklik-staff"));
    }

    public static String executor(String organization) {
        return sign(claims("executor-" + organization, "executor").claim("azp", "otklik-staff")
                .claim("org", organization));
    }

    public static String analyst() {
        return sign(claims("analyst-1", "analyst").claim("azp", "otklik-staff"));
    }

    public static String admin() {
        return sign(claims("admin-1", "admin").claim("azp", "otklik-staff"));
    }

    public static String integration(String client) {
        return sign(claims("service-account-" + client, "integration").claim("azp", client));
    }

    /** A token of the given role with the claims typical of it. */
    public static String forRole(String role) {
        return switch (role) {
            case "citizen" -> citizen("citizen-1");
            case "operator" -> operator();
            case "executor" -> executor("adm.leninsky");
            case "analyst" -> analyst();
            case "admin" -> admin();
            case "integration" -> integration("gosuslugi-pos");
            default -> throw new IllegalArgumentException(role);
        };
    }
}
