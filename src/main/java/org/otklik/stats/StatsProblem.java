package org.otklik.stats;

import org.otklik.common.ProblemKind;
import org.otklik.common.ProblemType;

/** The problem types of the reports. */
enum StatsProblem implements ProblemKind {
    REPORTS_BUSY("reports-busy", "Too many reports are running", 503);

    private final String uri;
    private final String title;
    private final int status;

    StatsProblem(String slug, String title, int status) {
        this.uri = ProblemType.BASE_URI + slug;
        this.title = title;
        this.status = status;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public int status() {
        return status;
    }
}
