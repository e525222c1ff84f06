package org.otklik.incident;

import java.util.Arrays;
import java.util.List;

/** The social networks whose comments the monitoring system sends in, stored and sent by name. */
public enum SocialPlatform {
    VK,
    OK,
    TELEGRAM;

    private static final List<String> NAMES = Arrays.stream(values()).map(Enum::name).toList();

    public static boolean isNamed(String name) {
        return NAMES.contains(name);
    }

    /** The names as a sentence says them: "VK, OK or TELEGRAM". */
    public static String namesInWords() {
        return String.join(", ", NAMES.subList(0, NAMES.size() - 1)) + " or " + NAMES.get(NAMES.size() - 1);
    }
}
