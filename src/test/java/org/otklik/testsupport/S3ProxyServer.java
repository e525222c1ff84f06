package org.otklik.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server for the object-store tests: S3Proxy (org.gaul:s3proxy from Maven Central, copied to
 * target/s3proxy by the build) with its in-memory blob store, as a child process on 127.0.0.1 and a free port,
 * with AWS v4 signatures checked. It runs in its own JVM because its Guice 7, Jetty 11 and Logback would clash
 * with Quarkus' test bootstrap in one class path. The bucket is created before the application starts.
 */
public class S3ProxyServer implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "otklik-media-test";
    public static final String ACCESS_KEY = "otklik-test-access";
    public static final String SECRET_KEY = "otklik-test-secret-0123456789";
    public static final String REGION = "us-east-1";

    private static URI endpoint;
    private Process process;

    @Override
    public Map<String, String> start() {
        try {
            int port = freePort();
            endpoint = URI.create("http://127.0.0.1:" + port);
            Path properties = Files.createTempFile("s3proxy", ".properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=transient",
                    "jclouds.identity=" + ACCESS_KEY,
                    "jclouds.credential=" + SECRET_KEY, ""));
            Path jar = Path.of("target", "s3proxy", "s3proxy.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: the build copies it (maven-dependency-plugin, generate-test-resources)");
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            Path log = Files.createTempFile("s3proxy", ".log");
            process = new ProcessBuilder(java, "-Xmx128m", "-jar", jar.toString(), "--properties", properties.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            awaitPort(port, log);
            try (S3Client client = client()) {
                client.createBucket(create -> create.bucket(BUCKET));
            }
            return Map.of(
                    "otklik.media.store", "S3",
                    "otklik.media.s3.endpoint", endpoint.toString(),
                    "otklik.media.s3.region", REGION,
                    "otklik.media.s3.bucket", BUCKET,
                    "otklik.media.s3.access-key-id", ACCESS_KEY,
                    "otklik.media.s3.secret-access-key", SECRET_KEY,
                    "otklik.media.s3.path-style", "true");
        } catch (IOException e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    /** A client of the running server, for checks behind the application's back. */
    public static S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).region(Region.of(REGION)).forcePathStyle(true)
                .addPlugin(LegacyMd5Plugin.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void awaitPort(int port, Path log) throws IOException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("S3Proxy did not listen within 60 s: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
