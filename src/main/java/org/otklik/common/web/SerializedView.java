package org.otklik.common.web;

import jakarta.ws.rs.core.EntityTag;

/** A view written to JSON once, with the strong entity tag of those bytes, for reads served many times. */
public record SerializedView(byte[] json, EntityTag tag) {
}
