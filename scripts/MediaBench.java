import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The photo benchmark's client (scripts/bench-media.sh): makes a 12-megapixel phone JPEG of about 3 MB, then for
 * each concurrency uploads it over and over for a while and prints uploads per second, latencies, and the service's
 * peak heap, RSS and decodes in flight (sampled from /q/metrics and /proc every 50 ms).
 *
 *   java MediaBench <base url> <token> <service pid> <seconds per level> <concurrency,...>
 */
public final class MediaBench {

    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+-]+)$", Pattern.MULTILINE);
    private static final Pattern DECODES = Pattern.compile("^otklik_media_decodes_in_flight(\\{[^}]*})? ([0-9.E+-]+)$", Pattern.MULTILINE);

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        long pid = Long.parseLong(args[2]);
        int seconds = Integer.parseInt(args[3]);
        byte[] photo = phonePhoto();
        System.out.printf("photo: 4032 x 3024 JPEG, %,d bytes%n", photo.length);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String boundary = "bench" + System.nanoTime();
        byte[] body = multipart(boundary, photo);
        HttpRequest upload = HttpRequest.newBuilder(URI.create(base + "/api/v1/media"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        check(http.send(upload, HttpResponse.BodyHandlers.ofString()));

        System.gc();
        Thread.sleep(1000);
        Sample idle = sample(http, base, pid);
        System.out.printf("idle: heap %d MiB, RSS %d MiB%n", idle.heap >> 20, idle.rss >> 20);
        System.out.println();
        System.out.println("| uploads at once | uploads/s | p50 ms | p99 ms | failed | peak decodes in flight | peak heap MiB | heap over idle per decode MiB | peak RSS MiB |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String level : args[4].split(",")) {
            int clients = Integer.parseInt(level.trim());
            run(http, upload, clients, 3, base, pid);  // warm-up
            Result result = run(http, upload, clients, seconds, base, pid);
            int decodes = Math.max(1, (int) result.peak.decodes);
            System.out.printf("| %d | %.1f | %d | %d | %d | %d | %d | %d | %d |%n", clients, result.rate(), result.percentile(50),
                    result.percentile(99), result.failed, (int) result.peak.decodes, result.peak.heap >> 20,
                    Math.max(0, result.peak.heap - idle.heap) / decodes >> 20, result.peak.rss >> 20);
        }
    }

    record Sample(long heap, long rss, double decodes) {
        Sample max(Sample other) {
            return new Sample(Math.max(heap, other.heap), Math.max(rss, other.rss), Math.max(decodes, other.decodes));
        }
    }

    record Result(int done, int failed, double seconds, List<Long> millis, Sample peak) {
        double rate() {
            return done / seconds;
        }

        long percentile(int p) {
            if (millis.isEmpty()) {
                return 0;
            }
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }
    }

    private static Result run(HttpClient http, HttpRequest upload, int clients, int seconds, String base, long pid)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    long began = System.nanoTime();
                    try {
                        int status = http.send(upload, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status == 201) {
                            ok.incrementAndGet();
                            millis.add((System.nanoTime() - began) / 1_000_000);
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        failed.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        Sample peak = new Sample(0, 0, 0);
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            peak = peak.max(sample(http, base, pid));
            Thread.sleep(50);
        }
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result((int) ok.get(), (int) failed.get(), elapsed, millis, peak);
    }

    private static Sample sample(HttpClient http, String base, long pid) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long heap = 0;
        Matcher m = HEAP.matcher(metrics);
        while (m.find()) {
            heap += (long) Double.parseDouble(m.group(1));
        }
        Matcher d = DECODES.matcher(metrics);
        double decodes = d.find() ? Double.parseDouble(d.group(2)) : 0;
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return new Sample(heap, rss, decodes);
    }

    /** 12 MP of smooth gradients and fine noise, at quality 0.9: about what a phone camera writes. */
    private static byte[] phonePhoto() throws IOException {
        BufferedImage image = new BufferedImage(4032, 3024, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int noise = random.nextInt(24);
                int r = Math.min(255, x * 200 / 4032 + noise);
                int g = Math.min(255, y * 200 / 3024 + noise);
                int b = Math.min(255, 90 + ((x / 40 + y / 40) % 2) * 60 + noise);
                image.setRGB(x, y, new Color(r, g, b).getRGB());
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static byte[] multipart(String boundary, byte[] photo) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"IMG_0001.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(photo);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() != 201) {
            throw new IllegalStateException("upload refused: " + response.statusCode() + " " + response.body());
        }
    }
}
