package org.otklik.media;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The default store: table {@code media_blob} in the service's own database, so that dev mode, the tests and
 * several replicas need nothing else. Its links are the service's own, signed by {@link SignedLinks}.
 */
class MediaBlobRepository implements MediaStore {

    private final Pool pool;

    MediaBlobRepository(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Void> put(String key, byte[] jpeg) {
        return pool.preparedQuery("insert into media_blob (key, content) values ($1, $2)"
                        + " on conflict (key) do update set content = excluded.content")
                .execute(Tuple.of(key, Buffer.buffer(jpeg)))
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<byte[]>> get(String key) {
        return pool.preparedQuery("select content from media_blob where key = $1").execute(Tuple.of(key))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getBuffer("content").getBytes()));
    }

    @Override
    public Uni<Void> delete(List<String> keys) {
        return pool.preparedQuery("delete from media_blob where key = any($1)").execute(Tuple.of(keys.toArray(String[]::new)))
                .replaceWithVoid();
    }

    @Override
    public Optional<URI> signedLink(String key, Duration validity) {
        return Optional.empty();
    }
}
