package id.lumbung.core.identity;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background work of one kind of identity run (searches, comparisons), one at a time in
 * this process, and the runs it holds — queued or working — with their owner (tenant or
 * province): a held run is never taken for dead, and one a shutdown cuts short is failed, not
 * left RUNNING to block the next start.
 */
final class BackgroundRuns {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundRuns.class);
    static final String STOPPED = "Proses dihentikan: aplikasi dimatikan sebelum selesai";

    private final Map<UUID, String> held = new ConcurrentHashMap<>();
    private final ExecutorService executor;

    BackgroundRuns(String name) {
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Whether this process holds the run (queued or working). */
    boolean holds(UUID id) {
        return held.containsKey(id);
    }

    /** Queues the run's work; the run is held until its work ends. */
    void submit(UUID id, String owner, Runnable work) {
        held.put(id, owner);
        executor.execute(() -> {
            try {
                work.run();
            } finally {
                held.remove(id);
            }
        });
    }

    /** Fails every run still held ({@code fail} with its owner and id), then stops the work. */
    void stop(BiConsumer<String, UUID> fail) throws InterruptedException {
        held.forEach((id, owner) -> {
            try {
                fail.accept(owner, id);
            } catch (RuntimeException e) {
                LOG.warn("Run {} could not be marked as stopped: {}", id, e.getMessage());
            }
        });
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
