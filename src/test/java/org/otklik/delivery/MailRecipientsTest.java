package org.otklik.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailRecipientsTest {

    @Test
    void addressesAreMaskedSoThatTheyCanBeToldApartButNotRead() {
        assertThat(MailRecipients.mask("resident@example.org")).isEqualTo("r***t@e***.org");
        assertThat(MailRecipients.mask("ab@mail.samara.ru")).isEqualTo("a***@m***.ru");
        assertThat(MailRecipients.mask("x@localhost")).isEqualTo("x***@l***");
        assertThat(MailRecipients.mask("no-at-sign")).isEqualTo("***");
        assertThat(MailRecipients.mask(null)).isNull();
    }
}
