package org.otklik.routing;

/**
 * A topic suggested for a message: the category, how sure the suggestion is (0 when nothing
 * matched and the fallback {@code other} was taken) and the district the text names, if any.
 */
public record TopicSuggestion(String categoryCode, double confidence, String districtCode) {
}
