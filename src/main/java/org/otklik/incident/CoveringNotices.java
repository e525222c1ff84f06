package org.otklik.incident;

import java.util.List;

import org.otklik.routing.ReferenceSnapshot;

import io.smallrye.mutiny.Uni;

/**
 * The city notices that cover an incoming message. Intake asks for them while registering a message;
 * the notice feature answers (so that incident does not depend on notice).
 */
public interface CoveringNotices {

    /** Links a registered (and flushed) incident to every running notice covering it, in the intake's transaction. */
    Uni<Void> link(ReferenceSnapshot reference, long incidentId, String categoryCode);

    /** The notices an incident was linked to. */
    Uni<List<NoticeRef>> linkedTo(long incidentId);
}
