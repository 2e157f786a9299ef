package id.lumbung.core.database;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs work in a database transaction scoped to tenants: the transaction first sets
 * {@code lumbung.tenants}, which the row-level security policies filter on, so a query that
 * forgets its {@code WHERE tenant_id = ?} still cannot see another tenant's rows.
 */
@Singleton
public final class TenantTransactions {
    private static final Pattern TENANT_ID = Pattern.compile("[0-9]{4}");

    private static final String SCOPE_SQL =
            "SELECT set_config('role', ?, true), set_config('lumbung.tenants', ?, true)";
    private static final String ALL_TENANTS_SQL = "SELECT coalesce(string_agg(id, ','), '') FROM tenant";

    /** The tenant of the single-tenant transaction running on this thread, for {@link TransactionTenantResolver}. */
    private static final ThreadLocal<String> CURRENT_TENANT = new ThreadLocal<>();

    private final TransactionOperations<Connection> transactions;
    private final String appRole;

    TenantTransactions(TransactionOperations<Connection> transactions, DatabaseSettings settings) {
        this.transactions = transactions;
        this.appRole = settings.appRole();
    }

    /**
     * Work of the tenant whose commit must survive a power cut once acknowledged — money moving,
     * the audit log — whatever the server's default ({@link #commitSynchronously}).
     */
    public <T> T inTenantDurably(String tenantId, SqlWork<T> work) {
        return inTenant(tenantId, connection -> {
            commitSynchronously(connection);
            return work.run(connection);
        });
    }

    /**
     * This transaction's commit waits until its WAL is flushed (and, with a synchronous standby,
     * received there), even on a server running with {@code synchronous_commit = off} — as the
     * embedded one does, for speed on weak disks: an acknowledged payment mark or audit entry is
     * never lost, so a payment marked sent is never sent again after a crash.
     */
    public static void commitSynchronously(Connection connection) throws SQLException {
        try (PreparedStatement set =
                connection.prepareStatement("SELECT set_config('synchronous_commit', 'on', true)")) {
            set.execute();
        }
    }

    /** Work that reads or writes the rows of the given tenants only. */
    public <T> T inTenants(Collection<String> tenantIds, SqlWork<T> work) {
        String allowed = String.join(",", tenantIds);
        tenantIds.forEach(TenantTransactions::requireTenantId);
        return scoped(allowed, work);
    }

    /**
     * The work in a transaction whose scope is {@code allowed}. Work nested in another scoped
     * transaction joins it, so its scope is the outer one's again once the nested work is done (a
     * platform read inside a tenant's transaction never leaves the tenant's rows hidden, nor
     * another scope's rows visible, for what follows).
     */
    private <T> T scoped(String allowed, SqlWork<T> work) {
        String outer = SCOPE.get();
        return transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            scope(connection, allowed);
            SCOPE.set(allowed);
            T result;
            try {
                result = work.run(connection);
            } finally {
                if (outer == null) {
                    SCOPE.remove();
                } else {
                    SCOPE.set(outer);
                }
            }
            if (outer != null && !outer.equals(allowed)) {
                scope(connection, outer);
            }
            return result;
        });
    }

    /** The scope of the transaction open on this thread, if any. */
    private static final ThreadLocal<String> SCOPE = new ThreadLocal<>();

    /**
     * Work for one tenant. Micronaut Data repositories of tenant-owned entities ({@code @TenantId})
     * called inside it add {@code tenant_id = ?} for this tenant to every query and insert.
     */
    public <T> T inTenant(String tenantId, SqlWork<T> work) {
        String outer = CURRENT_TENANT.get();
        if (outer != null && !outer.equals(tenantId)) {
            throw new IllegalStateException("A transaction of one tenant cannot run work of another");
        }
        CURRENT_TENANT.set(tenantId);
        try {
            return inTenants(List.of(tenantId), work);
        } finally {
            if (outer == null) {
                CURRENT_TENANT.remove();
            }
        }
    }

    /** The tenant of the single-tenant transaction on this thread, if any. */
    static String currentTenant() {
        return CURRENT_TENANT.get();
    }

    /**
     * Work of the platform itself across every tenant (the outbox workers): the allowed list is
     * every registered tenant, never a wildcard a request could set.
     */
    public <T> T acrossAllTenants(SqlWork<T> work) {
        String all = transactions.executeWrite(status -> {
            try (PreparedStatement tenants = status.getConnection().prepareStatement(ALL_TENANTS_SQL);
                    ResultSet rows = tenants.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        });
        return scoped(all, work);
    }

    /** Work on platform tables that have no tenant (regions, the tenant registry, users). */
    public <T> T platform(SqlWork<T> work) {
        return scoped("", work);
    }

    /**
     * Switches the transaction to the application role (which owns nothing, so row-level
     * security applies even to an owner or superuser login) and sets the allowed tenants.
     * Both settings end with the transaction.
     */
    private void scope(Connection connection, String allowedTenants) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement(SCOPE_SQL)) {
            set.setString(1, appRole);
            set.setString(2, allowedTenants);
            set.execute();
        }
    }

    private static void requireTenantId(String tenantId) {
        if (tenantId == null || !TENANT_ID.matcher(tenantId).matches()) {
            throw new IllegalArgumentException("Not a tenant id: " + tenantId);
        }
    }

    /** A unit of JDBC work on the transaction's connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
