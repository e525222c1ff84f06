package org.otklik.routing;

public enum OrganizationKind {
    CENTRE,
    DISTRICT_ADMINISTRATION,
    DEPARTMENT,
    UTILITY,
    /** Outside the city's competence: incidents routed here are answered NOT_RESPONSIBLE. */
    EXTERNAL
}
