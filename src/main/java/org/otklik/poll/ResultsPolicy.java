package org.otklik.poll;

/** When the public may see a poll's results. Admins always may. */
public enum ResultsPolicy {
    LIVE,
    AFTER_CLOSE,
    HIDDEN
}
