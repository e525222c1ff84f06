package org.otklik.incident;

public enum Resolution {
    FIXED,
    EXPLAINED,
    PLANNED,
    NOT_FIXED,
    NOT_RESPONSIBLE,
    DUPLICATE
}
