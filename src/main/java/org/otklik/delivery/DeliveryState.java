package org.otklik.delivery;

/**
 * The states of a row of {@code outbox_delivery}, stored by name: waiting (or leased) to be sent, sent,
 * given up, cancelled. The admin filter's enumeration in the contract lists the same names.
 */
public enum DeliveryState {
    PENDING,
    DELIVERED,
    DEAD,
    CANCELLED
}
