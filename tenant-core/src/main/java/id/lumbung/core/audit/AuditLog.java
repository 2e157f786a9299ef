package id.lumbung.core.audit;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The append-only audit log, hash-chained per tenant: each entry's keyed hash (HMAC, {@link
 * AuditSeal}) covers the previous entry's hash, so changing, reordering or deleting any entry
 * breaks the chain from there on, and without the key nobody can recompute it. The chain's head
 * is signed into {@code audit_checkpoint} at least every minute ({@link AuditCheckpoints}), so a
 * deleted tail is found too. The application's database role may only insert and select.
 */
@Singleton
public final class AuditLog {
    /** The hash before the first entry of a chain. */
    public static final String GENESIS = "0".repeat(64);

    private static final String COLUMNS = "tenant_id, seq, occurred_at, actor, roles, action, purpose, subject_hash,"
            + " fields, result, request_id, prev_hash, hash, key_id";

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final AuditSeal seal;

    AuditLog(TenantTransactions transactions, Authorizer access, AuditSeal seal) {
        this.transactions = transactions;
        this.access = access;
        this.seal = seal;
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
        // An entry acknowledged is never lost, whatever the server's default.
        TenantTransactions.commitSynchronously(connection);
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
        String keyId = seal.activeKeyId();
        AuditEntry unsealed = new AuditEntry(
                tenantId,
                seq,
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                caller.username(),
                caller.rolesText(),
                action,
                caller.purpose() == null ? action.toLowerCase(java.util.Locale.ROOT) : caller.purpose(),
                subject == null ? null : seal.seal(keyId, subject),
                String.join(",", fields),
                result,
                caller.requestId(),
                prevHash,
                "",
                keyId);
        AuditEntry entry = unsealed.sealed(seal.seal(keyId, unsealed.canonical()));
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
            insert.setString(14, entry.keyId());
            insert.executeUpdate();
        }
        return entry;
    }

    /** Appends an entry in a transaction of its own (for reads, which change nothing else). */
    public void record(String tenantId, Caller caller, String action, String subject, List<String> fields) {
        transactions.inTenant(
                tenantId, connection -> record(connection, tenantId, caller, action, subject, fields, "OK"));
    }

    /**
     * Recomputes the tenant's chain and reports the first entry that does not match: one changed
     * or sealed without the key, out of order, missing from the middle, or — against the latest
     * signed checkpoint — missing from the end.
     */
    public Verification verify(Caller caller, String tenantId) {
        access.require(caller, Permission.AUDIT_READ, tenantId);
        return check(tenantId);
    }

    /**
     * {@link #verify} for the platform's own watch, which no user asks for: its outcome names
     * entries by number, no person.
     */
    public Verification check(String tenantId) {
        return transactions.inTenant(tenantId, connection -> {
            Checkpoints checkpoints = checkpoints(connection, tenantId);
            Checkpoint checkpoint = checkpoints.latestSigned();
            Long checkpointSeq = checkpoint == null ? null : checkpoint.seq();
            long unkeyedUntil = unkeyedUntil(connection, tenantId);
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
                        if (entry.seq() != expectedSeq) {
                            // A gap (or a moved entry): the first missing one is the first affected.
                            return Verification.broken(tenantId, checked, expectedSeq, checkpointSeq, "entry_missing");
                        }
                        boolean sealedRight = entry.keyId() == null
                                // Sealed before keys existed: only entries of that time verify so.
                                ? entry.seq() <= unkeyedUntil
                                        && entry.hash().equals(AuditSeal.sha256(entry.canonical()))
                                : seal.verifies(entry.keyId(), entry.canonical(), entry.hash());
                        if (!sealedRight) {
                            return Verification.broken(tenantId, checked, entry.seq(), checkpointSeq, "entry_changed");
                        }
                        if (!entry.prevHash().equals(expectedPrev)) {
                            return Verification.broken(tenantId, checked, entry.seq(), checkpointSeq, "chain_broken");
                        }
                        if (checkpoint != null
                                && entry.seq() == checkpoint.seq()
                                && !entry.hash().equals(checkpoint.hash())) {
                            return Verification.broken(
                                    tenantId, checked, entry.seq(), checkpointSeq, "checkpoint_differs");
                        }
                        expectedPrev = entry.hash();
                        expectedSeq++;
                    }
                }
                if (checkpoint != null && checkpoint.seq() >= expectedSeq) {
                    return Verification.broken(tenantId, checked, expectedSeq, checkpointSeq, "tail_missing");
                }
                if (checkpoints.forgedSeq() != null) {
                    // The chain holds, but someone wrote a checkpoint without the key.
                    return Verification.broken(
                            tenantId, checked, checkpoints.forgedSeq(), checkpointSeq, "checkpoint_not_signed");
                }
                return new Verification(tenantId, checked, true, null, checkpointSeq, null);
            }
        });
    }

    /**
     * The tenant's newest checkpoint whose signature holds, and the lowest newer one that does not
     * (forged: the application cannot write an unsigned one), walking back from the newest.
     */
    private Checkpoints checkpoints(Connection connection, String tenantId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT seq, hash, key_id, signed_at, signature"
                + " FROM audit_checkpoint WHERE tenant_id = ? ORDER BY seq DESC")) {
            query.setString(1, tenantId);
            query.setFetchSize(100);
            Long forged = null;
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    long seq = row.getLong("seq");
                    String hash = row.getString("hash");
                    Instant signedAt = row.getTimestamp("signed_at").toInstant();
                    boolean signed = seal.verifies(
                            row.getString("key_id"),
                            AuditCheckpoints.signedText(tenantId, seq, hash, signedAt),
                            row.getString("signature"));
                    if (signed) {
                        return new Checkpoints(new Checkpoint(seq, hash), forged);
                    }
                    forged = seq;
                }
            }
            return new Checkpoints(null, forged);
        }
    }

    private static long unkeyedUntil(Connection connection, String tenantId) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT seq FROM audit_unkeyed_until WHERE tenant_id = ?")) {
            query.setString(1, tenantId);
            return Rows.first(query, row -> row.getLong(1)).orElse(0L);
        }
    }

    private record Checkpoints(Checkpoint latestSigned, Long forgedSeq) {}

    private record Checkpoint(long seq, String hash) {}

    /** Entries matching the filters, newest first (auditor and DPO). Each search is itself audited. */
    public List<AuditEntry> search(
            Caller caller, String tenantId, String actor, String action, Instant from, Instant to, int limit) {
        access.require(caller, Permission.AUDIT_READ, tenantId);
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
                row.getString("hash"),
                row.getString("key_id"));
    }

    /**
     * The outcome of a chain verification.
     *
     * @param tenantId the tenant
     * @param entriesChecked entries read, up to and including the first broken one
     * @param intact whether the whole chain matches
     * @param firstBrokenSeq the first entry that does not match (or is missing), if any
     * @param checkpointSeq the head of the latest signed checkpoint the chain was held against, if any
     * @param reason why it is broken: {@code entry_changed}, {@code chain_broken}, {@code entry_missing},
     *     {@code tail_missing}, {@code checkpoint_differs} or {@code checkpoint_not_signed}
     */
    @Serdeable
    public record Verification(
            String tenantId,
            long entriesChecked,
            boolean intact,
            @io.micronaut.core.annotation.Nullable Long firstBrokenSeq,
            @io.micronaut.core.annotation.Nullable Long checkpointSeq,
            @io.micronaut.core.annotation.Nullable String reason) {

        static Verification broken(String tenantId, long checked, long seq, Long checkpointSeq, String reason) {
            return new Verification(tenantId, checked, false, seq, checkpointSeq, reason);
        }
    }
}
