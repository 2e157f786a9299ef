package id.lumbung.core.ratelimit;

import id.lumbung.core.access.Caller;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Token buckets per user, tenant and client address, shared by every API replica ({@link
 * SharedBuckets}, decision 0026). A bulk pull that runs out answers {@code 429 rate_limited} with
 * the seconds to wait, and is audited.
 */
@Singleton
public final class RateLimits {
    private final RateLimitSettings settings;
    private final AuditLog audit;
    private final SharedBuckets buckets;

    RateLimits(RateLimitSettings settings, AuditLog audit, SharedBuckets buckets) {
        this.settings = settings;
        this.audit = audit;
        this.buckets = buckets;
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
        long waitNanos = buckets.tryTake(key, perWindow, settings.window());
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
}
