package org.otklik.testsupport;

import java.time.Duration;
import java.util.Optional;

/**
 * Waits for a condition instead of for a fixed time: checks it at once, then every {@link #EVERY}
 * until it holds or the deadline passes, and fails naming what did not happen.
 */
public final class Await {

    /** How often a condition is checked again. */
    public static final Duration EVERY = Duration.ofMillis(25);

    /** A check that may do work of its own (a relay round, a query) each time it is asked. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Throwable;
    }

    /** A look-up that finds its value, or not yet. */
    @FunctionalInterface
    public interface Probe<T> {
        Optional<T> find() throws Throwable;
    }

    private Await() {
    }

    /** @throws AssertionError when {@code condition} does not hold within {@code within} */
    public static void until(String what, Duration within, Condition condition) {
        find(what, within, () -> condition.holds() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** The first value {@code probe} finds within {@code within}. */
    public static <T> T find(String what, Duration within, Probe<T> probe) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Optional<T> found;
            try {
                found = probe.find();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("while waiting for " + what, e);
            }
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError(what + " did not happen within " + within.toMillis() + " ms");
            }
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
