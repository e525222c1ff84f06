package org.otklik.delivery;

import java.time.Duration;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/** Keeps a relay's leases on the rows it has in flight: renews them every period until cancelled. */
public final class LeaseRenewals {

    private static final Logger LOG = Logger.getLogger(LeaseRenewals.class);

    private LeaseRenewals() {
    }

    /** @param renew renews the leases still held; a failed renewal is logged and the next tick tries again */
    public static Cancellable every(Duration period, Supplier<Uni<Integer>> renew) {
        return Multi.createFrom().ticks().startingAfter(period).every(period)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> renew.get().onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Renewing delivery leases failed: %s", failure.toString());
                    return 0;
                }))
                .subscribe().with(renewed -> { });
    }
}
