package id.lumbung.core.database;

import io.micronaut.data.runtime.multitenancy.TenantResolver;
import jakarta.inject.Singleton;
import java.io.Serializable;

/**
 * The second of the three isolation layers: Micronaut Data fills every {@code @TenantId} column
 * and condition from here, that is, from the tenant of the enclosing {@link
 * TenantTransactions#inTenant} transaction. Outside one it refuses (fails closed), so a
 * repository of tenant-owned rows cannot be called without naming a tenant first.
 */
@Singleton
final class TransactionTenantResolver implements TenantResolver {
    @Override
    public Serializable resolveTenantIdentifier() {
        String tenant = TenantTransactions.currentTenant();
        if (tenant == null) {
            throw new IllegalStateException("Tenant-owned rows read or written outside a tenant transaction");
        }
        return tenant;
    }
}
