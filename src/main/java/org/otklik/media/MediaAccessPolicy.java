package org.otklik.media;

import org.otklik.security.Caller;

import io.smallrye.mutiny.Uni;

/**
 * Who may see a photo attached to an incident, decided by the feature that owns incidents (which provides
 * the bean), so that photos follow the incidents' own visibility rules: the author, staff who may see the
 * incident, the client of its channel.
 */
public interface MediaAccessPolicy {

    /** @param role {@link MediaRow#REPORT} (the message's photo) or {@link MediaRow#ANSWER} (an "after" photo) */
    Uni<Boolean> maySee(Caller caller, long incidentId, String role);
}
