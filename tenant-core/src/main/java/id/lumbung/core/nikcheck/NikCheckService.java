package id.lumbung.core.nikcheck;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.nik.Nik;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.outbox.OutboxMessage;
import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.core.ratelimit.RateLimits;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NIK checks: the shape is checked here, then the request goes to Dukcapil through the outbox
 * (same transaction), and the connector writes the answer back idempotently.
 */
@Singleton
public final class NikCheckService {
    private static final Logger LOG = LoggerFactory.getLogger(NikCheckService.class);
    private static final String COLUMNS =
            "tenant_id, id, nik_masked, status, result, attempts, last_error, created_at, completed_at";

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final Outbox outbox;
    private final JsonMapper json;
    private final AuditLog audit;
    private final IdentifierProtection protection;
    private final RateLimits rateLimits;

    NikCheckService(
            TenantTransactions transactions,
            Authorizer access,
            Outbox outbox,
            JsonMapper json,
            AuditLog audit,
            IdentifierProtection protection,
            RateLimits rateLimits) {
        this.protection = protection;
        this.rateLimits = rateLimits;
        this.transactions = transactions;
        this.access = access;
        this.outbox = outbox;
        this.json = json;
        this.audit = audit;
    }

    /** Queues a check of the NIK for the tenant. */
    public NikCheck submit(Caller caller, String tenantId, String rawNik) {
        access.require(caller, Permission.NIK_CHECK_RUN, tenantId);
        rateLimits.lookup(caller, tenantId);
        Nik nik = Nik.parse(rawNik);
        NikCheck check = transactions.inTenant(tenantId, connection -> {
            NikCheck queued = queue(connection, caller, tenantId, nik);
            audit.record(connection, tenantId, caller, "NIK_CHECK_CREATE", nik.value(), List.of("nik"), "OK");
            return queued;
        });
        LOG.info("NIK check {} queued for tenant {}: {}", check.id(), tenantId, nik.masked());
        return check;
    }

    /** The most NIKs one batch may hold. */
    public static final int MAXIMUM_BATCH = 1_000;

    /**
     * Queues checks of many NIKs at once, in one transaction: every NIK is checked first and one
     * malformed NIK refuses the batch (its position and reason are in the error; never the NIK).
     */
    public List<NikCheck> submitAll(Caller caller, String tenantId, List<String> rawNiks) {
        access.require(caller, Permission.NIK_CHECK_RUN, tenantId);
        if (rawNiks == null || rawNiks.isEmpty() || rawNiks.size() > MAXIMUM_BATCH) {
            throw new LumbungException(ErrorCode.NIK_BATCH_SIZE, "A batch holds from 1 to " + MAXIMUM_BATCH + " NIKs");
        }
        rateLimits.lookup(caller, tenantId);
        List<Nik> niks = new java.util.ArrayList<>(rawNiks.size());
        for (int i = 0; i < rawNiks.size(); i++) {
            try {
                niks.add(Nik.parse(rawNiks.get(i)));
            } catch (LumbungException e) {
                throw new LumbungException(
                        ErrorCode.NIK_BATCH_INVALID, "NIK number " + (i + 1) + " of the batch: " + e.getMessage());
            }
        }
        List<NikCheck> checks = transactions.inTenant(tenantId, connection -> {
            List<NikCheck> queued = new java.util.ArrayList<>(niks.size());
            for (Nik nik : niks) {
                queued.add(queue(connection, caller, tenantId, nik));
            }
            audit.record(connection, tenantId, caller, "NIK_CHECK_BATCH", niks.size() + " NIKs", List.of("nik"), "OK");
            return queued;
        });
        LOG.info("{} NIK checks queued for tenant {}", checks.size(), tenantId);
        return checks;
    }

