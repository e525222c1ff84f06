package org.otklik.poll;

import static org.otklik.common.database.SqlTimestamps.instant;
import static org.otklik.common.database.SqlTimestamps.utc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.otklik.poll.definition.ResultsPolicy;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A poll row read and written through the pool, for the admin's changes of a poll. */
final class PollRows {

    private PollRows() {
    }

    /** The poll as a plain object, no entity managed by a session. */
    static Poll poll(Row row) {
        Poll poll = new Poll();
        poll.id = row.getUUID("id");
        poll.status = PollStatus.valueOf(row.getString("status"));
        poll.titleRu = row.getString("title_ru");
        poll.opensAt = instant(row, "opens_at");
        poll.closesAt = instant(row, "closes_at");
        poll.closedAt = instant(row, "closed_at");
        poll.eligibleDistricts = row.getArrayOfStrings("eligible_districts");
        poll.minAge = row.getInteger("min_age");
        poll.resultsPolicy = ResultsPolicy.valueOf(row.getString("results_policy"));
        poll.allowRevote = row.getBoolean("allow_revote");
        poll.definition = row.getString("definition");
        poll.definitionHash = row.getString("definition_hash");
        poll.createdAt = instant(row, "created_at");
        poll.updatedAt = instant(row, "updated_at");
        poll.publishedAt = instant(row, "published_at");
        poll.version = row.getLong("version");
        return poll;
    }

    /** The parameters of {@link PollRepository#insert}: $1 the id, $2 … $14 as {@link #update}, $15 created, $16 the version. */
    static Tuple insert(Poll poll) {
        return Tuple.from(parameters(poll, utc(poll.createdAt), poll.version));
    }

    /** The parameters of {@link PollRepository#update}: $1 the id, $2 … $14 what a change may set, $15 the version read. */
    static Tuple update(Poll poll) {
        return Tuple.from(parameters(poll, poll.version));
    }

    private static List<Object> parameters(Poll poll, Object... last) {
        List<Object> parameters = new ArrayList<>(Arrays.asList(poll.id, poll.status.name(), poll.titleRu, utc(poll.opensAt),
                utc(poll.closesAt), utc(poll.closedAt), poll.eligibleDistricts, poll.minAge, poll.resultsPolicy.name(),
                poll.allowRevote, poll.definition, poll.definitionHash, utc(poll.updatedAt), utc(poll.publishedAt)));
        parameters.addAll(Arrays.asList(last));
        return parameters;
    }

}
