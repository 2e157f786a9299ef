package id.lumbung.core.audit;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.TenantAccess;
import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * The append-only audit log, hash-chained per tenant: each entry's hash covers the previous
 * entry's hash, so changing or deleting any entry breaks the chain from there on. The
 * application's database role may only insert and select.
 */
@Singleton
public final class AuditLog {
    /** The hash before the first entry of a chain. */
    public static final String GENESIS = "0".repeat(64);

    private static final String COLUMNS = "tenant_id, seq, occurred_at, actor, roles, action, purpose, subject_hash,"
            + " fields, result, request_id, prev_hash, hash";

    private final TenantTransactions transactions;
    private final TenantAccess access;

    AuditLog(TenantTransactions transactions, TenantAccess access) {
        this.transactions = transactions;
        this.access = access;
    }

    /**
     * Appends an entry in the caller's transaction, so the entry and the change it records
     * commit or roll back together.
     */
    public AuditEntry record(
            Connection connection,
            String tenantId,
            Caller caller,
            String action,
            String subject,
            List<String> fields,
            String result)
            throws SQLException {
        // Entries of one tenant are chained one after the other: serialise appends per tenant.
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "lumbung.audit." + tenantId);
            lock.execute();
        }
        long seq = 1;
        String prevHash = GENESIS;
        try (PreparedStatement last = connection.prepareStatement(
                "SELECT seq, hash FROM audit_log WHERE tenant_id = ? ORDER BY seq DESC LIMIT 1")) {
            last.setString(1, tenantId);
            try (ResultSet rows = last.executeQuery()) {
                if (rows.next()) {
                    seq = rows.getLong(1) + 1;
                    prevHash = rows.getString(2);
                }
            }
        }
        AuditEntry unsealed = new AuditEntry(
                tenantId,
                seq,
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                caller.username(),
                caller.rolesText(),
                action,
                caller.purpose() == null ? action.toLowerCase(java.util.Locale.ROOT) : caller.purpose(),
                subject == null ? null : sha256(subject),
                String.join(",", fields),
                result,
                caller.requestId(),
                prevHash,
                "");
        AuditEntry entry = new AuditEntry(
                unsealed.tenantId(),
                unsealed.seq(),
                unsealed.occurredAt(),
                unsealed.actor(),
                unsealed.roles(),
                unsealed.action(),
                unsealed.purpose(),
                unsealed.subjectHash(),
                unsealed.fields(),
                unsealed.result(),
                unsealed.requestId(),
                unsealed.prevHash(),
                sha256(unsealed.canonical()));
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, entry.tenantId());
            insert.setLong(2, entry.seq());
            insert.setTimestamp(3, Timestamp.from(entry.occurredAt()));
            insert.setString(4, entry.actor());
            insert.setString(5, entry.roles());
            insert.setString(6, entry.action());
            insert.setString(7, entry.purpose());
            insert.setString(8, entry.subjectHash());
            insert.setString(9, entry.fields());
            insert.setString(10, entry.result());
            insert.setString(11, entry.requestId());
            insert.setString(12, entry.prevHash());
            insert.setString(13, entry.hash());
            insert.executeUpdate();
        }
        return entry;
    }

    /** Appends an entry in a transaction of its own (for reads, which change nothing else). */
    public void record(String tenantId, Caller caller, String action, String subject, List<String> fields) {
        transactions.inTenant(
                tenantId, connection -> record(connection, tenantId, caller, action, subject, fields, "OK"));
    }

    /** Recomputes the tenant's chain and reports the first entry that does not match. */
    public Verification verify(Caller caller, String tenantId) {
        access.readAudit(caller, tenantId);
        return transactions.inTenant(tenantId, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM audit_log WHERE tenant_id = ? ORDER BY seq")) {
                query.setString(1, tenantId);
                query.setFetchSize(1_000);
                long checked = 0;
                String expectedPrev = GENESIS;
                long expectedSeq = 1;
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        AuditEntry entry = map(rows);
                        checked++;
                        boolean intact = entry.seq() == expectedSeq
                                && entry.prevHash().equals(expectedPrev)
                                && entry.hash().equals(sha256(entry.canonical()));
                        if (!intact) {
                            return new Verification(tenantId, checked, false, entry.seq());
                        }
                        expectedPrev = entry.hash();
                        expectedSeq++;
                    }
                }
                return new Verification(tenantId, checked, true, null);
            }
        });
    }

    /** Entries matching the filters, newest first (auditor and DPO). Each search is itself audited. */
    public List<AuditEntry> search(
            Caller caller, String tenantId, String actor, String action, Instant from, Instant to, int limit) {
        access.readAudit(caller, tenantId);
        return transactions.inTenant(tenantId, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM audit_log"
                    + " WHERE tenant_id = ? AND (?::text IS NULL OR actor = ?) AND (?::text IS NULL OR action = ?)"
                    + " AND (?::timestamptz IS NULL OR occurred_at >= ?) AND (?::timestamptz IS NULL OR occurred_at < ?)"
                    + " ORDER BY seq DESC LIMIT ?")) {
                query.setString(1, tenantId);
                query.setString(2, actor);
                query.setString(3, actor);
                query.setString(4, action);
                query.setString(5, action);
                Timestamp fromTs = from == null ? null : Timestamp.from(from);
                Timestamp toTs = to == null ? null : Timestamp.from(to);
                query.setTimestamp(6, fromTs);
                query.setTimestamp(7, fromTs);
                query.setTimestamp(8, toTs);
                query.setTimestamp(9, toTs);
                query.setInt(10, Math.max(1, Math.min(limit, 1_000)));
                List<AuditEntry> entries = Rows.list(query, AuditLog::map);
                record(connection, tenantId, caller, "AUDIT_SEARCH", null, List.of("audit_log"), "OK");
                return entries;
            }
        });
    }

    private static AuditEntry map(ResultSet row) throws SQLException {
        return new AuditEntry(
                row.getString("tenant_id"),
                row.getLong("seq"),
                row.getTimestamp("occurred_at").toInstant(),
                row.getString("actor"),
                row.getString("roles"),
                row.getString("action"),
                row.getString("purpose"),
                row.getString("subject_hash"),
                row.getString("fields"),
                row.getString("result"),
                row.getString("request_id"),
                row.getString("prev_hash"),
                row.getString("hash"));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The outcome of a chain verification.
     *
     * @param tenantId the tenant
     * @param entriesChecked entries read, up to and including the first broken one
     * @param intact whether the whole chain matches
     * @param firstBrokenSeq the first entry that does not match, if any
     */
    @Serdeable
    public record Verification(String tenantId, long entriesChecked, boolean intact, Long firstBrokenSeq) {}
}
