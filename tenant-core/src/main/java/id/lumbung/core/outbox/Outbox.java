package id.lumbung.core.outbox;

import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.logging.LogContext;
import id.lumbung.core.observability.Tracing;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The transactional outbox: domain code appends a message in its own transaction; connector
 * workers claim due messages with {@code FOR UPDATE SKIP LOCKED}, under a lease, oldest first
 * per tenant and round-robin across tenants, so one large regency cannot starve the others.
 * A worker that dies mid-call loses nothing: its lease expires and the message is claimed again.
 * Tenants whose connector is paused ({@code connector_pause}) are skipped; a message that
 * exhausts its attempts becomes a dead letter, with its reason, until an operator retries it.
 */
@Singleton
public final class Outbox {
    // Each tenant with due messages (and no pause) gets an equal share of the claim, oldest
    // first; every step is an index probe per tenant, so a claim costs the same with 100 or
    // 100,000 messages waiting.
    private static final String CLAIM_SQL =
            """
            WITH active AS (
              SELECT t.id AS tenant_id FROM tenant t
              WHERE EXISTS (SELECT 1 FROM outbox o WHERE o.tenant_id = t.id AND o.agency = ?
                  AND o.status IN ('QUEUED', 'RETRYING') AND o.next_attempt_at <= now()
                  AND (o.locked_until IS NULL OR o.locked_until < now()))
                AND NOT EXISTS (SELECT 1 FROM connector_pause p WHERE p.tenant_id = t.id AND p.agency = ?
                  AND (p.paused_until IS NULL OR p.paused_until > now()))
            ), share AS (
              SELECT greatest(1, ceil(?::numeric / greatest(count(*), 1)))::int AS n FROM active
            ), picked AS (
              SELECT due.tenant_id, due.id
              FROM active a CROSS JOIN share s CROSS JOIN LATERAL (
                SELECT o.tenant_id, o.id FROM outbox o
                WHERE o.tenant_id = a.tenant_id AND o.agency = ? AND o.status IN ('QUEUED', 'RETRYING')
                  AND o.next_attempt_at <= now() AND (o.locked_until IS NULL OR o.locked_until < now())
                ORDER BY o.created_at, o.id
                LIMIT s.n
                FOR UPDATE SKIP LOCKED
              ) due
              -- When fewer messages are claimed than tenants wait, which tenants go first is drawn
              -- at random: over the polls every tenant gets its turn.
              ORDER BY random()
              LIMIT ?
            )
            UPDATE outbox o SET locked_until = now() + make_interval(secs => ?), attempts = o.attempts + 1
            FROM picked p WHERE o.tenant_id = p.tenant_id AND o.id = p.id
            RETURNING o.tenant_id, o.id, o.agency, o.kind, o.aggregate_id, o.payload::text, o.attempts,
              o.trace_context, o.request_id
            """;

    private final TenantTransactions transactions;

