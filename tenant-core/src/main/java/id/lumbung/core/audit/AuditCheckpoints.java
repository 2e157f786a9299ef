package id.lumbung.core.audit;

import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs each tenant's chain head into {@code audit_checkpoint} — outside the log's table, sealed
 * with the audit key, insert-only for the application — every {@code
 * lumbung.audit.checkpoint-interval} (30 s) and at shutdown, and writes it to the log as well, a
 * witness outside the database. Entries deleted from the end of a chain are then found by {@code
 * …/audit/verify}: the chain ends before its last signed head. Only what was appended since the
 * last checkpoint could go unseen.
 */
@Singleton
public final class AuditCheckpoints {
    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final TenantTransactions transactions;
    private final AuditSeal seal;

    AuditCheckpoints(TenantTransactions transactions, AuditSeal seal) {
        this.transactions = transactions;
        this.seal = seal;
    }

    /** The text a checkpoint's signature covers. */
    static String signedText(String tenantId, long seq, String hash, Instant signedAt) {
        return String.join("\u001f", "checkpoint", tenantId, Long.toString(seq), hash, signedAt.toString());
    }

    /** Signs the head of every chain that moved since its last checkpoint; answers how many. */
    @Scheduled(fixedDelay = "${lumbung.audit.checkpoint-interval:30s}", initialDelay = "5s")
    public int sign() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String keyId = seal.activeKeyId();
        List<String[]> signed = transactions.acrossAllTenants(connection -> {
            List<String[]> heads;
            try (PreparedStatement query = connection.prepareStatement("SELECT t.id, h.seq, h.hash FROM tenant t"
                    + " CROSS JOIN LATERAL (SELECT seq, hash FROM audit_log a WHERE a.tenant_id = t.id"
                    + " ORDER BY seq DESC LIMIT 1) h WHERE NOT EXISTS (SELECT 1 FROM audit_checkpoint c"
                    // This very head signed already; a row claiming a later head (forged) stops nothing.
                    + " WHERE c.tenant_id = t.id AND c.seq = h.seq AND c.hash = h.hash)")) {
                heads = Rows.list(query, row -> new String[] {row.getString(1), row.getString(2), row.getString(3)});
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_checkpoint (tenant_id, seq,"
                    + " hash, key_id, signed_at, signature) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (String[] head : heads) {
                    long seq = Long.parseLong(head[1]);
                    insert.setString(1, head[0]);
                    insert.setLong(2, seq);
                    insert.setString(3, head[2]);
                    insert.setString(4, keyId);
                    insert.setTimestamp(5, Timestamp.from(now));
                    insert.setString(6, seal.seal(keyId, signedText(head[0], seq, head[2], now)));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return heads;
        });
        for (String[] head : signed) {
            LOG.info("Audit head of tenant {} signed: seq {}, hash {}", head[0], head[1], head[2]);
        }
        return signed.size();
    }

    @PreDestroy
    void atShutdown() {
        try {
            sign();
        } catch (RuntimeException e) {
            LOG.warn(
                    "The audit heads could not be signed at shutdown: {}",
                    e.getClass().getSimpleName());
        }
    }
}
