package org.otklik.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.otklik.delivery.DeliveryRelay;

import io.quarkus.vertx.VertxContextSupport;

/** Runs delivery relay rounds (the scheduled relay is off in tests) until what a test waits for has arrived. */
public final class DeliveryRounds {

    /** Long enough for the tests' retry schedule (10 ms steps) and for a 2 s lease to run out. */
    public static final Duration WITHIN = Duration.ofSeconds(15);

    private DeliveryRounds() {
    }

    public static void until(DeliveryRelay relay, String what, BooleanSupplier arrived) {
        Await.until(what, WITHIN, () -> {
            if (arrived.getAsBoolean()) {
                return true;
            }
            VertxContextSupport.subscribeAndAwait(relay::runOnce);
            return arrived.getAsBoolean();
        });
    }
}
