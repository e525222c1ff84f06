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
 * prior knowledge) with the Vert.x client. Outside the bulk and upload paths they are refused (411) while the
 * client is still sending 80 KiB, so nothing waits for or keeps the body; before, an HTTP/2 stream without
 * Content-Length was read up to the server-wide 16 MiB.
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
    void aChunkedBodyIsRefusedBeforeItEnds() throws Exception {
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
            assertThat(answer).startsWith("HTTP/1.1 411");
            assertThat(answer).containsIgnoringCase("content-type: application/problem+json");
        }
    }

    @Test
    void anHttp2BodyWithoutLengthIsRefusedBeforeItEnds() throws Exception {
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
        assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(411);
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
