package org.otklik.notify;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.otklik.routing.CalendarConfig;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/** The mail building blocks, configured. */
public class NotifyComponents {

    private static final Logger LOG = Logger.getLogger(NotifyComponents.class);

    @Produces
    @Singleton
    MailTemplates mailTemplates() {
        return new MailTemplates();
    }

    @Produces
    @Singleton
    UnsubscribeTokens unsubscribeTokens(NotifyConfig config,
            @ConfigProperty(name = "otklik.polls.participation-secret") String participationSecret) {
        return new UnsubscribeTokens(config.unsubscribeSecret().filter(s -> !s.isBlank()).orElseGet(() -> {
            if (ConfigUtils.getProfiles().contains("prod")) {
                throw new IllegalStateException("OTKLIK_NOTIFY_UNSUBSCRIBE_SECRET (otklik.notify.unsubscribe-secret, 32+ bytes)"
                        + " is required in production");
            }
            LOG.warn("OTKLIK_NOTIFY_UNSUBSCRIBE_SECRET is not set (dev and test only): unsubscribe links are signed with a"
                    + " key derived from the poll participation secret");
            return UnsubscribeTokens.derivedKey(participationSecret);
        }));
    }

    /** Fails the start of a production instance without the unsubscribe key, rather than its first mail. */
    void checkAtStart(@Observes StartupEvent start, UnsubscribeTokens tokens) {
        LOG.debug("Mail link signing is configured");
    }

    @Produces
    @Singleton
    MailComposer mailComposer(NotifyConfig config, UnsubscribeTokens tokens, CalendarConfig calendar) {
        return new MailComposer(config.links(), config.publicUrl(), tokens, calendar.zone());
    }
}
