package org.otklik.incident;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DistrictSource", description = "Where the district came from: GIVEN by the sender, taken from the "
        + "LOCATION by the district boundaries, or NONE (no district: routing falls back to the category's organisation)")
public enum DistrictSource {
    GIVEN, LOCATION, NONE;

    /** For incidents stored without a source (older ones, social comments). */
    public static DistrictSource of(DistrictSource stored, String districtCode) {
        return stored != null ? stored : districtCode != null ? GIVEN : NONE;
    }
}
