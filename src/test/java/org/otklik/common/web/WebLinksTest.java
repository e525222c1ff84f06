package org.otklik.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebLinksTest {

    @Test
    void anHttpOrHttpsLinkHasAHostAnOptionalPortAndAnOptionalPath() {
        assertThat(WebLinks.isHttpOrHttpsLink("https://files.example.org/photo-1.jpg")).isTrue();
        assertThat(WebLinks.isHttpOrHttpsLink("http://vk.com:8080/wall-12345_67890?reply=67891")).isTrue();
        assertThat(WebLinks.isHttpOrHttpsLink("https://example.org")).isTrue();
        assertThat(WebLinks.isHttpOrHttpsLink("ftp://example.org/file")).isFalse();
        assertThat(WebLinks.isHttpOrHttpsLink("https://exa mple.org/")).isFalse();
        assertThat(WebLinks.isHttpOrHttpsLink("https://example.org:123456/")).isFalse();
        assertThat(WebLinks.isHttpOrHttpsLink(null)).isFalse();
    }

    @Test
    void aLinkLongerThanTheLimitIsRefused() {
        String prefix = "https://example.org/";
        assertThat(WebLinks.isHttpOrHttpsLink(prefix + "a".repeat(WebLinks.MAX_LENGTH - prefix.length()))).isTrue();
        assertThat(WebLinks.isHttpOrHttpsLink(prefix + "a".repeat(WebLinks.MAX_LENGTH - prefix.length() + 1))).isFalse();
    }

    @Test
    void theContractFormsAreTheSamePatternAnchoredOrPaddedAndHttpsAloneIsStricter() {
        assertThat("https://example.org/a").matches(WebLinks.HTTPS).matches(WebLinks.HTTP_OR_HTTPS_ANCHORED);
        assertThat("http://example.org/a").doesNotMatch(WebLinks.HTTPS).matches(WebLinks.HTTP_OR_HTTPS_ANCHORED);
        assertThat("  http://example.org/a ").matches(WebLinks.HTTP_OR_HTTPS_IN_FORM).doesNotMatch(WebLinks.HTTP_OR_HTTPS_ANCHORED);
        assertThat(WebLinks.HTTP_OR_HTTPS_ANCHORED).isEqualTo("^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/\\S*)?$");
    }
}
