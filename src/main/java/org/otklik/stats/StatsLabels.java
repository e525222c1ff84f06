package org.otklik.stats;

import java.util.Map;

import org.otklik.security.Channel;

/** Russian names of the codes that have no reference table. */
final class StatsLabels {

    private static final Map<String, String> STATUSES = Map.of(
            "NEW", "Новое",
            "REJECTED", "Отклонено",
            "ASSIGNED", "Назначено исполнителю",
            "IN_PROGRESS", "В работе",
            "ANSWERED", "Дан ответ",
            "CLOSED", "Закрыто",
            "REOPENED", "Возобновлено",
            "DUPLICATE", "Дубликат");

    private static final Map<String, String> CHANNELS = Map.of(
            Channel.WIDGET.name(), "Виджет на сайте",
            Channel.MOBILE.name(), "Мобильное приложение",
            Channel.GOSUSLUGI.name(), "Госуслуги (ПОС)",
            Channel.SOCIAL.name(), "Социальные сети",
            Channel.OPEN311.name(), "Open311 (приложения)");

    private StatsLabels() {
    }

    static String status(String code) {
        return STATUSES.getOrDefault(code, code);
    }

    static String channel(String code) {
        return CHANNELS.getOrDefault(code, code);
    }

    static String districtName(String code) {
        return code == null ? "Район не указан" : code;
    }
}
