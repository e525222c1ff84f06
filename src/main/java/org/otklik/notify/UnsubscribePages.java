package org.otklik.notify;

import org.otklik.notify.UnsubscribeService.Stopped;

/** The two small pages of the unsubscribe link, in Russian and English; they show no personal data. */
final class UnsubscribePages {

    private UnsubscribePages() {
    }

    static String confirm(Stopped stopped) {
        return page("<p>Отписаться? " + ru(stopped) + " больше не придут.</p><p lang=\"en\">Unsubscribe? "
                + en(stopped).toLowerCase(java.util.Locale.ROOT) + " will not come any more.</p>"
                + "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<button type=\"submit\">Отписаться / Unsubscribe</button></form>");
    }

    static String done(Stopped stopped) {
        return page("<p>Готово: вы отписались. " + ru(stopped) + " — больше не придут.</p><p lang=\"en\">Done: "
                + en(stopped).toLowerCase(java.util.Locale.ROOT) + " will not come any more.</p>");
    }

    private static String ru(Stopped stopped) {
        return switch (stopped) {
            case INCIDENT -> "Письма об этом обращении";
            case IMMEDIATE_NOTICES -> "Объявления города сразу по выходе";
            case DAILY_DIGEST -> "Ежедневные сводки объявлений";
        };
    }

    private static String en(Stopped stopped) {
        return switch (stopped) {
            case INCIDENT -> "The mails about this message";
            case IMMEDIATE_NOTICES -> "The city notices mailed as they come out";
            case DAILY_DIGEST -> "The daily digests of notices";
        };
    }

    private static String page(String body) {
        return "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>Отклик: отписка / unsubscribe</title></head><body style=\"font-family: Arial, sans-serif;\">"
                + body + "</body></html>";
    }
}
