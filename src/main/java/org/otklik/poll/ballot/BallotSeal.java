package org.otklik.poll.ballot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for sealed ballots. Each poll has a random data key; the database holds it only wrapped
 * under the key-encryption key, which is derived from the service's configuration
 * ({@code otklik.polls.ballot-key}). A sealed ballot is padded to a multiple of {@link #BLOCK} bytes,
 * so that its length does not tell one option code from another; both are bound to the poll's id.
 */
public final class BallotSeal {

    static final int MIN_SECRET_BYTES = 32;
    /** Plaintexts are padded to a multiple of this many bytes. */
    static final int BLOCK = 512;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey keyEncryptionKey;
    private final SecretKey receiptKey;

    BallotSeal(String secret) {
        byte[] material = secret.getBytes(StandardCharsets.UTF_8);
        if (material.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("otklik.polls.ballot-key must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.keyEncryptionKey = new SecretKeySpec(derive(material, "key-encryption"), "AES");
        this.receiptKey = new SecretKeySpec(derive(material, "receipt"), "HmacSHA256");
    }

    /** The HMAC key that signs receipt codes. */
    SecretKey receiptKey() {
        return receiptKey;
    }

    /** A new random data key for the poll, wrapped: only this form is stored. */
    byte[] newWrappedKey(UUID pollId) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return encrypt(keyEncryptionKey, pollId, key);
    }

    SecretKey unwrap(UUID pollId, byte[] wrapped) {
        return new SecretKeySpec(decrypt(keyEncryptionKey, pollId, wrapped), "AES");
    }

    static byte[] seal(SecretKey dataKey, UUID pollId, byte[] plaintext) {
        int padded = ((Integer.BYTES + plaintext.length + BLOCK - 1) / BLOCK) * BLOCK;
        ByteBuffer buffer = ByteBuffer.allocate(padded);
        buffer.putInt(plaintext.length).put(plaintext);
        return encrypt(dataKey, pollId, buffer.array());
    }

    public static byte[] open(SecretKey dataKey, UUID pollId, byte[] sealed) {
        ByteBuffer buffer = ByteBuffer.wrap(decrypt(dataKey, pollId, sealed));
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalStateException("a sealed ballot of poll " + pollId + " has a wrong length");
        }
        byte[] plaintext = new byte[length];
        buffer.get(plaintext);
        return plaintext;
    }

    private static byte[] encrypt(SecretKey key, UUID pollId, byte[] plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(pollId));
            byte[] sealed = new byte[IV_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(iv, 0, sealed, 0, IV_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, IV_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] decrypt(SecretKey key, UUID pollId, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(aad(pollId));
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed value of poll " + pollId + " cannot be opened", e);
        }
    }

    private static byte[] aad(UUID pollId) {
        return ByteBuffer.allocate(16).putLong(pollId.getMostSignificantBits()).putLong(pollId.getLeastSignificantBits())
                .array();
    }

    private static byte[] derive(byte[] material, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(material, "HmacSHA256"));
            return mac.doFinal(("otklik polls " + label).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