    Outbox(TenantTransactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Appends a message in the caller's transaction (the one that changes the domain), with the
     * current trace and request id: the worker's call continues them.
     */
    public UUID append(
            Connection connection, String tenantId, String agency, String kind, UUID aggregateId, String payload)
            throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO outbox (tenant_id, id, agency, kind, aggregate_id, payload, status, trace_context,"
                        + " request_id) VALUES (?, ?, ?, ?, ?, ?::jsonb, 'QUEUED', ?, ?)")) {
            insert.setString(1, tenantId);
            insert.setObject(2, id);
            insert.setString(3, agency);
            insert.setString(4, kind);
            insert.setObject(5, aggregateId);
            insert.setString(6, payload);
            insert.setString(7, Tracing.traceparent());
            insert.setString(8, LogContext.requestId());
            insert.executeUpdate();
        }
        return id;
    }

    /** Claims up to {@code limit} due messages for the agency, leased for {@code lease}. */
    public List<OutboxMessage> claim(String agency, int limit, Duration lease) {
        return transactions.acrossAllTenants(connection -> {
            try (PreparedStatement claim = connection.prepareStatement(CLAIM_SQL)) {
                claim.setString(1, agency);
                claim.setString(2, agency);
                claim.setInt(3, limit);
                claim.setString(4, agency);
                claim.setInt(5, limit);
                claim.setDouble(6, lease.toMillis() / 1000.0);
                List<OutboxMessage> messages = new ArrayList<>();
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        messages.add(new OutboxMessage(
                                rows.getString(1),
                                rows.getObject(2, UUID.class),
                                rows.getString(3),
                                rows.getString(4),
                                rows.getObject(5, UUID.class),
                                rows.getString(6),
                                rows.getInt(7),
                                rows.getString(8),
                                rows.getString(9)));
                    }
                }
                return messages;
            }
        });
    }

    /**
     * Marks the message done in the caller's transaction (the one that writes the result) and
     * drops its payload: the agency has answered, the request's personal data is not kept twice.
     *
     * @return {@code false} if it was already done (a redelivery): the result must not be applied again
     */
    public boolean complete(Connection connection, String tenantId, UUID id) throws SQLException {
        try (PreparedStatement done = connection.prepareStatement(
                "UPDATE outbox SET status = 'DONE', payload = NULL, locked_until = NULL, last_error = NULL,"
                        + " completed_at = now() WHERE tenant_id = ? AND id = ? AND status <> 'DONE'")) {
            done.setString(1, tenantId);
            done.setObject(2, id);
            return done.executeUpdate() == 1;
        }
    }

    /**
     * Schedules another attempt after {@code delay}, or makes it a dead letter when attempts are
     * exhausted. Answers whether the message was still open (not DONE) and so changed.
     */
    public boolean retryLater(
            Connection connection, String tenantId, UUID id, Duration delay, String error, boolean giveUp)
            throws SQLException {
        try (PreparedStatement retry = connection.prepareStatement(
                "UPDATE outbox SET status = ?, next_attempt_at = now() + make_interval(secs => ?), locked_until = NULL,"
                        + " last_error = ? WHERE tenant_id = ? AND id = ? AND status <> 'DONE'")) {
            retry.setString(1, giveUp ? "DEAD" : "RETRYING");
            retry.setDouble(2, delay.toMillis() / 1000.0);
            retry.setString(3, error);
            retry.setString(4, tenantId);
            retry.setObject(5, id);
            if (retry.executeUpdate() == 0) {
                return false;
            }
            if (!giveUp) {
                return true;
            }
        }
        try (PreparedStatement dead = connection.prepareStatement(
                "INSERT INTO dead_letter (tenant_id, id, agency, kind, aggregate_id, attempts, reason)"
                        + " SELECT tenant_id, id, agency, kind, aggregate_id, attempts, ? FROM outbox"
                        + " WHERE tenant_id = ? AND id = ?"
                        + " ON CONFLICT (tenant_id, id) DO UPDATE SET attempts = excluded.attempts,"
                        + " reason = excluded.reason, failed_at = now(), retried_at = NULL, retried_by = NULL")) {
            dead.setString(1, error);
            dead.setString(2, tenantId);
            dead.setObject(3, id);
            dead.executeUpdate();
        }
        return true;
    }

    /** Makes a message a dead letter at once, with no domain row to update (its kind has no handler). */
    public void deadLetter(OutboxMessage message, String reason) {
        transactions.inTenant(message.tenantId(), connection -> {
            retryLater(connection, message.tenantId(), message.id(), Duration.ZERO, reason, true);
            return null;
        });
    }

    /**
     * {@link #retryLater} and, in the same transaction, the message's domain row (a table with
     * {@code tenant_id, id, status, attempts, last_error}, keyed by the message's aggregate id)
     * QUEUED again or FAILED — unless it is DONE already.
     *
     * @param domainTable one of the platform's tables, never a caller's text
     */
    public void retryLater(OutboxMessage message, Duration delay, String reason, boolean giveUp, String domainTable) {
        if (!domainTable.matches("[a-z_]+")) {
            throw new IllegalArgumentException("Not a table: " + domainTable);
        }
        transactions.inTenant(message.tenantId(), connection -> {
            retryLater(connection, message.tenantId(), message.id(), delay, reason, giveUp);
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + domainTable + " SET status = ?,"
                    + " attempts = ?, last_error = ? WHERE tenant_id = ? AND id = ? AND status <> 'DONE'")) {
                update.setString(1, giveUp ? "FAILED" : "QUEUED");
                update.setInt(2, message.attempts());
                update.setString(3, reason);
                update.setString(4, message.tenantId());
                update.setObject(5, message.aggregateId());
                return update.executeUpdate();
            }
        });
    }

    /**
     * Puts a claimed message back without counting the claim as an attempt: the connector is
     * paused for its tenant, or the tenant's quota is used up.
     */
    public void release(String tenantId, UUID id) {
        transactions.inTenant(tenantId, connection -> {
            try (PreparedStatement release = connection.prepareStatement(
                    "UPDATE outbox SET locked_until = NULL, attempts = greatest(attempts - 1, 0)"
                            + " WHERE tenant_id = ? AND id = ? AND status IN ('QUEUED', 'RETRYING')")) {
                release.setString(1, tenantId);
                release.setObject(2, id);
                return release.executeUpdate();
            }
        });
    }

    /**
     * Keeps a claimed message waiting for {@code delay} without counting the claim as an attempt:
     * the agency answered "in progress", and the message is asked about again later.
     *
     * @return {@code false} if it was done already
     */
    public boolean waitAgain(Connection connection, String tenantId, UUID id, Duration delay, String note)
            throws SQLException {
        try (PreparedStatement wait = connection.prepareStatement("UPDATE outbox SET status = 'RETRYING',"
                + " next_attempt_at = now() + make_interval(secs => ?), locked_until = NULL,"
                + " attempts = greatest(attempts - 1, 0), last_error = ?"
                + " WHERE tenant_id = ? AND id = ? AND status IN ('QUEUED', 'RETRYING')")) {
            wait.setDouble(1, delay.toMillis() / 1000.0);
            wait.setString(2, note);
            wait.setString(3, tenantId);
            wait.setObject(4, id);
            return wait.executeUpdate() == 1;
        }
    }

    /**
     * Queues a dead letter again with fresh attempts.
     *
     * @return {@code false} if there is no such dead letter waiting
     */
    public boolean retryDeadLetter(Connection connection, String tenantId, UUID id, String by) throws SQLException {
        try (PreparedStatement requeue = connection.prepareStatement(
                "UPDATE outbox SET status = 'QUEUED', attempts = 0, next_attempt_at = now(), locked_until = NULL"
                        + " WHERE tenant_id = ? AND id = ? AND status = 'DEAD'")) {
            requeue.setString(1, tenantId);
            requeue.setObject(2, id);
            if (requeue.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement mark = connection.prepareStatement(
                "UPDATE dead_letter SET retried_at = now(), retried_by = ? WHERE tenant_id = ? AND id = ?")) {
            mark.setString(1, by);
            mark.setString(2, tenantId);
            mark.setObject(3, id);
            mark.executeUpdate();
        }
        return true;
    }
}
