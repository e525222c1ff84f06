package org.otklik.notify;

import org.otklik.notify.UnsubscribeService.Stopped;

/** The small pages of the unsubscribe and confirmation links, in Russian and English; they show no personal data. */
final class MailPages {

    private MailPages() {
    }

    static String confirmAddress() {
        return page("<p>Подтвердите адрес: после этого на него будут приходить письма, о которых вы просили.</p>"
                + "<p lang=\"en\">Confirm the address: the mails you asked for will then come to it.</p>"
                + "<form method=\"post\"><button type=\"submit\">Подтвердить / Confirm</button></form>");
    }

    static String addressConfirmed() {
        return page("<p>Готово: адрес подтверждён, письма будут приходить.</p>"
                + "<p lang=\"en\">Done: the address is confirmed, and the mails will come.</p>");
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
                + "<title>Отклик: письма / mails</title></head><body style=\"font-family: Arial, sans-serif;\">"
                + body + "</body></html>";
    }
}
