package org.otklik.common.ratelimit;

/** Whom a quota belongs to: an address for anonymous calls, a person, or an integration client. */
public record RateLimitScope(Kind kind, String value) {

    public enum Kind {
        ADDRESS,
        SUBJECT,
        CLIENT
    }

    public String key() {
        return kind.name() + ':' + value;
    }
}
