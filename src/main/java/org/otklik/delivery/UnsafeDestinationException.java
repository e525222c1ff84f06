package org.otklik.delivery;

/** A delivery destination that must not be called; the message says why, for the admin who entered it. */
public class UnsafeDestinationException extends RuntimeException {

    public UnsafeDestinationException(String reason) {
        super(reason);
    }
}
