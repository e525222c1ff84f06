package org.otklik.security;

/** Where a message came from, and where its answer goes back to. */
public enum Channel {
    WIDGET,
    MOBILE,
    GOSUSLUGI,
    SOCIAL,
    /** Open311 GeoReport v2 clients (FixMyStreet and other apps) holding an API key. */
    OPEN311
}
