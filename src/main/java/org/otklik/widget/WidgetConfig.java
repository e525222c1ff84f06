package org.otklik.widget;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the embeddable widget is served under /widget/. */
@ConfigMapping(prefix = "otklik.widget")
public interface WidgetConfig {

    /** How long browsers and proxies may use otklik.js before they revalidate it with its ETag. */
    @WithDefault("5m")
    Duration scriptMaxAge();

    /** Serve /widget/demo.html, a sample page with both elements (dev mode). */
    @WithDefault("false")
    boolean demoPage();
}
