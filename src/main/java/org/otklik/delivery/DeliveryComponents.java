package org.otklik.delivery;

import java.util.Random;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The delivery building blocks, configured. */
public class DeliveryComponents {

    @Produces
    @Singleton
    DestinationGuard destinationGuard(DeliveryConfig config) {
        return new DestinationGuard(config.allowHttp(), config.allowedHosts().orElse(Set.of()));
    }

    @Produces
    @Singleton
    RetryPolicy retryPolicy(DeliveryConfig config) {
        return new RetryPolicy(config.retrySchedule(), new Random());
    }

    @Produces
    @Singleton
    CircuitBreakers circuitBreakers(DeliveryConfig config) {
        return new CircuitBreakers(config.circuitFailureThreshold(), config.circuitOpenFor());
    }
}
