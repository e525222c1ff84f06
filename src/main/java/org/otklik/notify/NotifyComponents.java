package org.otklik.notify;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.otklik.routing.CalendarConfig;

/** The mail building blocks, configured. */
public class NotifyComponents {

    @Produces
    @Singleton
    MailTemplates mailTemplates() {
        return new MailTemplates();
    }

    @Produces
    @Singleton
    UnsubscribeTokens unsubscribeTokens(NotifyConfig config) {
        return new UnsubscribeTokens(config.unsubscribeSecret());
    }

    @Produces
    @Singleton
    MailComposer mailComposer(NotifyConfig config, UnsubscribeTokens tokens, CalendarConfig calendar) {
        return new MailComposer(config.links(), config.publicUrl(), tokens, calendar.zone());
    }
}
