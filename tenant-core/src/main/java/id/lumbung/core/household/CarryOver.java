package id.lumbung.core.household;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.protection.IdentifierProtection;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A family carried over instead of dropped (the field's "families that drop out when the head of
 * family dies"): when the head dies, moves away or the family gets a new KK, the household keeps
 * its id, its iddtks, its desil and its programme memberships; a living member is named head, the
 * old head's status is kept with its date and source, and every change is in the history.
 */
@Singleton
public final class CarryOver {
    private final TenantTransactions transactions;
    private final Authorizer access;
    private final AuditLog audit;
    private final HouseholdRows households;
    private final MemberRows members;
    private final RegistryChangeRows changes;
    private final IdentifierProtection protection;

    CarryOver(
            TenantTransactions transactions,
            Authorizer access,
            AuditLog audit,
            HouseholdRows households,
            MemberRows members,
            RegistryChangeRows changes,
            IdentifierProtection protection) {
        this.transactions = transactions;
        this.access = access;
        this.audit = audit;
        this.households = households;
        this.members = members;
        this.changes = changes;
        this.protection = protection;
    }

    /**
     * What happened to the family.
     *
     * @param formerHead why the head leaves: DECEASED or MOVED (none: the head stays, e.g. only a new KK)
     * @param leftOn when it happened
     * @param newHeadId the living member who heads the household now (required when the head leaves)
     * @param newKk the family's new KK number, if it got one
     */
    public record Change(String formerHead, LocalDate leftOn, UUID newHeadId, String newKk) {}

    /** Carries the household over; answers the household as it is now. */
    public Household carry(Caller caller, String tenantId, UUID householdId, Change change) {
        Authorizer.Grant grant = access.grant(caller, Permission.HOUSEHOLD_WRITE, tenantId);
        String kk = change.newKk() == null || change.newKk().isBlank()
                ? null
                : (String) RegistryField.NOMOR_KK.require(change.newKk(), ErrorCode.INVALID_HOUSEHOLD);
        String leaving = change.formerHead() == null || change.formerHead().isBlank()
                ? null
                : change.formerHead().strip().toUpperCase(java.util.Locale.ROOT);
        if (leaving != null && !List.of("DECEASED", "MOVED").contains(leaving)) {
            throw new LumbungException(ErrorCode.INVALID_HOUSEHOLD, "formerHead is DECEASED or MOVED");
        }
        if (leaving == null && kk == null) {
            throw new LumbungException(ErrorCode.INVALID_HOUSEHOLD, "Say what changed: the head leaves, or a new KK");
        }
        return transactions.inTenant(tenantId, connection -> {
            HouseholdRow household = households
                    .findById(householdId)
                    .filter(row -> grant.reach().coversVillage(row.villageCode()))
                    .orElseThrow(() -> new LumbungException(
                            ErrorCode.HOUSEHOLD_NOT_FOUND, "Household " + householdId + " was not found"));
            List<MemberRow> family = members.findByHouseholdId(householdId);
            List<String> changed = new ArrayList<>();
            String source = "OPERATOR";
            if (leaving != null) {
                if (change.newHeadId() == null) {
                    throw new LumbungException(
                            ErrorCode.INVALID_HOUSEHOLD, "Name the living member who heads the household now");
                }
                MemberRow next = family.stream()
                        .filter(member -> member.id().equals(change.newHeadId()) && "ALIVE".equals(member.status()))
                        .findFirst()
                        .orElseThrow(() -> new LumbungException(
                                ErrorCode.INVALID_HOUSEHOLD, "The new head is a living member of this household"));
                LocalDate on = change.leftOn() == null ? LocalDate.now() : change.leftOn();
                for (MemberRow head : family) {
                    if (Relationship.KEPALA_KELUARGA.name().equals(head.relationship())
                            && !head.id().equals(next.id())) {
                        members.leaves(tenantId, head.id(), leaving, on, source);
                        changes.save(change(
                                tenantId,
                                "MEMBER",
                                head.id(),
                                List.of("status", "relationship"),
                                source,
                                "carry-over: head " + leaving.toLowerCase(java.util.Locale.ROOT),
                                caller));
                    }
                }
                members.heads(tenantId, next.id());
                households.headNamed(tenantId, householdId, next.fullName());
                changes.save(change(
                        tenantId,
                        "MEMBER",
                        next.id(),
                        List.of("relationship"),
                        source,
                        "carry-over: new head",
                        caller));
                changed.add("head_name");
            }
            if (kk != null) {
                households.newKk(
                        tenantId,
                        householdId,
                        protection.encrypt(tenantId, kk),
                        protection.blindIndex(kk),
                        id.lumbung.core.nik.Nik.mask(kk));
                changed.add("kk");
            }
            changes.save(change(tenantId, "HOUSEHOLD", householdId, changed, source, "carry-over", caller));
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "HOUSEHOLD_CARRY_OVER",
                    householdId + (household.iddtks() == null ? "" : " " + household.iddtks()),
                    changed,
                    "OK");
            return households.findById(householdId).orElseThrow().toHousehold();
        });
    }

    private static RegistryChangeRow change(
            String tenantId, String entity, UUID id, List<String> fields, String source, String reason, Caller caller) {
        return new RegistryChangeRow(
                UUID.randomUUID(),
                tenantId,
                entity,
                id,
                "UPDATED",
                fields.toArray(String[]::new),
                source,
                reason,
                null,
                caller.username(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
