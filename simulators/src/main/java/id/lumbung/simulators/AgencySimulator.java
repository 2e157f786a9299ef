package id.lumbung.simulators;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Dukcapil, Dapodik and Kemensos simulators share: a real HTTP server on the loopback
 * interface that can be stopped (an outage) and started again on the same port, the common
 * {@link Faults} (outage, latency, 429 above a rate, 503 at an error rate) applied before an
 * agency answers, {@code /sim/faults} to change them over HTTP and {@code /sim/stats} to count
 * the calls received — where retries show.
 */
public abstract class AgencySimulator {
    private static final Logger LOG = LoggerFactory.getLogger(AgencySimulator.class);

    protected final JsonMapper json;
    private final String agency;
    private final int threads;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong refusedByRate = new AtomicLong();
    private final AtomicLong failedOnPurpose = new AtomicLong();
    private final java.util.concurrent.ConcurrentLinkedDeque<String> traceparents =
            new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final Object rateLock = new Object();
    private long rateSecond;
    private int servedThisSecond;
    private volatile Faults faults = Faults.NONE;
    private volatile int port;
    private HttpServer server;
    private ExecutorService executor;

    protected AgencySimulator(String agency, JsonMapper json, int port, int threads) {
        this.agency = agency;
        this.json = json;
        this.port = port;
        this.threads = threads;
    }

    /** Adds the agency's own paths. */
    protected abstract void contexts(HttpServer server);

    /** Starts listening (again, on the same port after {@link #stop()}). */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("The " + agency + " simulator cannot listen on port " + port, e);
        }
        port = server.getAddress().getPort();
        executor = Executors.newFixedThreadPool(threads);
        server.setExecutor(executor);
        contexts(server);
        server.createContext("/sim/faults", this::faultsOverHttp);
        server.createContext("/sim/stats", this::stats);
        server.start();
        LOG.info("{} simulator listening on {}", agency, baseUrl());
    }

    /** Stops listening: callers see connection refused, as in an outage. */
    @PreDestroy
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public void faults(Faults faults) {
        this.faults = faults;
    }

    public Faults faults() {
        return faults;
    }

    /** The W3C {@code traceparent} headers of the last thousand calls, oldest first. */
    public java.util.List<String> traceparents() {
        return java.util.List.copyOf(traceparents);
    }

    /** Calls received so far, faulty ones included: shows where retries happen. */
    public long hits() {
        return hits.get();
    }

    /**
     * Counts the call and applies the common faults in force.
     *
     * @return {@code true} when the fault answered (or dropped) the call: the agency must not
     */
    protected boolean faulty(HttpExchange exchange) throws IOException {
        hits.incrementAndGet();
        String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
        if (traceparent != null) {
            traceparents.addLast(traceparent);
            while (traceparents.size() > 1_000) {
                traceparents.pollFirst();
            }
        }
        Faults current = faults;
        if (current.down()) {
            return true; // closed without an answer: the caller sees the connection drop
        }
        SimulatorHttp.sleep(current.latencyMs());
        if (current.ratePerSecond() > 0 && !withinRate(current.ratePerSecond())) {
            refusedByRate.incrementAndGet();
            respond(exchange, 429, Map.of("message", "Too Many Requests"));
            return true;
        }
        if (ThreadLocalRandom.current().nextDouble() < current.errorRate()) {
            failedOnPurpose.incrementAndGet();
            respond(exchange, 503, Map.of("message", "Service Unavailable"));
            return true;
        }
        return false;
    }

    protected void respond(HttpExchange exchange, int status, Object body) throws IOException {
        SimulatorHttp.respond(json, exchange, status, body);
    }

    private boolean withinRate(double perSecond) {
        long second = System.nanoTime() / 1_000_000_000L;
        synchronized (rateLock) {
            if (second != rateSecond) {
                rateSecond = second;
                servedThisSecond = 0;
            }
            return ++servedThisSecond <= perSecond;
        }
    }

    /** {@code GET /sim/stats}: the calls received so far, for tests and benchmarks. */
    private void stats(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(
                    exchange,
                    200,
                    Map.of(
                            "hits", hits.get(),
                            "refusedByRate", refusedByRate.get(),
                            "failedOnPurpose", failedOnPurpose.get()));
        }
    }

    private void faultsOverHttp(HttpExchange exchange) throws IOException {
        faults = SimulatorHttp.faults(
                json,
                exchange,
                Faults.class,
                faults,
                "Body must be {latencyMs, errorRate, quotaExhausted, ratePerSecond, dailyQuota, outsideHours, down,"
                        + " duplicates}");
    }
}
