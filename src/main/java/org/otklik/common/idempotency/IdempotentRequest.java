package org.otklik.common.idempotency;

import java.util.regex.Pattern;

import org.otklik.common.problem.ProblemException;

/**
 * A POST that may carry an {@code Idempotency-Key}.
 *
 * @param caller whose key it is (the token subject, or an Open311 key's id)
 * @param operation what the request does, so that one key used for two operations does not collide
 * @param key the header's value, or null when the client sent none
 * @param body the request body the key stands for
 */
public record IdempotentRequest(String caller, String operation, String key, Object body) {

    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    /** @throws ProblemException 400 naming the header when the value is not a usable key */
    public IdempotentRequest {
        if (key != null && !VALID_KEY.matcher(key).matches()) {
            throw ProblemException.badParameter(IdempotencyStore.HEADER, "must be 1 to 255 visible ASCII characters");
        }
    }

    public boolean hasKey() {
        return key != null;
    }
}