    /** Writes the check and its outbox message in the caller's transaction. */
    private NikCheck queue(java.sql.Connection connection, Caller caller, String tenantId, Nik nik)
            throws SQLException {
        UUID id = UUID.randomUUID();
        String encrypted = protection.encrypt(tenantId, nik.value());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO nik_check (tenant_id, id,"
                + " nik_masked, nik_encrypted, nik_index, status, requested_by)"
                + " VALUES (?, ?, ?, ?, ?, 'QUEUED', ?) RETURNING " + COLUMNS)) {
            insert.setString(1, tenantId);
            insert.setObject(2, id);
            insert.setString(3, nik.masked());
            insert.setString(4, encrypted);
            insert.setString(5, protection.blindIndex(nik.value()));
            insert.setString(6, caller.username());
            outbox.append(
                    connection,
                    tenantId,
                    NikCheckRequest.AGENCY,
                    NikCheckRequest.KIND,
                    id,
                    toJson(new NikCheckRequest(id, encrypted)));
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return map(rows);
            }
        }
    }

    /** The tenant's most recent checks, newest first. */
    public List<NikCheck> recent(Caller caller, String tenantId, int limit) {
        access.require(caller, Permission.NIK_CHECK_READ, tenantId);
        rateLimits.lookup(caller, tenantId);
        List<NikCheck> checks = transactions.inTenant(tenantId, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM nik_check WHERE tenant_id = ? ORDER BY created_at DESC LIMIT ?")) {
                query.setString(1, tenantId);
                query.setInt(2, Math.max(1, Math.min(limit, 500)));
                return Rows.list(query, NikCheckService::map);
            }
        });
        audit.record(tenantId, caller, "NIK_CHECK_LIST", null, List.of("nik_masked", "status", "result"));
        return checks;
    }

    /** The check, if it exists in a tenant the caller may read. */
    public NikCheck find(Caller caller, String tenantId, UUID id) {
        access.require(caller, Permission.NIK_CHECK_READ, tenantId);
        NikCheck check = transactions
                .inTenant(tenantId, connection -> {
                    try (PreparedStatement query = connection.prepareStatement(
                            "SELECT " + COLUMNS + " FROM nik_check WHERE tenant_id = ? AND id = ?")) {
                        query.setString(1, tenantId);
                        query.setObject(2, id);
                        return Rows.first(query, NikCheckService::map);
                    }
                })
                .orElseThrow(() ->
                        new LumbungException(ErrorCode.NIK_CHECK_NOT_FOUND, "NIK check " + id + " was not found"));
        audit.record(tenantId, caller, "NIK_CHECK_READ", id.toString(), List.of("nik_masked", "status", "result"));
        return check;
    }

    /**
     * The full NIK of a check, for a role that needs it (verifier, DPO); the read is audited.
     * Everyone else gets {@code permission_denied}.
     */
    public String revealNik(Caller caller, String tenantId, UUID id) {
        access.require(caller, Permission.NIK_CHECK_READ, tenantId);
        access.require(caller, Permission.IDENTIFIER_REVEAL, tenantId);
        rateLimits.lookup(caller, tenantId);
        String encrypted = transactions.inTenant(tenantId, connection -> {
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT nik_encrypted FROM nik_check WHERE tenant_id = ? AND id = ?")) {
                query.setString(1, tenantId);
                query.setObject(2, id);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            }
        });
        if (encrypted == null) {
            throw new LumbungException(ErrorCode.NIK_CHECK_NOT_FOUND, "NIK check " + id + " was not found");
        }
        String nik = protection.decrypt(tenantId, encrypted);
        audit.record(tenantId, caller, "NIK_REVEAL", nik, List.of("nik"));
        return nik;
    }

    /** The full NIK a claimed message asks about, decrypted for the connector's call only. */
    public Nik nikToCheck(OutboxMessage message) {
        NikCheckRequest request;
        try {
            request = json.readValue(message.payload(), NikCheckRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable NIK check payload in outbox message " + message.id(), e);
        }
        return Nik.parse(protection.decrypt(message.tenantId(), request.nikEncrypted()));
    }

    /**
     * Writes Dukcapil's answer, once: a redelivered answer to a message already done changes nothing.
     *
     * @return whether this call applied the result
     */
    public boolean recordResult(OutboxMessage message, NikCheckResult result) {
        return transactions.inTenant(message.tenantId(), connection -> {
            if (!outbox.complete(connection, message.tenantId(), message.id())) {
                return false;
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE nik_check SET status = 'DONE', result = ?, attempts = ?, last_error = NULL,"
                            + " completed_at = now(), updated_at = now() WHERE tenant_id = ? AND id = ?")) {
                update.setString(1, result.name());
                update.setInt(2, message.attempts());
                update.setString(3, message.tenantId());
                update.setObject(4, message.aggregateId());
                update.executeUpdate();
            }
            return true;
        });
    }

    /** Records a failed attempt: the check waits for the next one, or fails when attempts are exhausted. */
    public void recordRetry(OutboxMessage message, Duration delay, String error, boolean giveUp) {
        transactions.inTenant(message.tenantId(), connection -> {
            outbox.retryLater(connection, message.tenantId(), message.id(), delay, error, giveUp);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE nik_check SET status = ?, attempts = ?, last_error = ?, updated_at = now()"
                            + " WHERE tenant_id = ? AND id = ? AND status <> 'DONE'")) {
                update.setString(1, (giveUp ? NikCheckStatus.FAILED : NikCheckStatus.RETRYING).name());
                update.setInt(2, message.attempts());
                update.setString(3, error);
                update.setString(4, message.tenantId());
                update.setObject(5, message.aggregateId());
                return update.executeUpdate();
            }
        });
    }

    private String toJson(NikCheckRequest request) {
        try {
            return json.writeValueAsString(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NikCheck map(ResultSet row) throws SQLException {
        String result = row.getString("result");
        return new NikCheck(
                row.getString("tenant_id"),
                row.getObject("id", UUID.class),
                row.getString("nik_masked"),
                NikCheckStatus.valueOf(row.getString("status")),
                result == null ? null : NikCheckResult.valueOf(result),
                row.getInt("attempts"),
                row.getString("last_error"),
                instant(row.getTimestamp("created_at")),
                instant(row.getTimestamp("completed_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
