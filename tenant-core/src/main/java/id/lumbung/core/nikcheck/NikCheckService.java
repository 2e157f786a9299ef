package id.lumbung.core.nikcheck;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
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
import java.sql.SQLException;
import java.time.Duration;
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

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final Outbox outbox;
    private final JsonMapper json;
    private final AuditLog audit;
    private final IdentifierProtection protection;
    private final RateLimits rateLimits;
    private final NikCheckRows rows;

    NikCheckService(
            TenantTransactions transactions,
            Authorizer access,
            Outbox outbox,
            JsonMapper json,
            AuditLog audit,
            IdentifierProtection protection,
            RateLimits rateLimits,
            NikCheckRows rows) {
        this.rows = rows;
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

    /**
     * Queues a check that another part of the platform asks for (the checks run when a proposal
     * is submitted) in that part's transaction: whether the caller may act was decided there.
     */
    public NikCheck queueFor(java.sql.Connection connection, Caller caller, String tenantId, Nik nik)
            throws SQLException {
        return queue(connection, caller, tenantId, nik);
    }

    /** Checks by id, inside a tenant transaction (the workflow shows its own checks' answers). */
    public List<NikCheck> byIds(java.util.Collection<UUID> ids) {
        return ids.isEmpty()
                ? List.of()
                : rows.findByIdIn(ids).stream().map(NikCheckRow::toCheck).toList();
    }

    /** Writes the check and its outbox message in the caller's transaction. */
    private NikCheck queue(java.sql.Connection connection, Caller caller, String tenantId, Nik nik)
            throws SQLException {
        UUID id = UUID.randomUUID();
        String encrypted = protection.encrypt(tenantId, nik.value());
        outbox.append(
                connection,
                tenantId,
                NikCheckRequest.AGENCY,
                NikCheckRequest.KIND,
                id,
                toJson(new NikCheckRequest(id, encrypted)));
        return rows.save(NikCheckRow.queued(
                        id, tenantId, nik.masked(), encrypted, protection.blindIndex(nik.value()), caller.username()))
                .toCheck();
    }

    /** The tenant's checks, newest first, a page at a time with their total. */
    public id.lumbung.core.paging.Page<NikCheck> page(
            Caller caller, String tenantId, id.lumbung.core.paging.PageRequest request) {
        access.require(caller, Permission.NIK_CHECK_READ, tenantId);
        rateLimits.lookup(caller, tenantId);
        id.lumbung.core.paging.Page<NikCheck> checks = transactions.inTenant(tenantId, connection -> {
            id.lumbung.core.paging.Keyset.Ids page = id.lumbung.core.paging.Keyset.newestIds(
                    connection, "FROM nik_check WHERE tenant_id = ?", request, tenantId);
            List<NikCheck> read = page.inOrder(rows.findByIdIn(page.ids()), NikCheckRow::id).stream()
                    .map(NikCheckRow::toCheck)
                    .toList();
            return id.lumbung.core.paging.Page.of(
                    read,
                    request,
                    page.total(),
                    check -> id.lumbung.core.paging.PageRequest.cursor(
                            check.createdAt().toString(), check.id().toString()));
        });
        audit.record(tenantId, caller, "NIK_CHECK_LIST", null, List.of("nik_masked", "status", "result"));
        return checks;
    }

    /** The check, if it exists in a tenant the caller may read. */
    public NikCheck find(Caller caller, String tenantId, UUID id) {
        access.require(caller, Permission.NIK_CHECK_READ, tenantId);
        NikCheck check = transactions
                .inTenant(tenantId, connection -> rows.findById(id).map(NikCheckRow::toCheck))
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
        String encrypted = transactions.inTenant(
                tenantId,
                connection -> rows.findById(id).map(NikCheckRow::nikEncrypted).orElse(null));
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
            rows.answered(message.tenantId(), message.aggregateId(), result.name(), message.attempts());
            return true;
        });
    }

    /** Records a failed attempt: the check waits for the next one, or fails when attempts are exhausted. */
    public void recordRetry(OutboxMessage message, Duration delay, String error, boolean giveUp) {
        transactions.inTenant(message.tenantId(), connection -> {
            outbox.retryLater(connection, message.tenantId(), message.id(), delay, error, giveUp);
            return rows.attemptFailed(
                    message.tenantId(),
                    message.aggregateId(),
                    (giveUp ? NikCheckStatus.FAILED : NikCheckStatus.RETRYING).name(),
                    message.attempts(),
                    error);
        });
    }

    private String toJson(NikCheckRequest request) {
        try {
            return json.writeValueAsString(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
