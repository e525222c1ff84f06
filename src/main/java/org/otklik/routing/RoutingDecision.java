package org.otklik.routing;

/**
 * Where an incident goes. {@code redirectToConfirm} is set when the organisation is outside the
 * city's competence and an operator must confirm the redirect.
 */
public record RoutingDecision(Organization organization, boolean redirectToConfirm) {
}
