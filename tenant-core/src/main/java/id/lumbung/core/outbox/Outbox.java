package id.lumbung.core.outbox;

import id.lumbung.core.database.TenantTransactions;
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
 */
@Singleton
public final class Outbox {
    private static final String CLAIM_SQL =
            """
            WITH due AS (
              SELECT tenant_id, id, row_number() OVER (PARTITION BY tenant_id ORDER BY created_at, id) AS turn
              FROM outbox
              WHERE agency = ? AND status IN ('QUEUED', 'RETRYING') AND next_attempt_at <= now()
                AND (locked_until IS NULL OR locked_until < now())
            ), picked AS (
              SELECT o.tenant_id, o.id
              FROM outbox o JOIN due d ON d.tenant_id = o.tenant_id AND d.id = o.id
              ORDER BY d.turn, o.created_at
              LIMIT ?
              FOR UPDATE OF o SKIP LOCKED
            )
            UPDATE outbox o SET locked_until = now() + make_interval(secs => ?), attempts = o.attempts + 1
            FROM picked p WHERE o.tenant_id = p.tenant_id AND o.id = p.id
            RETURNING o.tenant_id, o.id, o.agency, o.kind, o.aggregate_id, o.payload::text, o.attempts
            """;

    private final TenantTransactions transactions;

    Outbox(TenantTransactions transactions) {
        this.transactions = transactions;
    }

    /** Appends a message in the caller's transaction (the one that changes the domain). */
    public UUID append(
            Connection connection, String tenantId, String agency, String kind, UUID aggregateId, String payload)
            throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO outbox (tenant_id, id, agency, kind, aggregate_id, payload, status)"
                        + " VALUES (?, ?, ?, ?, ?, ?::jsonb, 'QUEUED')")) {
            insert.setString(1, tenantId);
            insert.setObject(2, id);
            insert.setString(3, agency);
            insert.setString(4, kind);
            insert.setObject(5, aggregateId);
            insert.setString(6, payload);
            insert.executeUpdate();
        }
        return id;
    }

    /** Claims up to {@code limit} due messages for the agency, leased for {@code lease}. */
    public List<OutboxMessage> claim(String agency, int limit, Duration lease) {
        return transactions.acrossAllTenants(connection -> {
            try (PreparedStatement claim = connection.prepareStatement(CLAIM_SQL)) {
                claim.setString(1, agency);
                claim.setInt(2, limit);
                claim.setDouble(3, lease.toMillis() / 1000.0);
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
                                rows.getInt(7)));
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

    /** Schedules another attempt after {@code delay}, or gives up when attempts are exhausted. */
    public void retryLater(
            Connection connection, String tenantId, UUID id, Duration delay, String error, boolean giveUp)
            throws SQLException {
        try (PreparedStatement retry = connection.prepareStatement(
                "UPDATE outbox SET status = ?, next_attempt_at = now() + make_interval(secs => ?), locked_until = NULL,"
                        + " last_error = ? WHERE tenant_id = ? AND id = ? AND status <> 'DONE'")) {
            retry.setString(1, giveUp ? "FAILED" : "RETRYING");
            retry.setDouble(2, delay.toMillis() / 1000.0);
            retry.setString(3, error);
            retry.setString(4, tenantId);
            retry.setObject(5, id);
            retry.executeUpdate();
        }
    }
}
