package id.lumbung.core.operations;

import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an operator is woken for, read across every tenant: jobs that stopped moving and audit
 * chains that no longer verify (the alert rules in {@code docs/observability/}).
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

    /**
     * Claims the next verification of every audit chain for this process if none began within
     * {@code every}: of several worker replicas, one verifies. A claim whose verification never
     * ended is claimed again after {@code every}.
     */
    public boolean claimAuditVerification(Duration every) {
        return transactions.acrossAllTenants(connection -> {
            try (PreparedStatement claim = connection.prepareStatement(
                    "UPDATE audit_verification"
                            + " SET started_at = now() WHERE started_at IS NULL OR started_at < now() - make_interval(secs => ?)")) {
                claim.setDouble(1, every.toMillis() / 1000.0);
                return claim.executeUpdate() == 1;
            }
        });
    }

    /** Records what the verification this process claimed found. */
    public void recordAuditVerification(int broken) {
        transactions.acrossAllTenants(connection -> {
            try (PreparedStatement record =
                    connection.prepareStatement("UPDATE audit_verification SET verified_at = now(), broken = ?")) {
                record.setInt(1, broken);
                return record.executeUpdate();
            }
        });
    }

    /**
     * The last verification's result, whichever replica ran it.
     *
     * @param verifiedAt when it ended (null: never yet)
     * @param broken how many chains did not verify
     */
    public record AuditVerification(Instant verifiedAt, int broken) {}

    public AuditVerification lastAuditVerification() {
        return transactions.acrossAllTenants(connection -> {
            try (PreparedStatement query =
                            connection.prepareStatement("SELECT verified_at, broken FROM audit_verification");
                    ResultSet row = query.executeQuery()) {
                if (!row.next() || row.getTimestamp(1) == null) {
                    return new AuditVerification(null, 0);
                }
                return new AuditVerification(row.getTimestamp(1).toInstant(), row.getInt(2));
            }
        });
    }
}
