package id.lumbung.core.household;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Reach;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.nik.Nik;
import id.lumbung.core.paging.Keyset;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.core.ratelimit.RateLimits;
import id.lumbung.core.registry.NameKey;
import id.lumbung.core.tenant.TenantVillages;
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
    private final TenantVillages villages;

    RegistryReads(
            TenantTransactions transactions,
            Authorizer access,
            HouseholdRows households,
            MemberRows members,
            HouseholdAssignments assignments,
            IdentifierProtection protection,
            AuditLog audit,
            RateLimits rateLimits,
            RegistryChangeRows changes,
            TenantVillages villages) {
        this.changes = changes;
        this.villages = villages;
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

    private static final Keyset HOUSEHOLD_ORDER = Keyset.ascending("h.village_code", "h.address", "h.id");
    private static final String HOUSEHOLDS =
            " FROM household h WHERE h.tenant_id = ?" + " AND (?::text IS NULL OR h.village_code = ?::text) AND ";

    /**
     * Households the caller may see, optionally in one village, by village and address, a page at
     * a time with the list's total.
     */
    public Page<Household> households(Caller caller, String tenantId, String village, PageRequest request) {
        Authorizer.Grant grant = access.grant(caller, Permission.HOUSEHOLD_READ, tenantId);
        Reach reach = grant.reach();
        rateLimits.lookup(caller, tenantId);
        String villageCode = villages.optional(grant.tenant(), village);
        Page<Household> page = transactions.inTenant(tenantId, connection -> {
            Keyset.Ids read = HOUSEHOLD_ORDER.ids(
                    connection,
                    "h.id",
                    HOUSEHOLDS + reach.sql("h"),
                    request,
                    query -> bindHouseholds(connection, query, tenantId, villageCode, reach));
            List<HouseholdRow> rows = read.ids().isEmpty()
                    ? List.of()
                    : households.findByIdIn(
                            read.ids(), Pageable.from(0, read.ids().size()));
            return Page.of(
                    read.inOrder(rows, HouseholdRow::id).stream()
                            .map(HouseholdRow::toHousehold)
                            .toList(),
                    request,
                    read.total(),
                    household -> PageRequest.cursor(
                            household.villageCode(),
                            household.address(),
                            household.id().toString()));
        });
        audit.record(tenantId, caller, "HOUSEHOLD_LIST", villageCode, List.of("address", "head_name"));
        return page;
    }

    private static int bindHouseholds(
            Connection connection, PreparedStatement query, String tenantId, String villageCode, Reach reach)
            throws SQLException {
        query.setString(1, tenantId);
        query.setString(2, villageCode);
        query.setString(3, villageCode);
        return reach.bind(connection, query, 4);
    }

    private static final Keyset NAME_ORDER = Keyset.ascending("m.name_key", "m.id");
    private static final String BY_NAME = " FROM member m JOIN household h ON h.tenant_id = m.tenant_id"
            + " AND h.id = m.household_id WHERE m.tenant_id = ? AND m.name_key LIKE ? AND ";

    /**
     * Members whose name begins like {@code name} (tolerant of case, spacing, titles and the
     * spellings of one name), by name, a page at a time with the list's total.
     */
    public Page<Match> findByName(Caller caller, String tenantId, String name, PageRequest request) {
        Reach reach = access.grant(caller, Permission.HOUSEHOLD_READ, tenantId).reach();
        rateLimits.lookup(caller, tenantId);
        String key = name == null ? "" : NameKey.of(name);
        if (key.length() < 3) {
            throw new LumbungException(
                    ErrorCode.SEARCH_NEEDS_NIK_OR_NAME, "Search by nik (16 digits) or by name (at least 3 letters)");
        }
        String pattern = key.replace("%", "").replace("_", "") + "%";
        Page<Match> page = transactions.inTenant(
                tenantId,
                connection -> members(
                        connection,
                        BY_NAME + reach.sql("h"),
                        NAME_ORDER,
                        request,
                        query -> {
                            query.setString(1, tenantId);
                            query.setString(2, pattern);
                            return reach.bind(connection, query, 3);
                        },
                        row -> PageRequest.cursor(row.nameKey(), row.id().toString())));
        audit.record(tenantId, caller, "MEMBER_SEARCH", "name", List.of("full_name", "nik_masked", "address"));
        return page;
    }

    /**
     * A page of members matching {@code filter} ({@code FROM member m JOIN household h … WHERE …}),
     * in the keyset's order, each with where the family lives, and the filter's total.
     */
    private Page<Match> members(
            Connection connection,
            String filter,
            Keyset order,
            PageRequest request,
            Keyset.Binder parameters,
            java.util.function.Function<MemberRow, String> cursorOf)
            throws SQLException {
        Keyset.Ids read = order.ids(connection, "m.id", filter, request, parameters);
        List<MemberRow> rows = read.ids().isEmpty() ? List.of() : members.findByIdIn(read.ids());
        Map<UUID, HouseholdRow> homes = new HashMap<>();
        if (!rows.isEmpty()) {
            List<UUID> householdIds =
                    rows.stream().map(MemberRow::householdId).distinct().toList();
            households
                    .findByIdIn(householdIds, Pageable.from(0, householdIds.size()))
                    .forEach(row -> homes.put(row.id(), row));
        }
        return Page.of(read.inOrder(rows, MemberRow::id), request, read.total(), cursorOf)
                .map(row -> {
                    HouseholdRow home = homes.get(row.householdId());
                    return new Match(row.toMember(), home.villageCode(), home.address(), home.headName());
                });
    }

    private static final java.time.ZoneId WIB = java.time.ZoneId.of("Asia/Jakarta");
    private static final Keyset BIRTH_ORDER = Keyset.byDate("m.birth_date", "m.id");
    private static final String TURNING_17 = " FROM member m JOIN household h ON h.tenant_id = m.tenant_id"
            + " AND h.id = m.household_id WHERE m.tenant_id = ? AND m.status = 'ALIVE'"
            + " AND m.birth_date > ?::date AND m.birth_date <= ?::date AND (?::text IS NULL OR h.village_code = ?::text)"
            + " AND ";

    /**
     * Members who turn 17 in the next six months (today in WIB excluded), youngest last, optionally
     * of one village: at 17 a person records a KTP-el, and a member without one is the first to drop
     * out of the lists. Whether the registry has the NIK shows in each member's masked NIK.
     */
    public Page<Match> turningSeventeen(Caller caller, String tenantId, String village, PageRequest request) {
        Authorizer.Grant grant = access.grant(caller, Permission.HOUSEHOLD_READ, tenantId);
        Reach reach = grant.reach();
        rateLimits.lookup(caller, tenantId);
        String villageCode = villages.optional(grant.tenant(), village);
        java.time.LocalDate today = java.time.LocalDate.now(WIB);
        String bornAfter = today.minusYears(17).toString();
        String bornBy = today.plusMonths(6).minusYears(17).toString();
        Page<Match> page = transactions.inTenant(
                tenantId,
                connection -> members(
                        connection,
                        TURNING_17 + reach.sql("h"),
                        BIRTH_ORDER,
                        request,
                        query -> {
                            query.setString(1, tenantId);
                            query.setString(2, bornAfter);
                            query.setString(3, bornBy);
                            query.setString(4, villageCode);
                            query.setString(5, villageCode);
                            return reach.bind(connection, query, 6);
                        },
                        row -> PageRequest.cursor(
                                row.birthDate().toString(), row.id().toString())));
        audit.record(
                tenantId,
                caller,
                "MEMBER_LIST_TURNING_17",
                villageCode,
                List.of("full_name", "nik_masked", "birth_date", "address"));
        return page;
    }

    /** Members by exact NIK or by name; {@code nik} wins when both are given. */
    public List<Match> findMembers(Caller caller, String tenantId, String nik, String name) {
        if ((nik == null || nik.isBlank()) && name != null) {
            return findByName(caller, tenantId, name, PageRequest.first()).items();
        }
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
                    history(connection, tenantId, id, people),
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

    /** The newest 100 changes of the household and its people, their creation by an import included. */
    private List<HouseholdDetail.Change> history(
            Connection connection, String tenantId, UUID householdId, List<Member> people) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        ids.add(householdId);
        people.forEach(member -> ids.add(member.id()));
        List<HouseholdDetail.Change> history = new ArrayList<>();
        changes.findByEntityIdInOrderByChangedAtDesc(ids, Pageable.from(0, 100))
                .forEach(change -> history.add(change.toChange()));
        history.addAll(createdByImport(connection, tenantId, householdId));
        history.sort(Comparator.comparing(HouseholdDetail.Change::changedAt).reversed());
        return history.size() > 100 ? List.copyOf(history.subList(0, 100)) : history;
    }

    /**
     * The household and members an import created: the creation is recorded on their rows
     * (decision 0027), by whom the import's job says.
     */
    private static List<HouseholdDetail.Change> createdByImport(
            Connection connection, String tenantId, UUID householdId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 'HOUSEHOLD', h.id, h.created_at,"
                + " j.requested_by FROM household h JOIN import_job j ON j.tenant_id = h.tenant_id AND j.id = h.import_id"
                + " WHERE h.tenant_id = ? AND h.id = ?"
                + " UNION ALL SELECT 'MEMBER', m.id, m.created_at, j.requested_by FROM member m"
                + " JOIN import_job j ON j.tenant_id = m.tenant_id AND j.id = m.import_id"
                + " WHERE m.tenant_id = ? AND m.household_id = ?")) {
            query.setString(1, tenantId);
            query.setObject(2, householdId);
            query.setString(3, tenantId);
            query.setObject(4, householdId);
            return Rows.list(
                    query,
                    row -> new HouseholdDetail.Change(
                            row.getString(1),
                            row.getObject(2, UUID.class),
                            "CREATED",
                            List.of(),
                            "IMPORT",
                            row.getString(4),
                            row.getTimestamp(3).toInstant()));
        }
    }
}
