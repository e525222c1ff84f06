package org.otklik.poll.ballot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;

/** The sealing and the receipt codes, without a container. */
class SealAndReceiptTest {

    private static final String SECRET = "unit-test-ballot-key-0123456789abcdef";

    @Test
    void aSealedBallotOpensOnlyWithItsPollsKeyAndHidesItsLength() {
        BallotSeal seal = new BallotSeal(SECRET);
        UUID poll = UUID.randomUUID();
        byte[] wrapped = seal.newWrappedKey(poll);
        SecretKey key = seal.unwrap(poll, wrapped);
        SealedBallot ballot = new SealedBallot(new byte[32], "leninsky", "WIDGET",
                new JsonArray().add(new io.vertx.core.json.JsonObject().put("questionId", "q1")), new String[] { "", "q1" });
        byte[] sealed = BallotSeal.seal(key, poll, ballot.encode());
        SealedBallot opened = SealedBallot.decode(BallotSeal.open(key, poll, sealed));
        assertThat(opened.district()).isEqualTo("leninsky");
        assertThat(opened.tallyKeys()).containsExactly("", "q1");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("leninsky");
        // A longer ballot of the same block seals to the same length.
        byte[] longer = BallotSeal.seal(key, poll, new byte[BallotSeal.BLOCK - 4]);
        assertThat(longer).hasSameSizeAs(sealed);
        // Another poll's id (the associated data), another key, a flipped bit: refused.
        assertThatThrownBy(() -> BallotSeal.open(key, UUID.randomUUID(), sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BallotSeal.open(seal.unwrap(UUID.randomUUID(), seal.newWrappedKey(UUID.randomUUID())), poll,
                sealed)).isInstanceOf(IllegalStateException.class);
        sealed[20] ^= 1;
        assertThatThrownBy(() -> BallotSeal.open(key, poll, sealed)).isInstanceOf(IllegalStateException.class);
        // The wrapped key is bound to its poll and to the key-encryption key.
        assertThatThrownBy(() -> seal.unwrap(UUID.randomUUID(), wrapped)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new BallotSeal("another-ballot-key-0123456789abcdef!").unwrap(poll, wrapped))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new BallotSeal("too short")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReceiptNamesItsPollAndHourAndOnlyTheServiceCanMakeOne() {
        BallotSeal seal = new BallotSeal(SECRET);
        UUID poll = UUID.randomUUID();
        Instant hour = Instant.parse("2026-07-03T14:00:00Z");
        String code = Receipts.issue(seal.receiptKey(), poll, hour);
        assertThat(code).hasSize(Receipts.LENGTH).matches("[0-9A-HJKMNP-TV-Z]{58}");
        assertThat(Receipts.verify(seal.receiptKey(), code)).contains(new Receipts.Signed(poll, hour));
        assertThat(Receipts.issue(seal.receiptKey(), poll, hour)).isNotEqualTo(code);
        assertThat(Receipts.normalize(code.toLowerCase().replace("1", "l").substring(0, 20) + "-" + code.substring(20)))
                .contains(code);
        assertThat(Receipts.verify(new BallotSeal("another-ballot-key-0123456789abcdef!").receiptKey(), code)).isEmpty();
        for (int i = 0; i < code.length(); i++) {
            char[] changed = code.toCharArray();
            changed[i] = changed[i] == 'Z' ? 'Y' : 'Z';
            assertThat(Receipts.verify(seal.receiptKey(), new String(changed))).as("changed at %d", i).isEmpty();
        }
        assertThat(Receipts.normalize("0".repeat(Receipts.LEGACY_LENGTH))).isPresent();
        assertThat(Receipts.normalize("0".repeat(40))).isEmpty();
        assertThat(Receipts.normalize("U".repeat(Receipts.LENGTH))).isEmpty();
    }
}
