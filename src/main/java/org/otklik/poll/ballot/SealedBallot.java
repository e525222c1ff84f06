package org.otklik.poll.ballot;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What a sealed ballot holds, and what its opening writes to poll_ballot. */
public record SealedBallot(byte[] receiptHash, String district, String channel, JsonArray answers, String[] tallyKeys) {

    byte[] encode() {
        return new JsonObject()
                .put("r", Base64.getEncoder().encodeToString(receiptHash))
                .put("d", district)
                .put("c", channel)
                .put("a", answers)
                .put("k", new JsonArray(List.of((Object[]) tallyKeys)))
                .encode().getBytes(StandardCharsets.UTF_8);
    }

    public static SealedBallot decode(byte[] plaintext) {
        JsonObject json = new JsonObject(new String(plaintext, StandardCharsets.UTF_8));
        JsonArray keys = json.getJsonArray("k");
        String[] tallyKeys = new String[keys.size()];
        for (int i = 0; i < tallyKeys.length; i++) {
            tallyKeys[i] = keys.getString(i);
        }
        return new SealedBallot(Base64.getDecoder().decode(json.getString("r")), json.getString("d"), json.getString("c"),
                json.getJsonArray("a"), tallyKeys);
    }
}
