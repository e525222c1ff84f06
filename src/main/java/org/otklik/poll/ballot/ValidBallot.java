package org.otklik.poll.ballot;

import io.vertx.core.json.JsonArray;

/**
 * A ballot that passed validation: its answers in question order as stored, and the tally keys it
 * adds one to ('' for the participant, the question id for each answered question, question=option
 * or question=rating for each choice).
 */
record ValidBallot(JsonArray answers, String[] tallyKeys) {
}
