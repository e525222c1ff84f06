package org.otklik.incident;

import java.util.Set;

import org.otklik.security.Channel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How messages come in. */
@ConfigMapping(prefix = "otklik.intake")
public interface IntakeConfig {

    /** Channels whose platform moderates messages itself: their incidents skip NEW. */
    @WithDefault("GOSUSLUGI")
    Set<Channel> preModeratedChannels();

    /** A submitted location must lie inside the city. */
    CityBounds cityBounds();

    @WithDefault("500")
    int maxSocialBatch();

    interface CityBounds {
        @WithDefault("53.05")
        double south();

        @WithDefault("53.45")
        double north();

        @WithDefault("49.85")
        double west();

        @WithDefault("50.45")
        double east();

        default boolean contains(double lat, double lon) {
            return lat >= south() && lat <= north() && lon >= west() && lon <= east();
        }
    }
}
