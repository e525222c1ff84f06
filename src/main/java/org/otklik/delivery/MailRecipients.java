package org.otklik.delivery;

/** How a mail's address shows outside its own mail: masked, so that staff can tell addresses apart but not read them. */
public final class MailRecipients {

    private MailRecipients() {
    }

    /** {@code resident@example.org} → {@code r***t@e***.org}; null stays null. */
    public static String mask(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return "***";
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String host = dot < 0 ? domain : domain.substring(0, dot);
        String suffix = dot < 0 ? "" : domain.substring(dot);
        return ends(local) + "@" + first(host) + "***" + suffix;
    }

    private static String ends(String part) {
        if (part.length() <= 2) {
            return first(part) + "***";
        }
        return part.charAt(0) + "***" + part.charAt(part.length() - 1);
    }

    private static String first(String part) {
        return part.isEmpty() ? "" : part.substring(0, 1);
    }
}
