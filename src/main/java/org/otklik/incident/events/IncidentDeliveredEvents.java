package org.otklik.incident.events;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.delivery.DeliveredEvents;
import org.otklik.incident.IncidentEventType;

/** The incident events webhook subscribers may subscribe to: those {@link IncidentEventType} delivers. */
@ApplicationScoped
public class IncidentDeliveredEvents implements DeliveredEvents {

    @Override
    public Set<String> types() {
        return IncidentEventType.deliveryTypes();
    }
}
