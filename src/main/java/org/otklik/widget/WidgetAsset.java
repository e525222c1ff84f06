package org.otklik.widget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/** One built file of the widget, held in memory with its gzip form and a strong ETag of its content. */
record WidgetAsset(String name, String contentType, byte[] body, byte[] gzipped, String etag) {

    static final String CLASSPATH_DIRECTORY = "otklik-widget/";

    static Optional<WidgetAsset> load(String name, String contentType) {
        try (InputStream in = WidgetAsset.class.getClassLoader().getResourceAsStream(CLASSPATH_DIRECTORY + name)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(of(name, contentType, in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the widget file " + name, e);
        }
    }

    static WidgetAsset of(String name, String contentType, byte[] body) {
        try {
            return new WidgetAsset(name, contentType, body, gzip(body), etag(body));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compress the widget file " + name, e);
        }
    }

    /** The same file with {@code placeholder} replaced (UTF-8 text). */
    WidgetAsset with(String placeholder, String replacement) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.contains(placeholder)) {
            throw new IllegalStateException(name + " lacks " + placeholder);
        }
        return of(name, contentType, text.replace(placeholder, replacement).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(body);
        }
        return out.toByteArray();
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** If-None-Match: a list of entity tags (weak ones compare by their opaque part), or {@code *}. */
    boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
