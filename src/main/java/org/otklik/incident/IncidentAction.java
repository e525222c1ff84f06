package org.otklik.incident;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.otklik.security.Roles;

import static org.otklik.incident.IncidentStatus.ANSWERED;
import static org.otklik.incident.IncidentStatus.ASSIGNED;
import static org.otklik.incident.IncidentStatus.IN_PROGRESS;
import static org.otklik.incident.IncidentStatus.NEW;
import static org.otklik.incident.IncidentStatus.REOPENED;

/**
 * What staff may do to an incident, in which statuses, and in which role. The roles here are the owner:
 * each action's endpoint carries them in its {@code @RolesAllowed} (which the contract's security is
 * generated from), and a test holds the two equal.
 */
public enum IncidentAction {
    MODERATION("moderation", EnumSet.of(NEW), Set.of(Roles.OPERATOR)),
    ASSIGNMENT("assignment", EnumSet.of(NEW, ASSIGNED, IN_PROGRESS, REOPENED), Set.of(Roles.OPERATOR, Roles.EXECUTOR)),
    PROGRESS("progress", EnumSet.of(ASSIGNED, REOPENED), Set.of(Roles.OPERATOR, Roles.EXECUTOR)),
    INTERIM_ANSWER("interim-answer", EnumSet.of(ASSIGNED, IN_PROGRESS, REOPENED), Set.of(Roles.OPERATOR, Roles.EXECUTOR),
            Incident::awaitsInterimAnswer),
    ANSWER("answer", EnumSet.of(ASSIGNED, IN_PROGRESS, REOPENED), Set.of(Roles.OPERATOR, Roles.EXECUTOR)),
    MERGE("merge", EnumSet.of(NEW, ASSIGNED, IN_PROGRESS, REOPENED), Set.of(Roles.OPERATOR)),
    NOTES("notes", EnumSet.allOf(IncidentStatus.class), Set.of(Roles.OPERATOR, Roles.EXECUTOR)),
    CLOSE("close", EnumSet.of(ANSWERED), Set.of(Roles.OPERATOR)),
    /** Marking a photo publishable: offered with each photo (its publishable flag), so not among allowedActions. */
    PHOTO_PUBLICATION("photos", EnumSet.complementOf(EnumSet.of(IncidentStatus.REJECTED)), Set.of(Roles.OPERATOR), incident -> false);

    private final String path;
    private final Set<IncidentStatus> from;
    private final Set<String> roles;
    /** A rule of the incident beyond its status, which the state change itself enforces too. */
    private final Predicate<Incident> possible;

    IncidentAction(String path, Set<IncidentStatus> from, Set<String> roles) {
        this(path, from, roles, incident -> true);
    }

    IncidentAction(String path, Set<IncidentStatus> from, Set<String> roles, Predicate<Incident> possible) {
        this.path = path;
        this.from = from;
        this.roles = roles;
        this.possible = possible;
    }

    public String path() {
        return path;
    }

    /** The roles that may take this action. */
    public Set<String> roles() {
        return roles;
    }

    public boolean allowedIn(IncidentStatus status) {
        return from.contains(status);
    }

    public boolean allowedFor(Set<String> callerRoles) {
        return callerRoles.stream().anyMatch(roles::contains);
    }

    /** The actions the caller could take on an incident now, as path names. */
    public static List<String> available(Incident incident, Set<String> callerRoles) {
        List<String> actions = new ArrayList<>();
        for (IncidentAction action : values()) {
            if (action.allowedFor(callerRoles) && action.allowedIn(incident.status) && action.possible.test(incident)) {
                actions.add(action.path);
            }
        }
        return actions;
    }
}
