package org.otklik.media;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The store {@code otklik.media.store} names. */
@ApplicationScoped
public class MediaStores {

    @Produces
    @Singleton
    MediaStore store(MediaConfig config, Pool pool) {
        if (config.store() == MediaConfig.StoreKind.POSTGRES) {
            return new MediaBlobRepository(pool);
        }
        MediaConfig.S3 s3 = config.s3();
        AwsCredentialsProvider credentials = s3.accessKeyId().isPresent() && s3.secretAccessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKeyId().get(), s3.secretAccessKey().get()))
                : DefaultCredentialsProvider.builder().build();
        S3Configuration addressing = S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle()).build();
        // Checksums only where the API requires them, and there as Content-MD5: the SDK's default (CRC32 trailers on
        // every upload, in aws-chunked encoding) is refused by many S3-compatible stores (501 from S3Proxy, older
        // MinIO and Ceph).
        var client = S3Client.builder()
                .addPlugin(LegacyMd5Plugin.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .region(Region.of(s3.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(addressing)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(s3.connectTimeout()).socketTimeout(s3.requestTimeout()))
                .overrideConfiguration(o -> o.apiCallTimeout(s3.requestTimeout()));
        var presigner = S3Presigner.builder()
                .region(Region.of(s3.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(addressing);
        s3.endpoint().map(URI::create).ifPresent(endpoint -> {
            client.endpointOverride(endpoint);
            presigner.endpointOverride(endpoint);
        });
        return new S3MediaStore(client.build(), presigner.build(), s3.bucket(), Infrastructure.getDefaultWorkerPool());
    }

    void close(@Disposes MediaStore store) {
        if (store instanceof S3MediaStore s3) {
            s3.close();
        }
    }
}
