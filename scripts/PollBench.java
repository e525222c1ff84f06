import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load client for scripts/bench-polls.sh (JDK only, run as a single-file program):
 *   keys DIR                         writes an RSA key pair (DIR/private.der, DIR/public.pem)
 *   poll BASE KEYDIR                 creates and publishes a LIVE poll, prints its id
 *   token KEYDIR ROLE                prints a token of that role
 *   vote BASE KEYDIR POLL N M        N citizens vote once each, M requests in flight
 *   ballots KEYDIR POLL N FILE       writes N lines "token TAB ballot" of distinct citizens, for wrk
 *   read BASE KEYDIR URLPATH N M     N GETs of BASE+URLPATH (as admin when the path is under /admin)
 *   sealed BALLOTKEY POLL N DIR      writes DIR/key.txt (the poll's data key, wrapped as the service wraps it) and
 *                                    DIR/sealed.copy (N claims with sealed ballots, COPY text format), as N
 *                                    citizens' votes would leave them (the format of poll/SealedBallot, BallotSeal)
 */
public class PollBench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "keys" -> keys(Path.of(args[1]));
            case "poll" -> System.out.println(createPoll(args[1], key(args[2])));
            case "token" -> System.out.println(token(key(args[1]), "bench-" + args[2], args[2], ""));
            case "vote" -> vote(args[1], key(args[2]), args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "ballots" -> ballots(key(args[1]), args[2], Integer.parseInt(args[3]), Path.of(args[4]));
            case "read" -> read(args[1], key(args[2]), args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "sealed" -> sealed(args[1], java.util.UUID.fromString(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void keys(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.write(dir.resolve("private.der"), pair.getPrivate().getEncoded());
        Files.writeString(dir.resolve("public.pem"), Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    }

    static PrivateKey key(String dir) throws Exception {
        byte[] der = Files.readAllBytes(Path.of(dir, "private.der"));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    static String token(PrivateKey key, String subject, String role, String extraClaims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"bench\",\"aud\":\"otklik-api\",\"sub\":\"" + subject + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + ",\"realm_access\":{\"roles\":[\"" + role + "\"]}" + extraClaims + "}")
                .getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + b64.encodeToString(signature.sign());
    }

    // HTTP/1.1: one connection per client in flight, as separate browsers and apps would open (HTTP/2 would multiplex
    // every request over one connection, hence one event loop of the service).
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static String createPoll(String base, PrivateKey key) throws Exception {
        String admin = token(key, "bench-admin", "admin", "");
        String opens = Instant.now().minusSeconds(3600).toString();
        String closes = Instant.now().plusSeconds(86_400).toString();
        String body = """
                {"title": {"ru": "Нагрузочный опрос"}, "opensAt": "%s", "closesAt": "%s", "resultsPolicy": "LIVE",
                 "questions": [
                   {"type": "SINGLE", "title": {"ru": "Что важнее?"},
                    "options": [{"code": "park", "title": {"ru": "Парк"}}, {"code": "bikes", "title": {"ru": "Велодорожки"}},
                                {"code": "trees", "title": {"ru": "Деревья"}}]},
                   {"type": "MULTIPLE", "title": {"ru": "Что ещё?"}, "required": false, "max": 2,
                    "options": [{"code": "light", "title": {"ru": "Свет"}}, {"code": "benches", "title": {"ru": "Скамейки"}},
                                {"code": "wc", "title": {"ru": "Туалеты"}}]},
                   {"type": "RATING", "title": {"ru": "Оценка"}, "scale": 5}]}""".formatted(opens, closes);
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/polls"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(created.body());
        if (created.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("create failed: " + created.statusCode() + " " + created.body());
        }
        HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/polls/" + id.group(1) + "/publish"))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (published.statusCode() != 200) {
            throw new IllegalStateException("publish failed: " + published.body());
        }
        return id.group(1);
    }

    static final String[] DISTRICTS = { "leninsky", "sovetsky", "samarsky", "kirovsky", "oktyabrsky", "promyshlenny" };
    static final String[] CHOICES = { "park", "bikes", "trees" };

    static String citizenToken(PrivateKey key, String poll, int i) throws Exception {
        return token(key, "bench-citizen-" + poll + "-" + i, "citizen", ",\"azp\":\"" + (i % 3 == 0 ? "otklik-mobile" : "otklik-widget")
                + "\",\"district\":\"" + DISTRICTS[i % DISTRICTS.length] + "\",\"birthdate\":\"1980-01-01\"");
    }

    static String ballot(int i) {
        return "{\"answers\":[{\"questionId\":\"q1\",\"optionCodes\":[\"" + CHOICES[i % 3] + "\"]},"
                + (i % 2 == 0 ? "{\"questionId\":\"q2\",\"optionCodes\":[\"light\",\"wc\"]}," : "")
                + "{\"questionId\":\"q3\",\"rating\":" + (i % 5 + 1) + "}]}";
    }

    static void ballots(PrivateKey key, String poll, int n, Path file) throws Exception {
        String[] lines = new String[n];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            try {
                lines[i] = citizenToken(key, poll, i) + "\t" + ballot(i);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Files.write(file, List.of(lines));
    }

    static void vote(String base, PrivateKey key, String poll, int n, int concurrency) throws Exception {
        List<HttpRequest> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String token = citizenToken(key, poll, i);
            String ballot = ballot(i);
            requests.add(HttpRequest.newBuilder(URI.create(base + "/api/v1/polls/" + poll + "/ballots"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(ballot)).build());
        }
        run("vote", requests, concurrency);
    }

    static void read(String base, PrivateKey key, String path, int n, int concurrency) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
        if (path.contains("/admin/")) {
            builder.header("Authorization", "Bearer " + token(key, "bench-admin", "admin", ""));
        }
        HttpRequest request = builder.build();
        run("read " + path, Collections.nCopies(n, request), concurrency);
    }

    static void run(String name, List<HttpRequest> requests, int concurrency) throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        long[] latencies = new long[requests.size()];
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> futures = new ArrayList<>(requests.size());
        long start = System.nanoTime();
        for (int i = 0; i < requests.size(); i++) {
            inFlight.acquire();
            int index = i;
            long sent = System.nanoTime();
            futures.add(HTTP.sendAsync(requests.get(i), HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
                latencies[index] = System.nanoTime() - sent;
                statuses.computeIfAbsent(failure == null ? response.statusCode() : -1, s -> new AtomicInteger()).incrementAndGet();
                inFlight.release();
                return null;
            }));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("%s: %d requests, %d in flight, %.1f s, %.0f req/s, latency ms p50 %.1f p95 %.1f p99 %.1f max %.1f, statuses %s%n",
                name, requests.size(), concurrency, seconds, requests.size() / seconds, pct(sorted, 50), pct(sorted, 95),
                pct(sorted, 99), sorted[sorted.length - 1] / 1e6, new TreeMap<>(statuses));
        if (System.getenv("BENCH_RESULT") != null) {
            Files.writeString(Path.of(System.getenv("BENCH_RESULT")), String.format(java.util.Locale.ROOT, "%.0f %.1f %.1f %.1f%n",
                    requests.size() / seconds, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99)));
        }
    }

    static double pct(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    static final String[] CHANNELS = { "WIDGET", "MOBILE", "GOSUSLUGI" };

    static void sealed(String ballotKey, java.util.UUID poll, int n, Path dir) throws Exception {
        javax.crypto.Mac derive = javax.crypto.Mac.getInstance("HmacSHA256");
        derive.init(new javax.crypto.spec.SecretKeySpec(ballotKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        javax.crypto.SecretKey kek = new javax.crypto.spec.SecretKeySpec(
                derive.doFinal("otklik polls key-encryption".getBytes(StandardCharsets.UTF_8)), "AES");
        java.security.SecureRandom random = new java.security.SecureRandom();
        byte[] dataKey = new byte[32];
        random.nextBytes(dataKey);
        byte[] aad = java.nio.ByteBuffer.allocate(16).putLong(poll.getMostSignificantBits())
                .putLong(poll.getLeastSignificantBits()).array();
        Files.writeString(dir.resolve("key.txt"), java.util.HexFormat.of().formatHex(gcm(kek, aad, dataKey, random)));
        javax.crypto.SecretKey key = new javax.crypto.spec.SecretKeySpec(dataKey, "AES");
        try (var out = Files.newBufferedWriter(dir.resolve("sealed.copy"))) {
            for (int i = 0; i < n; i++) {
                byte[] receiptHash = new byte[32];
                byte[] claim = new byte[32];
                random.nextBytes(receiptHash);
                random.nextBytes(claim);
                String choice = CHOICES[i % 3];
                int rating = i % 5 + 1;
                String json = "{\"r\":\"" + Base64.getEncoder().encodeToString(receiptHash) + "\",\"d\":\"" + DISTRICTS[i % 6]
                        + "\",\"c\":\"" + CHANNELS[i % 3] + "\",\"a\":[{\"questionId\":\"q1\",\"optionCodes\":[\"" + choice
                        + "\"]},{\"questionId\":\"q3\",\"rating\":" + rating + "}],\"k\":[\"\",\"q1\",\"q1=" + choice
                        + "\",\"q3\",\"q3=" + rating + "\"]}";
                byte[] plain = json.getBytes(StandardCharsets.UTF_8);
                java.nio.ByteBuffer padded = java.nio.ByteBuffer.allocate(((4 + plain.length + 511) / 512) * 512);
                padded.putInt(plain.length).put(plain);
                out.write(poll + "\t\\\\x" + java.util.HexFormat.of().formatHex(claim) + "\t\\\\x"
                        + java.util.HexFormat.of().formatHex(gcm(key, aad, padded.array(), random)) + "\n");
            }
        }
    }

    static byte[] gcm(javax.crypto.SecretKey key, byte[] aad, byte[] plain, java.security.SecureRandom random) throws Exception {
        byte[] iv = new byte[12];
        random.nextBytes(iv);
        javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new javax.crypto.spec.GCMParameterSpec(128, iv));
        cipher.updateAAD(aad);
        byte[] sealed = cipher.doFinal(plain);
        byte[] out = new byte[12 + sealed.length];
        System.arraycopy(iv, 0, out, 0, 12);
        System.arraycopy(sealed, 0, out, 12, sealed.length);
        return out;
    }
}
