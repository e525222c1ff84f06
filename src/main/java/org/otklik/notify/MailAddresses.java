package org.otklik.notify;

import java.util.Locale;
import java.util.regex.Pattern;

/** What counts as a mail address here, and the one form it is stored and compared in. */
public final class MailAddresses {

    public static final int MAX_LENGTH = 254;

    /** A practical subset of RFC 5321: a dot-atom local part and a domain of letter-digit-hyphen labels with a TLD. */
    public static final String PATTERN = "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
            + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$";

    private static final Pattern ADDRESS = Pattern.compile(PATTERN);

    private MailAddresses() {
    }

    /** Trimmed and lower-cased. */
    public static String normalize(String address) {
        return address == null ? null : address.strip().toLowerCase(Locale.ROOT);
    }

    public static boolean isValid(String address) {
        return address != null && address.length() <= MAX_LENGTH && ADDRESS.matcher(address).matches();
    }
}
