package org.otklik.stats;

/** No report slot became free within the bounded wait. */
public class ReportsBusyException extends RuntimeException {

    private final long retryAfterSeconds;

    public ReportsBusyException(long retryAfterSeconds) {
        super("All report slots are taken; try again in " + retryAfterSeconds + " s.", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
