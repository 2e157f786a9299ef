package id.lumbung.core.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for asynchronous work (outbox workers, retries) without fixed sleeps. */
public final class Eventually {
    private Eventually() {}

    /** Polls {@code value} until {@code condition} holds, or fails after {@code timeout} showing the last value. */
    public static <T> T await(Duration timeout, Supplier<T> value, Predicate<T> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within " + timeout + "; last value: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting", e);
            }
            last = value.get();
        }
        return last;
    }
}
