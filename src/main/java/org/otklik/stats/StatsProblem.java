package org.otklik.stats;

import org.otklik.common.problem.ProblemKind;

/** The problem types of the reports. */
enum StatsProblem implements ProblemKind {
    REPORTS_BUSY("reports-busy", "Too many reports are running", 503);

    private final Definition definition;

    StatsProblem(String slug, String title, int status) {
        this.definition = Definition.of(slug, title, status);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
