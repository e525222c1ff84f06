package org.otklik.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the secrets the production profile will not start without, read from the one list that the
 * scripts starting a throwaway packaged application source ({@code scripts/throwaway-app.sh}).
 */
public final class ThrowawaySecrets {

    public static final Path SCRIPT = Path.of("scripts", "throwaway-app.sh");

    private static final Pattern LIST = Pattern.compile("(?m)^throwaway_secrets=\"([A-Z0-9_ ]+)\"$");

    private ThrowawaySecrets() {
    }

    public static List<String> names() {
        try {
            Matcher list = LIST.matcher(Files.readString(SCRIPT));
            if (!list.find()) {
                throw new IllegalStateException(SCRIPT + " has no line throwaway_secrets=\"...\"");
            }
            return List.of(list.group(1).trim().split(" +"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
