package org.otklik.widget;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the widget that {@code widget/build.mjs} put on the class path: {@code /widget/otklik.js}
 * (gzip when the browser accepts it, strong ETag, 304 on a match), the login popup's
 * {@code /widget/callback.html}, and {@code /widget/demo.html} where configured (dev mode).
 */
@ApplicationScoped
public class WidgetRoutes {

    private static final Logger LOG = Logger.getLogger(WidgetRoutes.class);

    static final String ALLOWED_ORIGINS_PLACEHOLDER = "/*OTKLIK_ALLOWED_ORIGINS*/[]";

    private final WidgetConfig config;
    private final List<String> corsOrigins;

    public WidgetRoutes(WidgetConfig config,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> corsOrigins) {
        this.config = config;
        this.corsOrigins = corsOrigins.orElse(List.of());
    }

    void register(@Observes Router router) {
        List<String> missing = new ArrayList<>();
        serve(router, "otklik.js", "text/javascript; charset=utf-8",
                "public, max-age=" + config.scriptMaxAge().toSeconds(), missing, UnaryOperator.identity());
        serve(router, "callback.html", "text/html; charset=utf-8", "no-cache", missing,
                asset -> asset.with(ALLOWED_ORIGINS_PLACEHOLDER, originsAsJson(corsOrigins)));
        if (config.demoPage()) {
            serve(router, "demo.html", "text/html; charset=utf-8", "no-cache", missing, UnaryOperator.identity());
        }
        if (!missing.isEmpty()) {
            LOG.warnf("The widget was not built (missing on the class path: %s); /widget/ answers 404", missing);
        }
    }

    private void serve(Router router, String name, String contentType, String cacheControl, List<String> missing,
            UnaryOperator<WidgetAsset> prepare) {
        Optional<WidgetAsset> loaded = WidgetAsset.load(name, contentType);
        if (loaded.isEmpty()) {
            missing.add(name);
            return;
        }
        WidgetAsset asset = prepare.apply(loaded.get());
        String path = "/widget/" + name;
        router.route(HttpMethod.GET, path).handler(ctx -> send(ctx, asset, cacheControl));
        router.route(HttpMethod.HEAD, path).handler(ctx -> send(ctx, asset, cacheControl));
    }

    /** The exact origins of the CORS list as a JSON array (Quarkus' /regex/ entries cannot be matched there). */
    static String originsAsJson(List<String> origins) {
        return origins.stream()
                .map(String::trim)
                .filter(origin -> !origin.isEmpty() && !origin.startsWith("/") && !origin.equals("*"))
                .map(origin -> "\"" + origin.replace("\\", "").replace("\"", "").replace("<", "") + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static void send(RoutingContext ctx, WidgetAsset asset, String cacheControl) {
        HttpServerResponse response = ctx.response()
                .putHeader(HttpHeaders.ETAG, asset.etag())
                .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
                .putHeader(HttpHeaders.VARY, "Accept-Encoding")
                .putHeader("X-Content-Type-Options", "nosniff");
        if (asset.contentType().startsWith("text/html")) {
            // The callback page carries the authorisation code in its URL: it must not leak through a
            // Referer, and no other site may frame Otklik's pages.
            response.putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("Content-Security-Policy", "frame-ancestors 'none'");
        }
        if (asset.matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        boolean gzip = acceptsGzip(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING));
        byte[] body = gzip ? asset.gzipped() : asset.body();
        response.putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType())
                .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length));
        if (gzip) {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.end();
        } else {
            response.end(Buffer.buffer(body));
        }
    }

    /** gzip (or *) listed without q=0. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] pieces = part.trim().split(";");
            String coding = pieces[0].trim();
            if (!coding.equals("gzip") && !coding.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < pieces.length; i++) {
                String parameter = pieces[i].trim();
                if (parameter.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(parameter.substring(2)) <= 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }
}
