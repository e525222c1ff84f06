package org.otklik.notify;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.otklik.routing.CalendarConfig;

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
            LOG.warn("OTKLIK_NOTIFY_UNSUBSCRIBE_SECRET is not set: unsubscribe links are signed with a key derived from"
                    + " the poll participation secret");
            return UnsubscribeTokens.derivedKey(participationSecret);
        }));
    }

    @Produces
    @Singleton
    MailComposer mailComposer(NotifyConfig config, UnsubscribeTokens tokens, CalendarConfig calendar) {
        return new MailComposer(config.links(), config.publicUrl(), tokens, calendar.zone());
    }
}
