package org.otklik.delivery;

import java.util.Set;

/**
 * The outbox event types a feature emits, which webhook subscribers may subscribe to. A feature that
 * emits events provides a bean of this type, so that its event types are declared where they arise.
 */
public interface DeliveredEvents {

    Set<String> types();
}
