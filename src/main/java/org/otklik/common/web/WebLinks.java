package org.otklik.common.web;

import java.util.regex.Pattern;

/**
 * The links clients send with a message (attachments, a social comment's link, Open311's media_url): one
 * pattern, a scheme, a host of letters, digits, dots and hyphens, an optional port and an optional path,
 * at most {@link #MAX_LENGTH} characters. The strings are compile-time constants, for the annotations.
 */
public final class WebLinks {

    public static final int MAX_LENGTH = 2000;

    private static final String AFTER_SCHEME = "://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/\\S*)?";

    /** An https link (the attachments residents and staff send). */
    public static final String HTTPS = "https" + AFTER_SCHEME;

    /** An http or https link (a social comment's link, Open311's media_url). */
    public static final String HTTP_OR_HTTPS = "https?" + AFTER_SCHEME;

    /** {@link #HTTP_OR_HTTPS} as the contract states it, anchored. */
    public static final String HTTP_OR_HTTPS_ANCHORED = "^" + HTTP_OR_HTTPS + "$";

    /** {@link #HTTP_OR_HTTPS} in a form field, which may come with white space around it (stripped before the check). */
    public static final String HTTP_OR_HTTPS_IN_FORM = "^\\s*" + HTTP_OR_HTTPS + "\\s*$";

    private static final Pattern HTTP_OR_HTTPS_LINK = Pattern.compile(HTTP_OR_HTTPS);

    private WebLinks() {
    }

    /** An http or https link of at most {@link #MAX_LENGTH} characters. */
    public static boolean isHttpOrHttpsLink(String url) {
        return url != null && url.length() <= MAX_LENGTH && HTTP_OR_HTTPS_LINK.matcher(url).matches();
    }
}
