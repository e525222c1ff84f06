package org.otklik.media;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * Where the clean copies and thumbnails live, by key (always JPEG): PostgreSQL by default, or an S3-compatible
 * object store. {@link MediaStores} picks one from {@code otklik.media.store}.
 */
public interface MediaStore {

    Uni<Void> put(String key, byte[] jpeg);

    Uni<Optional<byte[]>> get(String key);

    /** Deletes the keys that exist; missing ones are no error. */
    Uni<Void> delete(List<String> keys);

    /** A link straight to the object valid for {@code validity}, where the store can sign one (S3); empty otherwise. */
    Optional<URI> signedLink(String key, Duration validity);
}
