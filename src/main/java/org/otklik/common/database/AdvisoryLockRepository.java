package org.otklik.common.database;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Transaction-scoped PostgreSQL advisory locks under one key scheme: {@code scope:part:part…} hashed
 * with {@code hashtextextended}. Transaction-scoped so that they hold behind PgBouncer in transaction
 * mode and go with the transaction when an instance dies.
 */
public final class AdvisoryLockRepository {

    private static final String LOCK = "select pg_advisory_xact_lock(hashtextextended($1, 0))";
    private static final String TRY_LOCK = "select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as locked";

    private AdvisoryLockRepository() {
    }

    /** The lock's name: the scope, then each part, joined by {@code :}; a part may hold any text. */
    public static String key(String scope, Object... parts) {
        StringBuilder key = new StringBuilder(scope);
        for (Object part : parts) {
            key.append(':').append(String.valueOf(part).replace("\\", "\\\\").replace(":", "\\:"));
        }
        return key.toString();
    }

    /** Waits for the lock inside the connection's current transaction. */
    public static Uni<Void> lock(SqlConnection transaction, String scope, Object... parts) {
        return transaction.preparedQuery(LOCK).execute(Tuple.of(key(scope, parts))).replaceWithVoid();
    }

    /** Takes the lock inside the connection's current transaction if nobody holds it; false otherwise. */
    public static Uni<Boolean> tryLock(SqlConnection transaction, String scope, Object... parts) {
        return transaction.preparedQuery(TRY_LOCK).execute(Tuple.of(key(scope, parts)))
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }
}
