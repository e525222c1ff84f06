package org.otklik.poll.tally;

import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.unchecked.Unchecked;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * CPU-heavy work of the polls (unsealing and shuffling ballots by the thousand) run on a worker
 * thread, so that opening or counting a big poll never holds an event loop. On a Vert.x context the
 * result comes back on that context, where the caller's SQL connection lives.
 */
@ApplicationScoped
class OffEventLoop {

    <T> Uni<T> run(Callable<T> work) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Uni.createFrom().item(Unchecked.supplier(work::call)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return Uni.createFrom().completionStage(() -> context.executeBlocking(work, false).toCompletionStage());
    }
}
