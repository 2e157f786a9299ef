package id.lumbung.connectors.camel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A token bucket shared by an agency's workers: at most {@code perSecond} calls a second, in
 * bursts of at most a tenth of a second's worth. {@link #acquire()} waits for a token (the
 * workers are few and dedicated, so waiting is what they should do). Per process: with several
 * worker processes, give each its share of the agency's limit.
 */
public final class RateLimiter {
    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    public RateLimiter(double perSecond) {
        this(perSecond, System::nanoTime);
    }

    /** With its own clock (nanoseconds, as {@link System#nanoTime}): tests move time instead of waiting. */
    RateLimiter(double perSecond, LongSupplier nanoTime) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("A rate limit must be positive");
        }
        this.perNano = perSecond / TimeUnit.SECONDS.toNanos(1);
        this.burst = Math.max(1, perSecond / 10);
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** Waits until a call may be made. */
    public void acquire() {
        long wait;
        while ((wait = reserve()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /** Takes a token and answers 0, or answers how long to wait for one. */
    synchronized long reserve() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }
}
