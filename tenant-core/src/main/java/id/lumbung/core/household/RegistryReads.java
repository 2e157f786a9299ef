package id.lumbung.core.household;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Reach;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.nik.Nik;
import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.core.ratelimit.RateLimits;
import id.lumbung.core.registry.NameKey;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Finding people and families in the registry: by NIK (blind index, exact), by KK, by name
 * (tolerant of case, spacing, titles and old spellings), and a household with its members and
 * history. Every read is rate-limited per user and tenant, limited to what the caller's role
 * reaches, and audited.
 */
@Singleton
public final class RegistryReads {
    private static final String CRITERIA = "SELECT "
            + RegistryField.criteria().stream().map(RegistryField::column).collect(Collectors.joining(", "))
            + " FROM household WHERE tenant_id = ? AND id = ?";

    /** The household's poverty criteria, by the catalogue's property names (absent ones as null). */
    private static Map<String, Object> criteria(Connection connection, String tenantId, UUID id) throws SQLException {
        Map<String, Object> criteria = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(CRITERIA)) {
            query.setString(1, tenantId);
            query.setObject(2, id);
            try (ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    for (RegistryField field : RegistryField.criteria()) {
                        criteria.put(field.property(), row.getObject(field.column()));
                    }
                }
            }
        }
        return criteria;
    }

    private static final int MAXIMUM_MATCHES = 50;
    private static final List<String> RELATIONSHIP_ORDER = List.of(
            "KEPALA_KELUARGA",
            "SUAMI",
            "ISTRI",
            "ANAK",
            "MENANTU",
            "CUCU",
            "ORANG_TUA",
            "MERTUA",
            "FAMILI_LAIN",
            "LAINNYA");

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final HouseholdRows households;
    private final MemberRows members;
    private final HouseholdAssignments assignments;
    private final IdentifierProtection protection;
    private final AuditLog audit;
    private final RateLimits rateLimits;

    private final RegistryChangeRows changes;

    RegistryReads(
            TenantTransactions transactions,
            Authorizer access,
            HouseholdRows households,
            MemberRows members,
            HouseholdAssignments assignments,
            IdentifierProtection protection,
            AuditLog audit,
            RateLimits rateLimits,
            RegistryChangeRows changes) {
        this.changes = changes;
        this.transactions = transactions;
        this.access = access;
        this.households = households;
        this.members = members;
        this.assignments = assignments;
        this.protection = protection;
        this.audit = audit;
        this.rateLimits = rateLimits;
    }

    /**
     * A member found, with where the family lives.
     *
     * @param member the member, NIK masked
     * @param villageCode the household's village
     * @param address the household's address
     * @param headName the head of household
     */
    public record Match(Member member, String villageCode, String address, String headName) {}

    /** Members by exact NIK or by name; {@code nik} wins when both are given. */
    public List<Match> findMembers(Caller caller, String tenantId, String nik, String name) {
        Reach reach = access.grant(caller, Permission.HOUSEHOLD_READ, tenantId).reach();
        rateLimits.lookup(caller, tenantId);
        List<Match> found;
        String subject;
        if (nik != null && !nik.isBlank()) {
            Nik parsed = Nik.parse(nik);
            String index = protection.blindIndex(parsed.value());
            subject = parsed.masked();
            found = transactions.inTenant(
                    tenantId, connection -> visible(connection, reach, members.findByNikIndex(index)));
        } else if (name != null && NameKey.of(name).length() >= 3) {
            String key = NameKey.of(name);
            subject = "name";
            found = transactions.inTenant(
                    tenantId,
                    connection -> visible(
                            connection,
                            reach,
                            members.findByNameKeyLike(
                                    key.replace("%", "").replace("_", "") + "%", Pageable.from(0, MAXIMUM_MATCHES))));
        } else {
            throw new LumbungException(
                    ErrorCode.SEARCH_NEEDS_NIK_OR_NAME, "Search by nik (16 digits) or by name (at least 3 letters)");
        }
        audit.record(tenantId, caller, "MEMBER_SEARCH", subject, List.of("full_name", "nik_masked", "address"));
        return found;
    }

    /** Households by exact KK number. */
    public List<Household> findByKk(Caller caller, String tenantId, String kk) {
        Reach reach = access.grant(caller, Permission.HOUSEHOLD_READ, tenantId).reach();
        rateLimits.lookup(caller, tenantId);
        String digits = kk == null ? "" : kk.strip();
        if (!digits.matches("[0-9]{16}")) {
            throw new LumbungException(ErrorCode.KK_NOT_16_DIGITS, "A KK number has exactly 16 digits");
        }
        List<Household> found = transactions.inTenant(tenantId, connection -> {
            List<Household> visible = new ArrayList<>();
            for (HouseholdRow row : households.findByKkIndex(protection.blindIndex(digits))) {
                if (assignments.reaches(connection, reach, row)) {
                    visible.add(row.toHousehold());
                }
            }
            return visible;
        });
        audit.record(tenantId, caller, "HOUSEHOLD_SEARCH", Nik.mask(digits), List.of("kk", "address"));
        return found;
    }

    /** A household with its members and history, if the caller may see it. */
    public HouseholdDetail detail(Caller caller, String tenantId, UUID id) {
        Reach reach = access.grant(caller, Permission.HOUSEHOLD_READ, tenantId).reach();
        HouseholdDetail detail = transactions.inTenant(tenantId, connection -> {
            HouseholdRow row = households.findById(id).orElse(null);
            if (row == null || !assignments.reaches(connection, reach, row)) {
                return null;
            }
            List<Member> people = members.findByHouseholdId(id).stream()
                    .map(MemberRow::toMember)
                    .sorted(Comparator.comparing((Member member) -> order(member.relationship()))
                            .thenComparing(Member::birthDate, Comparator.nullsLast(Comparator.naturalOrder())))
                    .toList();
            return new HouseholdDetail(
                    row.toHousehold(),
                    row.iddtks(),
                    row.kkMasked(),
                    row.dusun(),
                    row.rt(),
                    row.rw(),
                    row.status(),
                    row.desilSource(),
                    row.desilDate(),
                    criteria(connection, tenantId, id),
                    people,
                    history(id, people),
                    sameKk(connection, reach, row));
        });
        if (detail == null) {
            throw new LumbungException(ErrorCode.HOUSEHOLD_NOT_FOUND, "Household " + id + " was not found");
        }
        audit.record(tenantId, caller, "HOUSEHOLD_READ", id.toString(), List.of("address", "kk_masked", "members"));
        return detail;
    }

    /** The other households on the household's family card, each with a link if the caller may open it. */
    private List<HouseholdDetail.SameKk> sameKk(Connection connection, Reach reach, HouseholdRow household)
            throws SQLException {
        if (household.kkIndex() == null) {
            return List.of();
        }
        List<HouseholdDetail.SameKk> others = new ArrayList<>();
        for (HouseholdRow other : households.findByKkIndex(household.kkIndex())) {
            if (!other.id().equals(household.id())) {
                others.add(new HouseholdDetail.SameKk(
                        assignments.reaches(connection, reach, other) ? other.id() : null,
                        other.iddtks(),
                        other.villageCode()));
            }
        }
        return others;
    }

    private List<Match> visible(Connection connection, Reach reach, List<MemberRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, HouseholdRow> byId = new HashMap<>();
        households
                .findByIdIn(
                        rows.stream().map(MemberRow::householdId).distinct().toList(), Pageable.from(0, rows.size()))
                .forEach(row -> byId.put(row.id(), row));
        List<Match> matches = new ArrayList<>();
        for (MemberRow row : rows) {
            HouseholdRow household = byId.get(row.householdId());
            if (household != null && assignments.reaches(connection, reach, household)) {
                matches.add(
                        new Match(row.toMember(), household.villageCode(), household.address(), household.headName()));
            }
        }
        return matches;
    }

    private static int order(String relationship) {
        int index = RELATIONSHIP_ORDER.indexOf(relationship);
        return index < 0 ? RELATIONSHIP_ORDER.size() : index;
    }

    private List<HouseholdDetail.Change> history(UUID householdId, List<Member> people) {
        List<UUID> ids = new ArrayList<>();
        ids.add(householdId);
        people.forEach(member -> ids.add(member.id()));
        return changes.findByEntityIdInOrderByChangedAtDesc(ids, Pageable.from(0, 100)).stream()
                .map(RegistryChangeRow::toChange)
                .toList();
    }
}
