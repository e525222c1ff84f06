package org.otklik.incident;

/**
 * A state change that the incident's current state forbids; the workflow answers it with 409 naming
 * the incident's status and the actions the caller could take instead.
 */
class IncidentConflict extends RuntimeException {

    IncidentConflict(String detail) {
        super(detail, null, false, false);
    }
}
