package org.otklik.testsupport;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Starts the WireMock OIDC server once for the whole test run (a {@link QuarkusTestResource}
 * on any class applies to every {@code @QuarkusTest}).
 */
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class OidcServer {

    private OidcServer() {
    }
}
