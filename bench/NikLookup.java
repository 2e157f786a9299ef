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
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lookup by NIK where wrk is missing: {connections} clients, each sending POST {url} with a NIK
 * picked at random from {niksFile} as soon as its previous answer came (a closed loop, as wrk
 * does), for {seconds} after as many seconds of warm-up; then requests a second, answers other
 * than 200, and the latency's median and 99th percentile.
 * Usage: java bench/NikLookup.java url token niksFile connections seconds
 */
public class NikLookup {
    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String token = args[1];
        List<String> niks = Files.readAllLines(Path.of(args[2]));
        int connections = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        run(http, url, token, niks, connections, seconds, null, null); // warm-up
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        AtomicLong failed = new AtomicLong();
        long started = System.nanoTime();
        run(http, url, token, niks, connections, seconds, micros, failed);
        double elapsed = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.println("no answer in " + seconds + " s (" + failed.get() + " failed)");
            return;
        }
        System.out.printf(
                "%d connection(s), %d s: %.0f req/s, %d not 200, p50 %.1f ms, p99 %.1f ms%n",
                connections,
                seconds,
                sorted.size() / elapsed,
                failed.get(),
                sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get((int) (sorted.size() * 0.99)) / 1000.0);
    }

    private static void run(
            HttpClient http,
            URI url,
            String token,
            List<String> niks,
            int connections,
            long seconds,
            List<Long> micros,
            AtomicLong failed)
            throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Random random = new Random(42 + c);
            Thread client = new Thread(() -> {
                while (System.nanoTime() < end) {
                    HttpRequest request = HttpRequest.newBuilder(url)
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"nik\":\"" + niks.get(random.nextInt(niks.size())) + "\"}"))
                            .build();
                    long sent = System.nanoTime();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        if (micros != null) {
                            micros.add((System.nanoTime() - sent) / 1000);
                            if (status != 200) {
                                failed.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        if (failed != null) {
                            failed.incrementAndGet();
                        }
                    }
                }
            });
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
    }
}
