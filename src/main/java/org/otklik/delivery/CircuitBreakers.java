package org.otklik.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit per destination (for example {@code https://host:port}), so that a dead endpoint costs one
 * trial per {@link #openFor} instead of a timeout for every delivery to it.
 * <p>
 * Closed: everything passes. After {@code failureThreshold} consecutive failures the circuit opens and nothing
 * passes for {@code openFor}. Then it is half-open: one trial passes; its success closes the circuit, its
 * failure opens it again. A trial that never reports (its sender crashed) is given up after another
 * {@code openFor}, and the next caller gets the trial, so a lost report cannot block a destination forever.
 */
public class CircuitBreakers {

    /** Only failing destinations have an entry; {@code openUntil} is null while the circuit is closed. */
    private record Circuit(int consecutiveFailures, Instant openUntil) {
    }

    private final int failureThreshold;
    private final Duration openFor;
    private final ConcurrentHashMap<String, Circuit> circuits = new ConcurrentHashMap<>();

    public CircuitBreakers(int failureThreshold, Duration openFor) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        if (openFor.isNegative() || openFor.isZero()) {
            throw new IllegalArgumentException("openFor must be positive");
        }
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
    }

    public boolean allows(String key, Instant now) {
        boolean[] allowed = {false};
        circuits.compute(key, (k, circuit) -> {
            if (circuit == null || circuit.openUntil() == null) {
                allowed[0] = true;
                return circuit;
            }
            if (now.isBefore(circuit.openUntil())) {
                return circuit;
            }
            allowed[0] = true;
            // the trial holds the circuit open until it reports or until its own openFor runs out
            return new Circuit(circuit.consecutiveFailures(), now.plus(openFor));
        });
        return allowed[0];
    }

    public void recordSuccess(String key) {
        circuits.remove(key);
    }

    public void recordFailure(String key, Instant now) {
        circuits.compute(key, (k, circuit) -> {
            int failures = circuit == null ? 1 : circuit.consecutiveFailures() + 1;
            boolean wasOpen = circuit != null && circuit.openUntil() != null;
            return wasOpen || failures >= failureThreshold
                    ? new Circuit(failures, now.plus(openFor))
                    : new Circuit(failures, null);
        });
    }
}
