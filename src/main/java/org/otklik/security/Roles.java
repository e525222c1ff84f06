package org.otklik.security;

import java.util.Set;

/** The realm roles Otklik knows. */
public final class Roles {

    public static final String CITIZEN = "citizen";
    public static final String OPERATOR = "operator";
    public static final String EXECUTOR = "executor";
    public static final String ANALYST = "analyst";
    public static final String ADMIN = "admin";
    public static final String INTEGRATION = "integration";

    public static final Set<String> ALL = Set.of(CITIZEN, OPERATOR, EXECUTOR, ANALYST, ADMIN, INTEGRATION);

    private Roles() {
    }
}
