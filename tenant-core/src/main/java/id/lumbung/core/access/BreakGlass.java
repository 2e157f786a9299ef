package id.lumbung.core.access;

import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Personal data only with a reason (break-glass): a province admin opens a read-only access to
 * one regency's personal data, saying why, for at most {@value #LONGEST_MINUTES} minutes; the
 * regency's DPO, admin and auditor see every access in a list, and its audit log records the
 * opening and an early end. Until then the province sees figures only.
 */
@Singleton
public final class BreakGlass {
    /** The shortest reason accepted: a few words, not "x". */
    public static final int SHORTEST_REASON = 20;

    public static final int LONGEST_REASON = 500;
    public static final int SHORTEST_MINUTES = 15;
    public static final int LONGEST_MINUTES = 480;

    private final Authorizer access;
    private final TenantTransactions transactions;
    private final BreakGlassRows rows;
    private final BreakGlassLedger ledger;
    private final AuditLog audit;

    BreakGlass(
            Authorizer access,
            TenantTransactions transactions,
            BreakGlassRows rows,
            BreakGlassLedger ledger,
            AuditLog audit) {
        this.access = access;
        this.transactions = transactions;
        this.rows = rows;
        this.ledger = ledger;
        this.audit = audit;
    }

    /** Opens an access of the caller to the tenant's personal data, with a reason, for some minutes. */
    public BreakGlassRow open(Caller caller, String tenantId, String reason, int minutes) {
        access.require(caller, Permission.BREAK_GLASS_OPEN, tenantId);
        String why = reason == null ? "" : reason.strip();
        if (why.length() < SHORTEST_REASON || why.length() > LONGEST_REASON) {
            throw new LumbungException(
                    ErrorCode.BREAK_GLASS_REASON,
                    "reason: say why, in " + SHORTEST_REASON + " to " + LONGEST_REASON + " characters");
        }
        if (minutes < SHORTEST_MINUTES || minutes > LONGEST_MINUTES) {
            throw new LumbungException(
                    ErrorCode.BREAK_GLASS_DURATION,
                    "minutes: from " + SHORTEST_MINUTES + " to " + LONGEST_MINUTES + " (eight hours)");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        BreakGlassRow row = new BreakGlassRow(
                UUID.randomUUID(), tenantId, caller.username(), why, now, now.plus(Duration.ofMinutes(minutes)), null);
        BreakGlassRow saved = transactions.inTenant(tenantId, connection -> {
            BreakGlassRow inserted = rows.save(row);
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "BREAK_GLASS_OPEN",
                    inserted.id().toString(),
                    List.of("household", "member", "proposal", "payment", "verification", "export"),
                    "OK");
            return inserted;
        });
        ledger.forget(caller.username(), tenantId);
        return saved;
    }

    /** Ends the caller's own access early ({@code 409 break_glass_closed} when it has ended). */
    public BreakGlassRow close(Caller caller, String tenantId, UUID id) {
        access.require(caller, Permission.BREAK_GLASS_OPEN, tenantId);
        BreakGlassRow closed = transactions.inTenant(tenantId, connection -> {
            BreakGlassRow row = rows.findById(id)
                    .filter(found -> found.username().equals(caller.username()))
                    .orElseThrow(() -> new LumbungException(
                            ErrorCode.BREAK_GLASS_NOT_FOUND, "No access " + id + " of yours to tenant " + tenantId));
            if (rows.close(tenantId, id) == 0) {
                throw new LumbungException(ErrorCode.BREAK_GLASS_CLOSED, "The access " + id + " has ended already");
            }
            audit.record(connection, tenantId, caller, "BREAK_GLASS_CLOSE", id.toString(), List.of(), "OK");
            return rows.findById(row.id()).orElseThrow();
        });
        ledger.forget(caller.username(), tenantId);
        return closed;
    }

    /** The tenant's accesses, newest first (at most 200). */
    public List<BreakGlassRow> list(Caller caller, String tenantId) {
        access.require(caller, Permission.BREAK_GLASS_READ, tenantId);
        return transactions.inTenant(tenantId, connection -> rows.newest(tenantId));
    }
}
