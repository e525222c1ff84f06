package org.otklik.incident;

import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;
import org.otklik.security.Caller;
import org.otklik.security.Roles;

/** Which incidents a staff member may see: operators all, executors their organisation's. */
public final class StaffAccess {

    private StaffAccess() {
    }

    /** The organisation an executor is confined to, or null for operators. */
    public static String confinedOrganization(Caller caller) {
        if (caller.hasRole(Roles.OPERATOR)) {
            return null;
        }
        if (caller.hasRole(Roles.EXECUTOR)) {
            return caller.organization().orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                    "Your account belongs to no organisation; ask an administrator to set the org attribute."));
        }
        throw new ProblemException(ProblemType.FORBIDDEN, "Your role does not allow this operation.");
    }

    /** Another organisation's incident is not found rather than forbidden. */
    public static Incident visible(Caller caller, Incident incident, String number) {
        String confined = confinedOrganization(caller);
        if (incident == null || (confined != null && !confined.equals(incident.organizationCode))) {
            throw ProblemException.notFound("No incident numbered " + number + " is visible to you.");
        }
        return incident;
    }

    static String roleOf(Caller caller) {
        return caller.hasRole(Roles.OPERATOR) ? Roles.OPERATOR : Roles.EXECUTOR;
    }
}
