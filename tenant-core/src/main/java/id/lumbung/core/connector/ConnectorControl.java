package id.lumbung.core.connector;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.paging.Keyset;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators and connectors share about the exchanges with agencies: a connector paused
 * for a tenant (and resumed), each tenant's daily quota, dead letters and their retry, and the
 * state of the queues. Everything is per tenant, under row-level security.
 */
@Singleton
public final class ConnectorControl {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorControl.class);

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final AuditLog audit;
    private final Outbox outbox;

    ConnectorControl(TenantTransactions transactions, Authorizer access, AuditLog audit, Outbox outbox) {
        this.transactions = transactions;
        this.access = access;
        this.audit = audit;
        this.outbox = outbox;
    }

    /** Why a connector stopped calling for a tenant. */
    public enum PauseReason {
        /** Credentials, IP or institution refused: until an operator fixes and resumes it. */
        CONFIGURATION,
        /** The agency's or our daily quota is used up: until it resets. */
        QUOTA,
        /** Outside the agency's access hours: until they begin. */
        OUTSIDE_HOURS,
        /** Paused by hand. */
        OPERATOR
    }

    /**
     * A connector paused for a tenant.
     *
     * @param tenantId the tenant
     * @param agency the agency
     * @param reason why
     * @param message what the agency said, or who paused it
     * @param pausedUntil when calls resume by themselves; {@code null} for an operator to resume
     * @param pausedAt since when
     */
    public record Pause(
            String tenantId,
            String agency,
            PauseReason reason,
            String message,
            Instant pausedUntil,
            Instant pausedAt) {}

    /**
     * A message that exhausted its attempts.
     *
     * @param tenantId the tenant
     * @param id the message id
     * @param agency the agency
     * @param kind the kind of request
     * @param aggregateId the domain object waiting for it
     * @param attempts attempts made
     * @param reason the last failure
     * @param failedAt when it was given up
     * @param retriedAt when an operator queued it again, if so
     * @param retriedBy who did
     */
    public record DeadLetter(
            String tenantId,
            UUID id,
            String agency,
            String kind,
            UUID aggregateId,
            int attempts,
            String reason,
            Instant failedAt,
            Instant retriedAt,
            String retriedBy) {}

    /**
     * One agency's queue for one tenant.
     *
     * @param agency the agency
     * @param tenantId the tenant
     * @param waiting queued or waiting for a retry
     * @param deadLetters dead letters not retried
     * @param doneLastMinute answered in the last minute
     * @param lastError the latest failure of a waiting message, if any
     * @param oldestWaitingSince when the oldest waiting message was queued, if any waits
     */
    public record Queue(
            String agency,
            String tenantId,
            long waiting,
            long deadLetters,
            long doneLastMinute,
            String lastError,
            Instant oldestWaitingSince) {}

    /** Stops calls of the agency for the tenant (a second pause replaces the first). */
    public void pause(String tenantId, String agency, PauseReason reason, String message, Instant until) {
        transactions.inTenant(tenantId, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO connector_pause (tenant_id, agency, reason, message, paused_until) VALUES (?, ?, ?, ?, ?)"
                            + " ON CONFLICT (tenant_id, agency) DO UPDATE SET reason = excluded.reason,"
                            + " message = excluded.message, paused_until = excluded.paused_until, paused_at = now()"
                            // A pause for an operator (or a longer one) is never cut short by a timed one.
                            + " WHERE connector_pause.paused_until IS NOT NULL AND (excluded.paused_until IS NULL"
                            + " OR excluded.paused_until > connector_pause.paused_until)")) {
                upsert.setString(1, tenantId);
                upsert.setString(2, agency);
                upsert.setString(3, reason.name());
                upsert.setString(4, message);
                upsert.setTimestamp(5, until == null ? null : Timestamp.from(until));
                return upsert.executeUpdate();
            }
        });
        if (reason == PauseReason.CONFIGURATION) {
            // An alert: the log line and the lumbung_connector_paused gauge; an operator must act.
            LOG.error(
                    "ALERT connector {} paused for tenant {}: {} — fix the configuration, then resume it",
                    agency,
                    tenantId,
                    message);
        } else {
            LOG.warn("Connector {} paused for tenant {} until {}: {}", agency, tenantId, until, message);
        }
    }

    /** The pause in force for the tenant, if any (an expired one is not). */
    public Optional<Pause> pauseOf(String tenantId, String agency) {
        return transactions.inTenant(tenantId, connection -> {
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT * FROM connector_pause WHERE tenant_id = ? AND agency = ?"
                            + " AND (paused_until IS NULL OR paused_until > now())")) {
                query.setString(1, tenantId);
                query.setString(2, agency);
                return Rows.first(query, ConnectorControl::pause);
            }
        });
    }

    /** Pauses in force for the tenants ({@code null}: of every tenant, for the metrics). */
    public List<Pause> pauses(Collection<String> tenantIds) {
        return of(tenantIds, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT * FROM connector_pause WHERE paused_until IS NULL OR paused_until > now()"
                            + " ORDER BY agency, tenant_id")) {
                return Rows.list(query, ConnectorControl::pause);
            }
        });
    }

    /** An operator resumes the connector for the tenant (after fixing its credentials, say). */
    public void resume(Caller caller, String tenantId, String agency) {
        access.require(caller, Permission.CONNECTOR_OPERATE, tenantId);
        String name = agencyName(agency);
        int removed = transactions.inTenant(tenantId, connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM connector_pause WHERE tenant_id = ? AND agency = ?")) {
                delete.setString(1, tenantId);
                delete.setString(2, name);
                return delete.executeUpdate();
            }
        });
        if (removed == 0) {
            throw new LumbungException(ErrorCode.CONNECTOR_NOT_PAUSED, "The " + name + " connector is not paused");
        }
        audit.record(tenantId, caller, "CONNECTOR_RESUME", name, List.of());
        LOG.info("Connector {} resumed for tenant {} by {}", name, tenantId, caller.username());
    }

    /**
     * Counts one call against the tenant's daily quota of the agency.
     *
     * @return {@code false} when the quota is used up (nothing is counted then)
     */
    public boolean consumeQuota(String tenantId, String agency, int perDay, ZoneId zone) {
        if (perDay <= 0) {
            return true;
        }
        return transactions.inTenant(tenantId, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO connector_usage AS u (tenant_id, agency, day, calls) VALUES (?, ?, ?, 1)"
                            + " ON CONFLICT (tenant_id, agency, day) DO UPDATE SET calls = u.calls + 1"
                            + " WHERE u.calls < ?")) {
                upsert.setString(1, tenantId);
                upsert.setString(2, agency);
                upsert.setObject(3, LocalDate.now(zone));
                upsert.setInt(4, perDay);
                return upsert.executeUpdate() == 1;
            }
        });
    }

    /** The queues of the tenants, per agency ({@code null}: of every tenant, for the metrics). */
    public List<Queue> queues(Collection<String> tenantIds) {
        return of(tenantIds, connection -> {
            // Three index-backed parts (the outbox keeps every answered message: never scan it
            // whole): what waits, the open dead letters, what was answered in the last minute.
            try (PreparedStatement query = connection.prepareStatement("SELECT agency, tenant_id,"
                    + " sum(waiting) AS waiting, sum(dead) AS dead, sum(done) AS done_last_minute,"
                    + " (array_agg(last_error ORDER BY at DESC) FILTER (WHERE last_error IS NOT NULL))[1]"
                    + " AS last_error, min(queued_at) AS oldest_waiting_since FROM ("
                    + " SELECT agency, tenant_id, 1 AS waiting, 0 AS dead, 0 AS done, last_error, next_attempt_at AS at,"
                    + " created_at AS queued_at FROM outbox WHERE status IN ('QUEUED', 'RETRYING')"
                    + " UNION ALL SELECT agency, tenant_id, 0, 1, 0, reason, failed_at, NULL"
                    + " FROM dead_letter WHERE retried_at IS NULL"
                    + " UNION ALL SELECT agency, tenant_id, 0, 0, 1, NULL, completed_at, NULL"
                    + " FROM outbox WHERE status = 'DONE' AND completed_at > now() - interval '1 minute'"
                    + ") parts GROUP BY agency, tenant_id ORDER BY agency, tenant_id")) {
                return Rows.list(
                        query,
                        row -> new Queue(
                                row.getString("agency"),
                                row.getString("tenant_id"),
                                row.getLong("waiting"),
                                row.getLong("dead"),
                                row.getLong("done_last_minute"),
                                row.getString("last_error"),
                                instant(row.getTimestamp("oldest_waiting_since"))));
            }
        });
    }

    private static final Keyset NEWEST = Keyset.newestFirst("failed_at", "id");
    private static final String DEAD_LETTERS =
            " FROM dead_letter WHERE tenant_id = ? AND (NOT ? OR retried_at IS NULL)";

    /**
     * The tenant's dead letters, newest first, a page at a time with their total: those still
     * waiting for a retry only, or those retried too (marked).
     */
    public Page<DeadLetter> deadLetters(Caller caller, String tenantId, boolean waitingOnly, PageRequest request) {
        access.require(caller, Permission.CONNECTOR_READ, tenantId);
        return transactions.inTenant(tenantId, connection -> {
            List<DeadLetter> read;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT *" + DEAD_LETTERS + NEWEST.where(request) + NEWEST.orderAndLimit(request))) {
                query.setString(1, tenantId);
                query.setBoolean(2, waitingOnly);
                NEWEST.bind(query, request, 3);
                read = Rows.list(query, ConnectorControl::deadLetter);
            }
            long total = Keyset.count(connection, DEAD_LETTERS, tenantId, waitingOnly);
            return Page.of(
                    read,
                    request,
                    total,
                    letter -> PageRequest.cursor(
                            letter.failedAt().toString(), letter.id().toString()));
        });
    }

    /** Queues a dead letter again; audited. */
    public void retryDeadLetter(Caller caller, String tenantId, UUID id) {
        access.require(caller, Permission.CONNECTOR_OPERATE, tenantId);
        boolean queued = transactions.inTenant(
                tenantId, connection -> outbox.retryDeadLetter(connection, tenantId, id, caller.username()));
        if (!queued) {
            throw new LumbungException(ErrorCode.DEAD_LETTER_NOT_FOUND, "No dead letter " + id + " waits for a retry");
        }
        audit.record(tenantId, caller, "DEAD_LETTER_RETRY", id.toString(), List.of());
    }

    private <T> T of(Collection<String> tenantIds, TenantTransactions.SqlWork<T> work) {
        return tenantIds == null ? transactions.acrossAllTenants(work) : transactions.inTenants(tenantIds, work);
    }

    private static String agencyName(String agency) {
        return agency == null ? "" : agency.strip().toUpperCase(Locale.ROOT);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Pause pause(ResultSet row) throws SQLException {
        Timestamp until = row.getTimestamp("paused_until");
        return new Pause(
                row.getString("tenant_id"),
                row.getString("agency"),
                PauseReason.valueOf(row.getString("reason")),
                row.getString("message"),
                until == null ? null : until.toInstant(),
                row.getTimestamp("paused_at").toInstant());
    }

    private static DeadLetter deadLetter(ResultSet row) throws SQLException {
        Timestamp retried = row.getTimestamp("retried_at");
        return new DeadLetter(
                row.getString("tenant_id"),
                row.getObject("id", UUID.class),
                row.getString("agency"),
                row.getString("kind"),
                row.getObject("aggregate_id", UUID.class),
                row.getInt("attempts"),
                row.getString("reason"),
                row.getTimestamp("failed_at").toInstant(),
                retried == null ? null : retried.toInstant(),
                row.getString("retried_by"));
    }
}
