import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady load for the rolling-upgrade benchmark: GET {url} with a bearer token at a fixed rate
 * until {stopFile} exists; then how many requests were sent, answered 2xx, answered otherwise or
 * lost (no answer), and the latency's median and 99th percentile.
 * Usage: java bench/ops/SteadyLoad.java url token perSecond stopFile
 */
public class SteadyLoad {
    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String token = args[1];
        int perSecond = Integer.parseInt(args[2]);
        Path stop = Path.of(args[3]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        AtomicLong sent = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        clock.scheduleAtFixedRate(
                () -> {
                    sent.incrementAndGet();
                    long started = System.nanoTime();
                    http.sendAsync(
                                    HttpRequest.newBuilder(url)
                                            .timeout(Duration.ofSeconds(30))
                                            .header("Authorization", "Bearer " + token)
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .whenComplete((response, error) -> {
                                micros.add((System.nanoTime() - started) / 1_000);
                                if (error != null) {
                                    failed.computeIfAbsent(error.getClass().getSimpleName(), k -> new AtomicLong())
                                            .incrementAndGet();
                                } else if (response.statusCode() / 100 == 2) {
                                    ok.incrementAndGet();
                                } else {
                                    failed.computeIfAbsent("HTTP " + response.statusCode(), k -> new AtomicLong())
                                            .incrementAndGet();
                                }
                            });
                },
                0,
                1_000_000 / perSecond,
                TimeUnit.MICROSECONDS);
        while (!Files.exists(stop)) {
            Thread.sleep(100);
        }
        clock.shutdown();
        Thread.sleep(5_000); // the last answers
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        long answered = ok.get() + failed.values().stream().mapToLong(AtomicLong::get).sum();
        Map<String, Long> failures = new TreeMap<>();
        failed.forEach((kind, count) -> failures.put(kind, count.get()));
        System.out.printf(
                "sent %d, 2xx %d, other %s, without any answer %d; median %.1f ms, p99 %.1f ms%n",
                sent.get(),
                ok.get(),
                failures,
                sent.get() - answered,
                sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get((int) (sorted.size() * 0.99)) / 1000.0);
    }
}
