package org.otklik.location;

import org.otklik.common.problem.ProblemException;

/** Query parameters of places, read strictly: a bad or missing one is a 400 naming it. */
final class Coordinates {

    private Coordinates() {
    }

    static double latitude(String name, String value) {
        return number(name, value, -90, 90);
    }

    static double longitude(String name, String value) {
        return number(name, value, -180, 180);
    }

    static double number(String name, String value, double min, double max) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badParameter(name, "is required");
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badParameter(name, "must be a number");
        }
        if (!(parsed >= min && parsed <= max)) {
            throw ProblemException.badParameter(name, "must be between " + (long) min + " and " + (long) max);
        }
        return parsed;
    }
}
