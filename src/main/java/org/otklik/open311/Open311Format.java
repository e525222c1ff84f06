package org.otklik.open311;

import java.util.Optional;

/** The suffix of every Open311 resource: {@code .json} or {@code .xml}. */
public enum Open311Format {
    JSON("application/json; charset=utf-8"),
    XML("text/xml; charset=utf-8");

    private final String contentType;

    Open311Format(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<Open311Format> of(String suffix) {
        return switch (suffix == null ? "" : suffix) {
            case "json" -> Optional.of(JSON);
            case "xml" -> Optional.of(XML);
            default -> Optional.empty();
        };
    }

    /** The format an error on this path is written in: XML for {@code .xml}, JSON otherwise. */
    public static Open311Format ofPath(String path) {
        return path != null && path.endsWith(".xml") ? XML : JSON;
    }
}
