package org.otklik.notify;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Residents' mails: how often they go, how many, and the links they carry. SMTP itself is quarkus.mailer.*. */
@ConfigMapping(prefix = "otklik.notify")
public interface NotifyConfig {

    /** At most this many mails per address and city day; a digest counts as one. */
    @WithDefault("20")
    int maxPerResidentPerDay();

    /** How often the mail relay runs (a duration, or "off" where something else drives it, as in tests). */
    @WithDefault("1s")
    String relayInterval();

    /** How often due digests are written (a duration, or "off"). */
    @WithDefault("1m")
    String digestInterval();

    /** Mails claimed per relay round. */
    @WithDefault("20")
    int batchSize();

    /** The longest one mail may take to send before the attempt counts as a temporary failure. */
    @WithDefault("30s")
    Duration sendTimeout();

    /**
     * The HMAC key of one-click unsubscribe tokens (32+ bytes; changing it voids the links of mails already sent).
     * Unset: a key derived from the poll participation secret, which every deployment has.
     */
    Optional<String> unsubscribeSecret();

    /** How long the link of a confirmation mail (double opt-in) stays valid; unconfirmed addresses are forgotten then. */
    @WithDefault("P7D")
    Duration confirmationValidity();

    /**
     * Logs every mail as it goes out: subject, masked address and its links, never its text (dev mode, where the
     * mock mailer shows mails instead of sending them).
     */
    @WithDefault("false")
    boolean logMails();

    /** Where residents reach this API (the unsubscribe links point here). */
    String publicUrl();

    /** The Reply-To of every mail (the centre's mailbox for residents' questions); none by default. */
    Optional<String> replyTo();

    /** The domain of the mails' Message-IDs (usually the sender's domain). */
    @WithDefault("otklik.local")
    String messageIdDomain();

    Links links();

    /** The pages mails link to, on the city's site; {number} and {id} are replaced. */
    interface Links {
        /** An incident's status, with {number}. */
        String status();

        /** Where the author rates an answer, with {number}. */
        String rate();

        /** A notice, with {id}. */
        String notice();

        /** Where a resident manages their notice subscriptions. */
        String subscriptions();
    }
}
