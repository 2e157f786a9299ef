package id.lumbung.core.ratelimit;

import id.lumbung.core.access.Caller;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets in memory, per user, tenant and client address. A bulk pull that runs out
 * answers {@code 429 rate_limited} with the seconds to wait, and is audited. (Several API
 * instances each keep their own buckets; a shared store comes with scale-out.)
 */
@Singleton
public final class RateLimits {
    private static final int MAX_TRACKED_KEYS = 100_000;

    private final RateLimitSettings settings;
    private final AuditLog audit;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimits(RateLimitSettings settings, AuditLog audit) {
        this.settings = settings;
        this.audit = audit;
    }

    /** A login attempt from this address for this username. */
    public void login(String clientAddress, String username) {
        take("login-ip:" + clientAddress, settings.loginPerIp());
        take("login-user:" + username, settings.loginPerUser());
    }

    /** A citizen's self-registration, or a look-up of its receipt, from this address (no login). */
    public void registration(String clientAddress) {
        take("registration-ip:" + clientAddress, settings.registrationsPerIp());
    }

    /** A lookup of personal data (NIK check, search, list) by the caller in the tenant. */
    public void lookup(Caller caller, String tenantId) {
        try {
            take("lookup-user:" + caller.username(), settings.lookupPerUser());
            take("lookup-tenant:" + tenantId, settings.lookupPerTenant());
        } catch (RateLimitedException e) {
            audit.record(tenantId, caller, "RATE_LIMITED", null, List.of());
            throw e;
        }
    }

    private void take(String key, int perWindow) {
        if (buckets.size() > MAX_TRACKED_KEYS) {
            buckets.clear();
        }
        long waitNanos = buckets.computeIfAbsent(key, k -> new Bucket(perWindow))
                .take(perWindow, settings.window().toNanos());
        if (waitNanos > 0) {
            throw new RateLimitedException(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
        }
    }

    /** Too many requests: wait {@link #retryAfterSeconds()} and try again. */
    public static final class RateLimitedException extends LumbungException {
        private final long retryAfterSeconds;

        RateLimitedException(long retryAfterSeconds) {
            super(ErrorCode.RATE_LIMITED, "Too many requests; try again in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** A token bucket refilled evenly over the window. */
    private static final class Bucket {
        private double tokens;
        private long last = System.nanoTime();

        Bucket(int capacity) {
            this.tokens = capacity;
        }

        /** Takes a token; answers 0, or the nanoseconds until one is available. */
        synchronized long take(int capacity, long windowNanos) {
            long now = System.nanoTime();
            double perNano = (double) capacity / windowNanos;
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }
    }
}
