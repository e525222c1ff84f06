package org.otklik.common.web;

import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;

/**
 * The resources that clients change with {@code If-Match} on a version number, and the one policy for
 * them: the ETag of a version is the number in double quotes; an {@code If-Match} naming the current one
 * (weak or strong, alone or in a list) lets a change go ahead, a stale one gets 412. Whether a client
 * must send it differs per resource, as the contract documents: required for an incident's staff
 * actions (428 without it), optional for a notice's admin changes. Internal callers, with no request,
 * pass none.
 */
public enum VersionedResource {

    /** Two staff acting on an incident at once would silently overwrite each other: If-Match required. */
    INCIDENT("incident", "version", true, "GET /api/v1/incidents/{number}"),
    /** A notice has one author at a time: If-Match optional; when sent, it is checked. */
    NOTICE("notice", "revision", false, "GET /api/v1/admin/notices/{id}");

    private final String noun;
    private final String versionWord;
    private final boolean required;
    private final String readFrom;

    VersionedResource(String noun, String versionWord, boolean required, String readFrom) {
        this.noun = noun;
        this.versionWord = versionWord;
        this.required = required;
        this.readFrom = readFrom;
    }

    /** The ETag of a version: {@code "3"}. */
    public static String tag(int version) {
        return "\"" + version + "\"";
    }

    public boolean requiresIfMatch() {
        return required;
    }

    /** The client's {@code If-Match}, at the edge: 428 when this resource requires one and it is missing, blank or {@code *}. */
    public String fromClient(String ifMatch) {
        if (required && isAbsent(ifMatch)) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED, "Send If-Match with the ETag of the " + noun
                    + " as you read it (" + readFrom + "); an action without it could overwrite someone else's.");
        }
        return ifMatch;
    }

    /** 412 unless {@code ifMatch} lets a change of the {@code current} version go ahead ({@link #accepts}). */
    public void check(int current, String ifMatch) {
        if (!accepts(ifMatch, tag(current))) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "The " + noun + " has changed since you read it (now "
                    + versionWord + " " + current + "); reload it and try again.");
        }
    }

    /**
     * Whether an {@code If-Match} lets a change of the entity whose current tag is {@code currentTag} go
     * ahead: absent, blank or {@code *} does, and so does a list naming the current tag (weak or strong).
     */
    static boolean accepts(String ifMatch, String currentTag) {
        if (isAbsent(ifMatch)) {
            return true;
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(currentTag)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAbsent(String ifMatch) {
        return ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*");
    }
}
