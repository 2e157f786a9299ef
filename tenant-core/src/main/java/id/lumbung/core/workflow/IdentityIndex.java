package id.lumbung.core.workflow;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What the checks on submission ask of the registry, by blind index: the tenants a transaction
 * allows answer (one tenant, or every tenant of a province for the duplicates across regencies).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface IdentityIndex extends GenericRepository<IndexedMember, UUID> {

    /** Where a NIK or a KK is found, tenant by tenant. */
    @Introspected
    record Found(String tenantId, long people, long households, @Nullable String iddtks, @Nullable String status) {}

    /** A member and its household, as a life event proposes a change of them. */
    @Introspected
    record MemberOf(
            UUID memberId,
            UUID householdId,
            String fullName,
            @Nullable String nikEncrypted,
            @Nullable String nikIndex,
            @Nullable String nikMasked,
            String relationship,
            String villageCode,
            String address,
            String headName,
            @Nullable String kkEncrypted,
            @Nullable String kkIndex,
            @Nullable String kkMasked,
            long living) {}

    @Query(
            "SELECT m.id AS member_id, m.household_id, m.full_name, m.nik_encrypted, m.nik_index, m.nik_masked,"
                    + " m.relationship, h.village_code, h.address, h.head_name, h.kk_encrypted, h.kk_index, h.kk_masked,"
                    + " (SELECT count(*) FROM member x WHERE x.tenant_id = m.tenant_id AND x.household_id = m.household_id"
                    + " AND x.status = 'ALIVE' AND x.id <> m.id) AS living FROM member m JOIN household h"
                    + " ON h.tenant_id = m.tenant_id AND h.id = m.household_id WHERE m.tenant_id = :tenantId AND m.id = :memberId")
    java.util.Optional<MemberOf> memberOf(String tenantId, UUID memberId);

    @Query("SELECT count(*) FROM proposal WHERE tenant_id = :tenantId AND household_id = :household"
            + " AND reason = :reason AND state NOT IN ('REJECTED', 'WITHDRAWN', 'DETERMINED', 'RETURNED')")
    long openProposals(String tenantId, UUID household, String reason);

    @Query("SELECT m.tenant_id, count(*) AS people, count(DISTINCT m.household_id) AS households,"
            + " min(h.iddtks) AS iddtks, min(m.status) AS status FROM member m JOIN household h"
            + " ON h.tenant_id = m.tenant_id AND h.id = m.household_id"
            + " WHERE m.nik_index = :index AND h.status = 'ACTIVE' GROUP BY m.tenant_id")
    List<Found> membersByNik(String index);

    /** A living member whose NIK is one of some blind indexes (the slips of a NIK). */
    @Introspected
    record Near(String tenantId, String fullName, @Nullable String iddtks) {}

    @Query("SELECT m.tenant_id, m.full_name, h.iddtks FROM member m JOIN household h ON h.tenant_id = m.tenant_id"
            + " AND h.id = m.household_id WHERE m.nik_index IN (:indexes) AND m.status = 'ALIVE'"
            + " AND h.status = 'ACTIVE' ORDER BY m.tenant_id, h.iddtks LIMIT 20")
    List<Near> membersByNikIn(java.util.Collection<String> indexes);

    @Query("SELECT h.tenant_id, 0 AS people, count(*) AS households, min(h.iddtks) AS iddtks, NULL AS status"
            + " FROM household h WHERE h.kk_index = :index AND h.status = 'ACTIVE' GROUP BY h.tenant_id")
    List<Found> householdsByKk(String index);

    @Query("SELECT count(*) FROM proposal WHERE tenant_id = :tenantId AND nik_index = :index AND id <> :id"
            + " AND state NOT IN ('REJECTED', 'WITHDRAWN', 'DETERMINED', 'RETURNED')")
    long openProposalsWithNik(String tenantId, String index, UUID id);

    @Query("SELECT count(*) FROM student WHERE tenant_id = :tenantId AND nik_index = :index")
    long studentsWithNik(String tenantId, String index);

    @Query("SELECT count(*) FROM member WHERE tenant_id = :tenantId AND household_id = :household"
            + " AND relationship = 'KEPALA_KELUARGA' AND status = 'DECEASED'")
    long deceasedHeads(String tenantId, UUID household);

    @Query("SELECT count(*) FROM member WHERE tenant_id = :tenantId AND household_id = :household"
            + " AND relationship = 'KEPALA_KELUARGA' AND status = 'ALIVE'")
    long livingHeads(String tenantId, UUID household);

    @Query("SELECT count(*) FROM member WHERE tenant_id = :tenantId AND household_id = :household"
            + " AND status = 'ALIVE' AND birth_date > :from AND birth_date <= :until")
    long turningSeventeen(String tenantId, UUID household, LocalDate from, LocalDate until);
}
