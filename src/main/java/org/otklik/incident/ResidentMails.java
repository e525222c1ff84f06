package org.otklik.incident;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Mails to the resident about their own incident, written in the transaction of the change that causes them.
 * Implemented by the notify feature, which decides whether a change is mailed and to whom.
 */
public interface ResidentMails {

    /** In a pool transaction (the intake's or the workflow's). */
    Uni<Void> changed(SqlConnection transaction, IncidentUpdate update);

    /** The supporters' mails of a change, in a pool transaction (the workflow's). */
    Uni<Void> supportersOf(SqlConnection transaction, IncidentUpdate update);
}
