package id.lumbung.core.transfer;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.household.RegistryField;
import id.lumbung.core.paging.Keyset;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantRepository;
import id.lumbung.core.tenant.TenantVillages;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A family that moved to another regency (a transfer, <em>pindahan</em>). The origin asks: in one
 * transaction holding both regencies, its household closes ({@code LEFT}) and the destination
 * gets a copy — the household and its living members, NIK and KK sealed again for the destination
 * — waiting for its verification ({@code PENDING}). The destination accepts (the copy is
 * registered) or refuses with a reason (the origin's household is registered again); the origin
 * may withdraw while it waits. So the family is registered in at most one of the two at every
 * moment, and never in neither without a transfer waiting for it: every step locks the transfer
 * (and, on the way out, the origin's household) and checks its state, so two steps racing each
 * other leave one done and the other refused ({@code 409}). A family the destination holds
 * already (the same NIK, KK or DTKS id) is not moved: that is a duplicate to settle there.
 */
@Singleton
public final class Transfers {
    static final String OUT = "OUT";
    static final String IN = "IN";
    private static final Set<String> STATES = Set.of("PENDING", "ACCEPTED", "REFUSED", "WITHDRAWN");

    private final Authorizer access;
    private final TenantTransactions transactions;
    private final TenantRepository tenants;
    private final TenantVillages villages;
    private final TransferRows rows;
    private final IdentifierProtection protection;
    private final AuditLog audit;

    Transfers(
            Authorizer access,
            TenantTransactions transactions,
            TenantRepository tenants,
            TenantVillages villages,
            TransferRows rows,
            IdentifierProtection protection,
            AuditLog audit) {
        this.access = access;
        this.transactions = transactions;
        this.tenants = tenants;
        this.villages = villages;
        this.rows = rows;
        this.protection = protection;
        this.audit = audit;
    }

    /**
     * Where the family moves.
     *
     * @param destinationTenantId the regency or city it moves to (a tenant of the platform)
     * @param village its village there (the Kemendagri code)
     * @param address its address there
     * @param reason why (e.g. the number of the Dukcapil move certificate, SKPWNI), 10 to 500 characters
     */
    public record Move(String destinationTenantId, String village, String address, String reason) {}

    /** Moves a registered household out; answers the transfer as the origin sees it. */
    public Transfer start(Caller caller, String tenantId, UUID householdId, Move move) {
        access.require(caller, Permission.HOUSEHOLD_TRANSFER, tenantId);
        if (move == null
                || move.destinationTenantId() == null
                || move.destinationTenantId().isBlank()) {
            throw invalid("Name the regency or city the family moves to (destinationTenantId)");
        }
        String to = move.destinationTenantId().strip().replace(".", "");
        if (to.equals(tenantId)) {
            throw invalid("A move inside the regency changes the household's address; a transfer goes to another");
        }
        Tenant destination =
                tenants.findById(to).orElseThrow(() -> invalid("No regency or city " + to + " is on the platform"));
        String village;
        try {
            village = villages.require(destination, move.village());
        } catch (LumbungException e) {
            throw invalid("The village is one of " + destination.name() + "'s (a code like " + destination.regionCode()
                    + ".01.2001): " + e.getMessage());
        }
        String address = (String) RegistryField.ALAMAT.require(move.address(), ErrorCode.TRANSFER_INVALID);
        String reason = text(move.reason(), "reason");
        String by = caller.username();
        try {
            return moveOut(caller, tenantId, householdId, destination, village, address, reason, by);
        } catch (RuntimeException e) {
            if (uniqueViolation(e)) {
                // Another regency moved the same family there at the same moment: one of the two waits there.
                throw new LumbungException(
                        ErrorCode.TRANSFER_ALREADY_THERE, "The destination received this family a moment ago");
            }
            throw e;
        }
    }

    private Transfer moveOut(
            Caller caller,
            String tenantId,
            UUID householdId,
            Tenant destination,
            String village,
            String address,
            String reason,
            String by) {
        String to = destination.id();
        UUID id = UUID.randomUUID();
        UUID copy = UUID.randomUUID();
        return transactions.inTenants(List.of(tenantId, to), connection -> {
            TransferRows.Origin origin = rows.lockHousehold(tenantId, householdId)
                    .orElseThrow(() -> new LumbungException(
                            ErrorCode.HOUSEHOLD_NOT_FOUND, "Household " + householdId + " was not found"));
            if (!"ACTIVE".equals(origin.status())) {
                throw new LumbungException(
                        ErrorCode.TRANSFER_HOUSEHOLD_NOT_ACTIVE,
                        "Household " + householdId + " is " + origin.status() + ", not registered (ACTIVE)");
            }
            if (origin.living() == 0) {
                throw new LumbungException(
                        ErrorCode.TRANSFER_HOUSEHOLD_NOT_ACTIVE, "Household " + householdId + " has no living member");
            }
            // A family coming back: the record it left here gives its keys to the one it comes with.
            for (UUID before : rows.leftBefore(tenantId, householdId, to)) {
                rows.releaseKeys(to, before);
                rows.retireMembers(to, before, id.toString());
                rows.householdChange(to, before, "UPDATED", "iddtks", "keluarga kembali: pindahan " + id, by);
            }
            requireNotThere(tenantId, householdId, to, copy);
            rows.open(id, tenantId, householdId, to, copy, village, origin.headName(), origin.living(), reason, by);
            rows.status(tenantId, householdId, "LEFT");
            rows.householdChange(tenantId, householdId, "UPDATED", "status", "pindah ke " + destination.name(), by);
            String kk = origin.kkEncrypted() == null
                    ? null
                    : protection.encrypt(to, protection.decrypt(tenantId, origin.kkEncrypted()));
            rows.copyHousehold(tenantId, householdId, to, copy, village, address, kk, origin.living());
            rows.copyMembers(tenantId, householdId, to, copy);
            for (TransferRows.Sealed member : rows.sealed(tenantId, householdId)) {
                rows.seal(
                        to,
                        copy,
                        member.sourceKey(),
                        protection.encrypt(to, protection.decrypt(tenantId, member.nikEncrypted())));
            }
            String from = "pindahan dari "
                    + tenants.findById(tenantId).map(Tenant::name).orElse(tenantId);
            rows.householdChange(to, copy, "CREATED", "", from, by);
            rows.membersCreated(to, copy, from, by);
            String subject = id + " " + householdId + " -> " + to;
            audit.record(connection, tenantId, caller, "HOUSEHOLD_TRANSFER_OUT", subject, List.of("status"), "OK");
            audit.record(connection, to, caller, "HOUSEHOLD_TRANSFER_IN", id + " " + copy, List.of("household"), "OK");
            return view(tenantId, rows.find(id).orElseThrow());
        });
    }

    /** The family is where the destination says: registered there. */
    public Transfer accept(Caller caller, String tenantId, UUID id, String note) {
        return decide(caller, tenantId, id, IN, "ACCEPTED", note == null || note.isBlank() ? null : text(note, "note"));
    }

    /** The family is not where the origin said: registered at its origin again. */
    public Transfer refuse(Caller caller, String tenantId, UUID id, String note) {
        return decide(caller, tenantId, id, IN, "REFUSED", text(note, "note"));
    }

    /** The origin takes its request back while it waits: registered at its origin again. */
    public Transfer withdraw(Caller caller, String tenantId, UUID id, String note) {
        return decide(caller, tenantId, id, OUT, "WITHDRAWN", text(note, "note"));
    }

    private Transfer decide(Caller caller, String tenantId, UUID id, String side, String state, String note) {
        access.require(caller, Permission.HOUSEHOLD_TRANSFER, tenantId);
        TransferRow seen = transactions
                .inTenant(tenantId, connection -> rows.find(id))
                .filter(row -> tenantId.equals(IN.equals(side) ? row.destinationTenantId() : row.originTenantId()))
                .orElseThrow(() -> notFound(id));
        return transactions.inTenants(List.of(seen.originTenantId(), seen.destinationTenantId()), connection -> {
            TransferRow row = rows.lock(id).orElseThrow(() -> notFound(id));
            if (!TransferRow.PENDING.equals(row.state())) {
                throw new LumbungException(
                        ErrorCode.TRANSFER_DECIDED, "Transfer " + id + " was decided already (" + row.state() + ")");
            }
            String by = caller.username();
            if ("ACCEPTED".equals(state)) {
                // Registered there meanwhile (an import, an operator)? Then it is a duplicate to settle, not a move.
                requireNotThere(
                        row.originTenantId(),
                        row.originHouseholdId(),
                        row.destinationTenantId(),
                        row.destinationHouseholdId());
                rows.status(row.destinationTenantId(), row.destinationHouseholdId(), "ACTIVE");
                rows.householdChange(
                        row.destinationTenantId(),
                        row.destinationHouseholdId(),
                        "UPDATED",
                        "status",
                        "pindahan diterima",
                        by);
            } else {
                rows.retire(row.destinationTenantId(), row.destinationHouseholdId());
                rows.retireMembers(row.destinationTenantId(), row.destinationHouseholdId(), id.toString());
                rows.householdChange(
                        row.destinationTenantId(),
                        row.destinationHouseholdId(),
                        "UPDATED",
                        "status,iddtks",
                        "REFUSED".equals(state) ? "pindahan ditolak" : "pindahan ditarik",
                        by);
                rows.status(row.originTenantId(), row.originHouseholdId(), "ACTIVE");
                rows.householdChange(
                        row.originTenantId(),
                        row.originHouseholdId(),
                        "UPDATED",
                        "status",
                        "REFUSED".equals(state) ? "pindahan ditolak tujuan" : "pindahan ditarik",
                        by);
            }
            rows.decide(id, state, by, note);
            String action = "HOUSEHOLD_TRANSFER_" + state;
            audit.record(connection, row.originTenantId(), caller, action, id.toString(), List.of("status"), "OK");
            audit.record(connection, row.destinationTenantId(), caller, action, id.toString(), List.of("status"), "OK");
            return view(tenantId, rows.find(id).orElseThrow());
        });
    }

    /** Refuses a move of a family the destination holds already (409, with what it holds, masked). */
    private void requireNotThere(String from, UUID household, String to, UUID except) {
        List<TransferRows.Held> held = rows.heldAlready(from, household, to, except);
        if (!held.isEmpty()) {
            throw new LumbungException(
                    ErrorCode.TRANSFER_ALREADY_THERE,
                    "The destination holds this family already: "
                            + held.stream()
                                    .map(h -> h.kind() + " " + (h.shown() == null ? "" : h.shown() + " ") + "("
                                            + h.status() + ")")
                                    .distinct()
                                    .collect(Collectors.joining(", ")));
        }
    }

    /** One transfer, as the caller's regency sees it (404 for a regency that is neither side). */
    public Transfer find(Caller caller, String tenantId, UUID id) {
        access.require(caller, Permission.HOUSEHOLD_TRANSFER, tenantId);
        return transactions.inTenant(tenantId, connection -> rows.find(id)
                .filter(row -> tenantId.equals(row.originTenantId()) || tenantId.equals(row.destinationTenantId()))
                .map(row -> view(tenantId, row))
                .orElseThrow(() -> notFound(id)));
    }

    /** The waiting transfer a household of the regency is part of, if any (for its page). */
    public java.util.Optional<Transfer> waitingFor(Caller caller, String tenantId, UUID household) {
        if (!access.permits(caller, Permission.HOUSEHOLD_TRANSFER, tenantId)) {
            return java.util.Optional.empty();
        }
        return transactions.inTenant(
                tenantId, connection -> rows.waitingFor(tenantId, household).map(row -> view(tenantId, row)));
    }

    /**
     * The regency's transfers, either way, newest first.
     *
     * @param direction {@code IN}, {@code OUT} or blank for both
     * @param state one of the states, or blank for all
     */
    public Page<Transfer> page(Caller caller, String tenantId, String direction, String state, PageRequest request) {
        access.require(caller, Permission.HOUSEHOLD_TRANSFER, tenantId);
        String way = upper(direction);
        String only = upper(state);
        if (!way.isEmpty() && !Set.of(IN, OUT).contains(way)) {
            throw new LumbungException(ErrorCode.INVALID_PAGE, "direction is IN or OUT");
        }
        if (!only.isEmpty() && !STATES.contains(only)) {
            throw new LumbungException(ErrorCode.INVALID_PAGE, "state is one of " + new java.util.TreeSet<>(STATES));
        }
        // A page names a handful of regencies, each read once (not twice per row).
        java.util.Map<String, String> known = new java.util.HashMap<>();
        java.util.function.Function<String, String> names = id -> known.computeIfAbsent(id, this::name);
        return transactions.inTenant(tenantId, connection -> {
            Keyset.Ids ids = Keyset.newestIds(
                    connection,
                    "FROM household_transfer WHERE ((? IN ('', 'OUT') AND origin_tenant_id = ?)"
                            + " OR (? IN ('', 'IN') AND destination_tenant_id = ?)) AND (? = '' OR state = ?)",
                    request,
                    way,
                    tenantId,
                    way,
                    tenantId,
                    only,
                    only);
            List<Transfer> read = ids.ids().isEmpty()
                    ? List.of()
                    : ids.inOrder(rows.findByIdIn(ids.ids()), TransferRow::id).stream()
                            .map(row -> view(tenantId, row, names))
                            .toList();
            return Page.of(
                    read,
                    request,
                    ids.total(),
                    transfer -> PageRequest.cursor(
                            transfer.createdAt().toString(), transfer.id().toString()));
        });
    }

    private Transfer view(String tenantId, TransferRow row) {
        return view(tenantId, row, this::name);
    }

    private Transfer view(String tenantId, TransferRow row, java.util.function.Function<String, String> name) {
        boolean out = tenantId.equals(row.originTenantId());
        return new Transfer(
                row.id(),
                out ? OUT : IN,
                row.state(),
                row.originTenantId(),
                name.apply(row.originTenantId()),
                out ? row.originHouseholdId() : null,
                row.destinationTenantId(),
                name.apply(row.destinationTenantId()),
                out ? null : row.destinationHouseholdId(),
                row.destinationVillage(),
                row.headName(),
                row.members(),
                row.reason(),
                row.requestedBy(),
                row.createdAt(),
                row.decidedBy(),
                row.decidedAt(),
                row.decisionNote());
    }

    private String name(String tenantId) {
        return tenants.findById(tenantId).map(Tenant::name).orElse(tenantId);
    }

    private static String text(String value, String field) {
        String clean = value == null ? "" : value.strip();
        if (clean.length() < 10 || clean.length() > 500) {
            throw invalid("Say why in " + field + ", 10 to 500 characters (e.g. the SKPWNI number)");
        }
        return clean;
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String upper(String value) {
        return value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    }

    private static LumbungException invalid(String message) {
        return new LumbungException(ErrorCode.TRANSFER_INVALID, message);
    }

    private static LumbungException notFound(UUID id) {
        return new LumbungException(ErrorCode.TRANSFER_NOT_FOUND, "Transfer " + id + " was not found");
    }
}
