package org.otklik.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {

    private final UnsubscribeTokens tokens = new UnsubscribeTokens("a-test-secret-of-at-least-thirty-two-bytes");

    @Test
    void aSignedListVerifiesAndMatchesTheUrlPattern() {
        UUID subscriber = UUID.randomUUID();
        for (String list : new String[] { UnsubscribeTokens.incidentList(42), UnsubscribeTokens.immediateNoticesList(subscriber),
                UnsubscribeTokens.digestList(subscriber) }) {
            String token = tokens.sign(list);
            assertThat(token).matches(UnsubscribeTokens.TOKEN_PATTERN);
            assertThat(tokens.verify(token)).contains(list);
        }
    }

    @Test
    void forgedTamperedOrForeignTokensAreRefused() {
        String token = tokens.sign(UnsubscribeTokens.incidentList(42));
        String otherList = tokens.sign(UnsubscribeTokens.incidentList(43));
        String forged = otherList.substring(0, otherList.indexOf('.')) + token.substring(token.indexOf('.'));
        assertThat(tokens.verify(forged)).as("another list with this list's signature").isEmpty();
        assertThat(new UnsubscribeTokens("another-secret-of-at-least-thirty-two-bytes").verify(token)).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify("no-dot-here")).isEmpty();
        assertThat(tokens.verify(token + "x")).isEmpty();
        assertThatThrownBy(() -> tokens.sign("x:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnsubscribeTokens("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDerivedKeyIsStableAndNotTheSecretItComesFrom() {
        String source = "the-poll-participation-secret-0123456789";
        String derived = UnsubscribeTokens.derivedKey(source);
        assertThat(derived).isEqualTo(UnsubscribeTokens.derivedKey(source)).isNotEqualTo(source).hasSizeGreaterThanOrEqualTo(32);
        assertThat(UnsubscribeTokens.derivedKey(source + "x")).isNotEqualTo(derived);
        UnsubscribeTokens fromDerived = new UnsubscribeTokens(derived);
        assertThat(fromDerived.verify(fromDerived.sign("i:7"))).contains("i:7");
    }
}
