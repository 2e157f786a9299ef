package id.lumbung.core.access;

import id.lumbung.core.database.TenantTransactions;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a user's access to a tenant's personal data, opened with a reason, runs now: what the
 * {@link Authorizer} asks for a {@code REASONED} grant. Read from the database at most every few
 * seconds per user and tenant (a page asks for every verb); an access opened or closed in this
 * process counts at once, one opened or closed elsewhere within {@code lumbung.access.break-glass-fresh} (5 s);
 * expiry is exact.
 */
@Singleton
final class BreakGlassLedger {
    private final TenantTransactions transactions;
    private final BreakGlassRows rows;
    private final long freshMillis;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    BreakGlassLedger(
            TenantTransactions transactions,
            BreakGlassRows rows,
            @Value("${lumbung.access.break-glass-fresh:5s}") Duration fresh) {
        this.transactions = transactions;
        this.rows = rows;
        this.freshMillis = fresh.toMillis();
    }

    private record Known(Instant until, long readAt) {}

    /** Whether an access of this user to this tenant runs now. */
    boolean runs(String username, String tenantId) {
        String key = tenantId + "/" + username;
        Known cached = known.get(key);
        long now = System.currentTimeMillis();
        if (cached == null || now - cached.readAt() >= freshMillis) {
            // Joins a transaction of other tenants if one is open (a province's check), scoped to this tenant.
            Instant until =
                    transactions.inTenants(List.of(tenantId), connection -> rows.runningUntil(tenantId, username)
                            .orElse(Instant.EPOCH));
            cached = new Known(until, now);
            known.put(key, cached);
        }
        return cached.until().isAfter(Instant.now());
    }

    /** Forgets what it knew of this user and tenant: an access opened or closed here counts at once. */
    void forget(String username, String tenantId) {
        known.remove(tenantId + "/" + username);
    }
}
