package org.otklik.open311;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Open311 GeoReport v2 endpoint. */
@ConfigMapping(prefix = "otklik.open311")
public interface Open311Config {

    /** The one jurisdiction served; a call naming another gets 404. */
    @WithDefault("samara.ru")
    String jurisdictionId();

    /** Discovery: who to contact about the endpoint. */
    @WithDefault("Центр управления городом, open311@otklik.example.org")
    String contact();

    /** Discovery: where integrators get an API key. */
    @WithDefault("Ключ выдаёт администратор Отклика: open311@otklik.example.org")
    String keyService();

    /** Discovery: {@code production} or {@code test}. */
    @WithDefault("production")
    String endpointType();

    /** Discovery: the public base URL of /open311/v2; by default taken from the request. */
    Optional<String> publicUrl();

    /** Longest start_date..end_date window of GET requests and servicerequestupdates, and the default one. */
    @WithDefault("90")
    int maxWindowDays();

    @WithDefault("100")
    int defaultPageSize();

    /** Largest page_size of the lists (at most 1,000, the contract's bound). */
    @WithDefault("200")
    int maxPageSize();
}
