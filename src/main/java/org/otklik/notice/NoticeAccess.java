package org.otklik.notice;

import java.util.Optional;

import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;
import org.otklik.security.Caller;
import org.otklik.security.Roles;

/** Operators and admins manage every notice; an executor its own organisation's, and no other exists for it. */
final class NoticeAccess {

    private NoticeAccess() {
    }

    /** The organisation an executor is confined to; empty for operators and admins. */
    static Optional<String> confinedOrganization(Caller caller) {
        if (caller.hasRole(Roles.OPERATOR) || caller.hasRole(Roles.ADMIN)) {
            return Optional.empty();
        }
        if (caller.hasRole(Roles.EXECUTOR)) {
            return Optional.of(caller.organization().orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                    "Your account belongs to no organisation; ask an administrator to set the org attribute.")));
        }
        throw new ProblemException(ProblemType.FORBIDDEN, "Your role does not allow managing notices.");
    }

    static Notice visible(Caller caller, Notice notice, long id) {
        Optional<String> confined = confinedOrganization(caller);
        if (notice == null || (confined.isPresent() && !confined.get().equals(notice.organizationCode))) {
            throw ProblemException.notFound("No notice " + id + " is visible to you.");
        }
        return notice;
    }
}
