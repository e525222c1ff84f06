package org.otklik.poll.definition;

/** When the public may see a poll's results. Admins always may. */
public enum ResultsPolicy {
    LIVE,
    AFTER_CLOSE,
    HIDDEN
}
