package org.otklik.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;

/**
 * Bodies without Content-Length, sent by real clients: HTTP/1.1 chunked over a socket, and HTTP/2 (h2c with
 * prior knowledge) with the Vert.x client. Outside the bulk and upload paths each is counted as it arrives: one over
 * 64 KiB is refused (413 problem+json) while the client is still sending 80 KiB, so nothing waits for or keeps the
 * whole body (before, an HTTP/2 stream without Content-Length was read up to the server-wide 16 MiB); a small chunked
 * HTTP/1.1 body is served, a small HTTP/2 one answered 411 (see RequestLimitRoutes).
 */
@QuarkusTest
class BodyOfUnknownLengthTest {

    private static final String SMALL = "{\"text\":\"hello\",\"count\":1,\"primitive\":1}";
    private static final byte[] KIB = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);

    @Inject
    Vertx vertx;

    private HttpClient h2c;

    @BeforeEach
    void client() {
        h2c = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    }

    @AfterEach
    void close() throws Exception {
        h2c.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aSmallChunkedBodyIsServed() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] body = SMALL.getBytes(StandardCharsets.US_ASCII);
            out.write(("POST /test-probe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // in two chunks, then the last one
            int half = body.length / 2;
            out.write((Integer.toHexString(half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.write(("\r\n" + Integer.toHexString(body.length - half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, half, body.length - half);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"text\":\"hello\"");
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedBeforeItEnds() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /test-probe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // 80 KiB, and the final chunk never comes: an answer now shows the body was not awaited
            for (int i = 0; i < 80; i++) {
                out.write((Integer.toHexString(KIB.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(KIB);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            String answer = head(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).containsIgnoringCase("content-type: application/problem+json");
        }
    }

    @Test
    void aSmallHttp2BodyWithoutLengthIsCountedThenRefusedAs411() throws Exception {
        HttpClientRequest request = h2c.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                .setPort(RestAssured.port).setURI("/test-probe").putHeader("Content-Type", "application/json"))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        request.setChunked(true);
        var response = request.response().compose(answer -> answer.body()
                .map(body -> answer.statusCode() + " " + answer.getHeader("Content-Type") + " " + body.toString()));
        byte[] body = SMALL.getBytes(StandardCharsets.US_ASCII);
        request.write(Buffer.buffer(body).slice(0, 10));
        request.end(Buffer.buffer(body).slice(10, body.length));
        assertThat(request.headers().contains("Content-Length")).isFalse();
        // read to its end within the limit, then refused: Quarkus REST cannot take an HTTP/2 body read before it
        assertThat(response.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .startsWith("411 application/problem+json").contains("Content-Length");
    }

    @Test
    void anHttp2BodyWithoutLengthOverTheLimitIsRefusedBeforeItEnds() throws Exception {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        CompletableFuture<String> type = new CompletableFuture<>();
        HttpClientRequest request = h2c.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                .setPort(RestAssured.port).setURI("/test-probe").putHeader("Content-Type", "application/json"))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        request.response().onSuccess(response -> {
            type.complete(response.getHeader("Content-Type"));
            status.complete(response.statusCode());
        }).onFailure(status::completeExceptionally);
        request.setChunked(true);
        for (int i = 0; i < 80; i++) {
            request.write(Buffer.buffer(KIB));
        }
        // the stream stays open: the answer must come without the end of the body
        assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(413);
        assertThat(type.get(1, TimeUnit.SECONDS)).startsWith("application/problem+json");
        request.reset();
    }

    @Test
    void anHttp2BodyWithItsLengthGoesThrough() throws Exception {
        HttpClientRequest request = h2c.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                .setPort(RestAssured.port).setURI("/test-probe").putHeader("Content-Type", "application/json"))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        var response = request.send(Buffer.buffer(SMALL))
                .compose(answer -> answer.body().map(body -> answer.statusCode() + " " + body.toString()))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(request.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(response).startsWith("200").contains("\"text\":\"hello\"");
    }

    /** The status line and headers of an answer. */
    private static String head(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
