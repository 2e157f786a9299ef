package id.lumbung.core.operations;

import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What an operator is woken for, read across every tenant: jobs that stopped moving, agency work
 * that waits too long, and audit chains that no longer verify (the alert rules in
 * {@code docs/observability/}).
 */
@Singleton
public final class Watch {
    private final TenantTransactions transactions;
    private final AuditLog audit;

    Watch(TenantTransactions transactions, AuditLog audit) {
        this.transactions = transactions;
        this.audit = audit;
    }

    /** Imports running longer than {@code running}, or queued longer than {@code queued}. */
    public long stuckImports(Duration running, Duration queued) {
        return transactions.acrossAllTenants(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM import_job"
                    + " WHERE (status = 'RUNNING' AND started_at < now() - make_interval(secs => ?))"
                    + " OR (status = 'QUEUED' AND created_at < now() - make_interval(secs => ?))")) {
                query.setDouble(1, running.toSeconds());
                query.setDouble(2, queued.toSeconds());
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    /** Verifies every tenant's audit chain; answers those that do not verify. */
    public List<AuditLog.Verification> brokenAuditChains() {
        List<String> tenants = transactions.acrossAllTenants(connection -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                            "SELECT DISTINCT tenant_id FROM audit_checkpoint UNION SELECT id FROM tenant");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        });
        List<AuditLog.Verification> broken = new ArrayList<>();
        for (String tenantId : tenants) {
            AuditLog.Verification verification = audit.check(tenantId);
            if (!verification.intact()) {
                broken.add(verification);
            }
        }
        return broken;
    }
}
