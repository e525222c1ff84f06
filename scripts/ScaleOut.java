import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * Load and checks for scripts/scale-out.sh (JDK only; compiled together with PollBench, whose tokens it uses).
 * Every loop is bounded.
 *   keys DIR                                  an RSA key pair for throw-away tokens
 *   poll BASE DIR                             creates and publishes a LIVE poll, prints its id
 *   load BASE DIR POLL LABEL N INFLIGHT       N requests: 50 % votes, 20 % feedback, 30 % status lookups
 *   idempotent DIR MARKER N BASE...           one citizen, one Idempotency-Key, N posts spread over the instances
 *   one-vote DIR POLL N BASE...               one citizen votes N times at once, spread over the instances
 *   deliveries BASE DIR EVENTS RECEIVERPORT   a webhook receiver; EVENTS answered incidents; counts what arrives
 */
public class ScaleOut {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8)).build();

    public static void main(String[] args) throws Exception {
        int status = 0;
        try {
            run(args);
        } catch (Throwable failure) {
            failure.printStackTrace();
            status = 1;
        }
        System.exit(status); // the receiver's and the HTTP client's threads would keep the JVM alive
    }

    static void run(String[] args) throws Exception {
        switch (args[0]) {
            case "keys" -> PollBench.keys(Path.of(args[1]));
            case "poll" -> System.out.println(createPoll(args[1], key(args[2])));
            case "load" -> load(args[1], key(args[2]), args[3], args[4], Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            case "idempotent" -> idempotent(key(args[1]), args[2], Integer.parseInt(args[3]), List.of(args).subList(4, args.length));
            case "one-vote" -> oneVote(key(args[1]), args[2], Integer.parseInt(args[3]), List.of(args).subList(4, args.length));
            case "deliveries" -> deliveries(args[1], key(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // --- tokens: PollBench's throw-away key and signed tokens ---------------------------------------

    static PrivateKey key(String dir) throws Exception {
        return PollBench.key(dir);
    }

    static String token(PrivateKey key, String subject, String role, String extraClaims) {
        try {
            return PollBench.token(key, subject, role, extraClaims);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String citizen(PrivateKey key, String subject) {
        return token(key, subject, "citizen", ",\"azp\":\"otklik-widget\",\"district\":\"leninsky\",\"birthdate\":\"1980-01-01\"");
    }

    // --- requests -------------------------------------------------------------------------------------

    static HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> post(String url, String token, String json, String... headers) {
        HttpRequest.Builder builder = request(url, token).header("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }

    static String feedbackBody(String text) {
        return "{\"categoryCode\":\"roads.potholes\",\"text\":\"" + text + "\",\"districtCode\":\"oktyabrsky\","
                + "\"address\":\"Московское шоссе, 41\"}";
    }

    static String createPoll(String base, PrivateKey key) {
        String admin = token(key, "scale-admin", "admin", "");
        String body = """
                {"title": {"ru": "Опрос для проверки нескольких экземпляров"}, "opensAt": "%s", "closesAt": "%s", "resultsPolicy": "LIVE",
                 "questions": [{"type": "SINGLE", "title": {"ru": "Что важнее?"},
                    "options": [{"code": "park", "title": {"ru": "Парк"}}, {"code": "bikes", "title": {"ru": "Велодорожки"}}]}]}"""
                .formatted(Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86_400));
        HttpResponse<String> created = post(base + "/api/v1/admin/polls", admin, body);
        String id = field(created.body(), "id");
        if (created.statusCode() != 201 || id == null) {
            throw new IllegalStateException("create poll: " + created.statusCode() + " " + created.body());
        }
        HttpResponse<String> published = send(request(base + "/api/v1/admin/polls/" + id + "/publish", admin)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        if (published.statusCode() != 200) {
            throw new IllegalStateException("publish poll: " + published.body());
        }
        return id;
    }

    static String ballot(int i) {
        return "{\"answers\":[{\"questionId\":\"q1\",\"optionCodes\":[\"" + (i % 2 == 0 ? "park" : "bikes") + "\"]}]}";
    }

    // --- load -----------------------------------------------------------------------------------------

    record Outcome(String kind, int status, long nanos) {
    }

    static void load(String base, PrivateKey key, String poll, String label, int n, int inFlight) throws Exception {
        // a few incidents to look up, made before the clock starts
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = post(base + "/api/v1/feedback", citizen(key, label + "-seed-" + i), feedbackBody("Замер " + label + " " + i));
            numbers.add(field(r.body(), "number"));
        }
        // Every request, its signed token included, is built before the clock starts: signing an RSA token per
        // request inside the timed loop made the generator, not the service, the bottleneck (issue 29).
        List<String> kinds = new ArrayList<>(n);
        List<HttpRequest> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = i % 10;
            String kind = k < 5 ? "vote" : k < 7 ? "feedback" : "status";
            kinds.add(kind);
            requests.add(switch (kind) {
                case "vote" -> request(base + "/api/v1/polls/" + poll + "/ballots", citizen(key, label + "-voter-" + i))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ballot(i))).build();
                case "feedback" -> request(base + "/api/v1/feedback", citizen(key, label + "-author-" + i))
                        .header("Content-Type", "application/json").header("Idempotency-Key", label + "-" + i)
                        .POST(HttpRequest.BodyPublishers.ofString(feedbackBody("Нагрузка " + label + " " + i))).build();
                default -> request(base + "/api/v1/incidents/" + numbers.get(i % numbers.size()) + "/status", null).GET().build();
            });
        }
        Semaphore slots = new Semaphore(inFlight);
        List<CompletableFuture<Outcome>> futures = new ArrayList<>(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String kind = kinds.get(i);
            HttpRequest request = requests.get(i);
            slots.acquire();
            long sent = System.nanoTime();
            futures.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
                slots.release();
                return new Outcome(kind, failure == null ? response.statusCode() : -1, System.nanoTime() - sent);
            }));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
        long[] latencies = new long[n];
        for (int i = 0; i < n; i++) {
            Outcome outcome = futures.get(i).get();
            statuses.computeIfAbsent(outcome.kind(), x -> new TreeMap<>()).merge(outcome.status(), 1, Integer::sum);
            latencies[i] = outcome.nanos();
        }
        java.util.Arrays.sort(latencies);
        long failed = statuses.values().stream().flatMap(m -> m.entrySet().stream())
                .filter(e -> e.getKey() < 200 || e.getKey() >= 300).mapToLong(Map.Entry::getValue).sum();
        System.out.printf("%s: %d requests, %d in flight, %.1f s, %.0f req/s, latency ms p50 %.0f p95 %.0f p99 %.0f, statuses %s, %d not 2xx%n",
                label, n, inFlight, seconds, n / seconds, latencies[n / 2] / 1e6, latencies[(int) (n * 0.95)] / 1e6,
                latencies[(int) (n * 0.99)] / 1e6, statuses, failed);
    }

    // --- checks ---------------------------------------------------------------------------------------

    static List<HttpResponse<String>> atOnce(int n, Function<Integer, HttpRequest> requests) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        var threads = Executors.newFixedThreadPool(n);
        for (int i = 0; i < n; i++) {
            HttpRequest request = requests.apply(i);
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return send(request);
            }, threads));
        }
        go.countDown();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> future : futures) {
            responses.add(future.get());
        }
        threads.shutdown();
        return responses;
    }

    static void idempotent(PrivateKey key, String marker, int n, List<String> bases) throws Exception {
        String author = citizen(key, "idempotent-" + marker);
        String idempotencyKey = "scale-out-" + Integer.toHexString(marker.hashCode()) + "-" + System.nanoTime();
        List<HttpResponse<String>> responses = atOnce(n, i -> request(bases.get(i % bases.size()) + "/api/v1/feedback", author)
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(feedbackBody(marker))).build());
        Map<Integer, Integer> statuses = new TreeMap<>();
        Set<String> numbers = new java.util.TreeSet<>();
        responses.forEach(r -> {
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (field(r.body(), "number") != null) {
                numbers.add(field(r.body(), "number"));
            }
        });
        System.out.printf("idempotent intake: %d posts of one feedback with one Idempotency-Key over %d instances -> statuses %s, %d distinct incident numbers %s%n",
                n, bases.size(), statuses, numbers.size(), numbers);
    }

    static void oneVote(PrivateKey key, String poll, int n, List<String> bases) throws Exception {
        String voter = citizen(key, "one-vote-" + UUID.randomUUID());
        List<HttpResponse<String>> responses = atOnce(n, i -> request(bases.get(i % bases.size()) + "/api/v1/polls/" + poll + "/ballots", voter)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ballot(i))).build());
        Map<Integer, Integer> statuses = new TreeMap<>();
        responses.forEach(r -> statuses.merge(r.statusCode(), 1, Integer::sum));
        System.out.printf("one vote per citizen: %d votes of one citizen at once over %d instances -> statuses %s%n", n, bases.size(), statuses);
    }

    static void deliveries(String base, PrivateKey key, int events, int receiverPort) throws Exception {
        Map<String, AtomicInteger> perEvent = new ConcurrentHashMap<>();
        AtomicLong total = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", receiverPort), 64);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/hooks", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            perEvent.computeIfAbsent(String.valueOf(id), x -> new AtomicInteger()).incrementAndGet();
            total.incrementAndGet();
            try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(50, 400)); // a slowish receiver
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            try (OutputStream out = exchange.getResponseBody()) {
                out.flush();
            }
            exchange.close();
        });
        receiver.start();
        String admin = token(key, "scale-admin", "admin", "");
        String operator = token(key, "scale-operator", "operator", "");
        String subscription = null;
        try {
            HttpResponse<String> subscribed = post(base + "/api/v1/admin/webhooks", admin,
                    "{\"url\":\"http://127.0.0.1:" + receiverPort + "/hooks/scale-out\",\"events\":[\"incident.accepted\",\"incident.answered\"]}");
            subscription = field(subscribed.body(), "id");
            if (subscribed.statusCode() != 201) {
                throw new IllegalStateException("subscribe: " + subscribed.body());
            }
            for (int i = 0; i < events / 2; i++) {
                String number = field(post(base + "/api/v1/feedback", citizen(key, "delivery-" + i + "-" + UUID.randomUUID()),
                        feedbackBody("Доставка " + i)).body(), "number");
                String tag = send(request(base + "/api/v1/incidents/" + number, operator).GET().build()).headers().firstValue("ETag").orElse("*");
                HttpResponse<String> accepted = post(base + "/api/v1/incidents/" + number + "/moderation", operator,
                        "{\"decision\":\"ACCEPT\"}", "If-Match", tag);
                tag = accepted.headers().firstValue("ETag").orElse("*");
                HttpResponse<String> answered = post(base + "/api/v1/incidents/" + number + "/answer", operator,
                        "{\"text\":\"Яма заделана\",\"resolution\":\"FIXED\"}", "If-Match", tag);
                if (accepted.statusCode() != 200 || answered.statusCode() != 200) {
                    throw new IllegalStateException("workflow: " + accepted.body() + " " + answered.body());
                }
            }
            long expected = events / 2 * 2L;
            long stableSince = System.nanoTime();
            long last = -1;
            for (int round = 0; round < 240; round++) { // at most 120 s
                Thread.sleep(500);
                if (total.get() != last) {
                    last = total.get();
                    stableSince = System.nanoTime();
                } else if (total.get() >= expected && System.nanoTime() - stableSince > 5_000_000_000L) {
                    break;
                }
            }
            long duplicates = perEvent.values().stream().filter(c -> c.get() > 1).count();
            System.out.printf("deliveries: %d events written, %d requests received, %d distinct events, %d received more than once%n",
                    expected, total.get(), perEvent.size(), duplicates);
        } finally {
            if (subscription != null) {
                send(request(base + "/api/v1/admin/webhooks/" + subscription, admin).DELETE().build());
            }
            receiver.stop(0);
        }
    }
}
