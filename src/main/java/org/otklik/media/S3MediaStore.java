package org.otklik.media;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

import org.jboss.logging.Logger;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Any S3-compatible object store (Yandex Object Storage, MinIO, Ceph RGW, AWS). The SDK's blocking client runs on
 * worker threads, never on the event loop; links to "after" photos are S3 presigned GET URLs.
 */
class S3MediaStore implements MediaStore {

    private static final Logger LOG = Logger.getLogger(S3MediaStore.class);

    private final S3Client client;
    private final S3Presigner presigner;
    private final String bucket;
    private final Executor workers;

    S3MediaStore(S3Client client, S3Presigner presigner, String bucket, Executor workers) {
        this.client = client;
        this.presigner = presigner;
        this.bucket = bucket;
        this.workers = workers;
    }

    @Override
    public Uni<Void> put(String key, byte[] jpeg) {
        return blocking(() -> {
            client.putObject(put -> put.bucket(bucket).key(key).contentType("image/jpeg"), RequestBody.fromBytes(jpeg));
            return null;
        });
    }

    @Override
    public Uni<Optional<byte[]>> get(String key) {
        return blocking(() -> {
            try {
                return Optional.of(client.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asByteArray());
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * One DeleteObject per key: the batch DeleteObjects needs a checksum header that several S3-compatible stores
     * do not implement (S3Proxy answers 501), and a cleanup batch is at most a few hundred keys.
     */
    @Override
    public Uni<Void> delete(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return blocking(() -> {
            for (String key : keys) {
                client.deleteObject(delete -> delete.bucket(bucket).key(key));
            }
            return null;
        });
    }

    @Override
    public Optional<URI> signedLink(String key, Duration validity) {
        return Optional.of(URI.create(presigner.presignGetObject(request -> request.signatureDuration(validity)
                .getObjectRequest(get -> get.bucket(bucket).key(key))).url().toString()));
    }

    void close() {
        presigner.close();
        client.close();
    }

    /** On a worker thread; a store that cannot be reached answers 503, not 500. */
    private <T> Uni<T> blocking(java.util.function.Supplier<T> call) {
        return Uni.createFrom().item(call).runSubscriptionOn(workers)
                .onFailure(SdkException.class).transform(failure -> {
                    LOG.warnf("The object store failed: %s", failure.getMessage());
                    return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "The photo store cannot be reached; try again later.");
                });
    }
}
