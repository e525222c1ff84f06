package org.otklik.media;

import org.otklik.common.problem.ProblemKind;

/** Why an upload was refused, or could not be handled now. */
public enum MediaProblem implements ProblemKind {
    UNSUPPORTED_FORMAT("unsupported-image-format", "The file is not an image in a supported format", 415),
    FILE_TOO_LARGE("file-too-large", "The file is too large", 413),
    TOO_MANY_PIXELS("image-too-large", "The image has too many pixels", 413),
    UNREADABLE_IMAGE("unreadable-image", "The image cannot be decoded", 400),
    DECODERS_BUSY("image-decoders-busy", "Too many images are being processed", 503);

    private final Definition definition;

    MediaProblem(String slug, String title, int status) {
        this.definition = Definition.of(slug, title, status);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
