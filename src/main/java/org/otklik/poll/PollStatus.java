package org.otklik.poll;

/** The lifecycle an admin drives. Whether a published poll is open is a matter of time: see {@link PollState}. */
public enum PollStatus {
    DRAFT,
    PUBLISHED,
    CLOSED,
    ARCHIVED
}
