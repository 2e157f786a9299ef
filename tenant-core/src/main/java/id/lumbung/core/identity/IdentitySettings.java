package id.lumbung.core.identity;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A tenant's thresholds of identity resolution: at or above {@code match} a pair is one person;
 * between {@code review} and {@code match} a person looks at it. A tenant that set none uses the
 * platform's ({@code lumbung.identity.match-threshold}, {@code review-threshold}). A run keeps the
 * thresholds it started with.
 */
@Singleton
public class IdentitySettings {
    private final Authorizer access;
    private final TenantTransactions transactions;
    private final DuplicateRows rows;
    private final AuditLog audit;
    private final Resolver.Thresholds platform;

    IdentitySettings(
            Authorizer access,
            TenantTransactions transactions,
            DuplicateRows rows,
            AuditLog audit,
            @Value("${lumbung.identity.match-threshold:0.95}") double match,
            @Value("${lumbung.identity.review-threshold:0.5}") double review) {
        this.access = access;
        this.transactions = transactions;
        this.rows = rows;
        this.audit = audit;
        this.platform = new Resolver.Thresholds(match, review);
    }

    /**
     * The thresholds in force.
     *
     * @param own whether the tenant set them (else the platform's)
     */
    @Serdeable
    public record Setting(
            double matchThreshold,
            double reviewThreshold,
            boolean own,
            @Nullable String updatedBy,
            @Nullable Instant updatedAt) {}

    public Setting find(Caller caller, String tenantId) {
        access.require(caller, Permission.DUPLICATE_RUN, tenantId);
        return transactions.inTenant(tenantId, connection -> setting(tenantId));
    }

    /** Sets the tenant's thresholds: {@code 0 < review <= match < 1} (400 otherwise); audited. */
    public Setting save(Caller caller, String tenantId, double match, double review) {
        access.require(caller, Permission.IDENTITY_SETTINGS, tenantId);
        if (!(review > 0 && review <= match && match < 1)) {
            throw new LumbungException(
                    ErrorCode.BAD_REQUEST,
                    "Thresholds are probabilities with 0 < reviewThreshold <= matchThreshold < 1");
        }
        Setting saved = transactions.inTenant(tenantId, connection -> {
            rows.setting(tenantId, match, review, caller.username());
            return setting(tenantId);
        });
        audit.record(
                tenantId,
                caller,
                "IDENTITY_SETTINGS",
                String.format(Locale.ROOT, "match %.3f, review %.3f", match, review),
                List.of());
        return saved;
    }

    /** The thresholds a tenant's run or comparison uses, read in a transaction of its own. */
    Resolver.Thresholds of(String tenantId) {
        return transactions.inTenant(tenantId, connection -> inTransaction(tenantId));
    }

    /** As {@link #of}, inside the caller's transaction of the tenant (a lookup's one read). */
    Resolver.Thresholds inTransaction(String tenantId) {
        Setting setting = setting(tenantId);
        return new Resolver.Thresholds(setting.matchThreshold(), setting.reviewThreshold());
    }

    private Setting setting(String tenantId) {
        return rows.setting(tenantId)
                .map(own -> new Setting(
                        own.matchThreshold(), own.reviewThreshold(), true, own.updatedBy(), own.updatedAt()))
                .orElse(new Setting(platform.match(), platform.review(), false, null, null));
    }
}
