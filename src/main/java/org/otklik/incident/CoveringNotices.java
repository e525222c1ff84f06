package org.otklik.incident;

import java.util.List;

import org.otklik.routing.ReferenceSnapshot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The city notices that cover an incoming message. Intake asks for them while registering a message;
 * the notice feature answers (so that incident does not depend on notice).
 */
public interface CoveringNotices {

    /** Links a registered incident to every running notice covering it, in the intake's pool transaction. */
    Uni<List<NoticeRef>> link(SqlConnection transaction, ReferenceSnapshot reference, long incidentId, String categoryCode);

    /** The notices an incident was linked to, in the intake's pool transaction. */
    Uni<List<NoticeRef>> linkedTo(SqlConnection transaction, long incidentId);
}
