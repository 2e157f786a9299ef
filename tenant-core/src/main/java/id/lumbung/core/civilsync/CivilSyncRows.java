package id.lumbung.core.civilsync;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A synchronisation's reads and writes, inside {@code TenantTransactions.inTenant} only. The
 * triage reads are set-based over the whole registry (tens of thousands of members); an answer's
 * writes touch one item and one member.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface CivilSyncRows extends GenericRepository<CivilSyncItemRow, UUID> {

    <S extends CivilSyncItemRow> List<S> saveAll(Iterable<S> rows);

    List<CivilSyncItemRow> findByIdIn(Collection<UUID> ids);

    /** Every district code, six digits without dots (the region a NIK starts with). */
    @Query("SELECT replace(code, '.', '') FROM region WHERE level = 3")
    List<String> districts();

    /** How many members of the regency write each word of their names (the name key's words). */
    @Introspected
    record WordCount(String word, int members) {}

    @Query("SELECT w AS word, count(*)::int AS members FROM member m, unnest(string_to_array(m.name_key, ' ')) w"
            + " WHERE m.tenant_id = :tenantId AND w <> '' GROUP BY w")
    List<WordCount> wordCounts(String tenantId);

    @Query("SELECT count(*)::int FROM member WHERE tenant_id = :tenantId")
    int memberCount(String tenantId);

    /** A living member as the triage reads it. */
    @Introspected
    record Living(
            UUID id,
            UUID householdId,
            String villageCode,
            @Nullable String nikEncrypted,
            @Nullable String nikMasked,
            String fullName,
            String nameKey,
            @Nullable LocalDate birthDate,
            @Nullable String sex) {}

    @Query("SELECT m.id, m.household_id, h.village_code, m.nik_encrypted, m.nik_masked, m.full_name, m.name_key,"
            + " m.birth_date, m.sex FROM member m JOIN household h ON h.tenant_id = m.tenant_id AND h.id = m.household_id"
            + " WHERE m.tenant_id = :tenantId AND m.status = 'ALIVE' AND h.status = 'ACTIVE'"
            + " AND (:village = '' OR h.village_code = :village)")
    List<Living> living(String tenantId, String village);

    /** A household whose living members do not have exactly one living head, or that has moved away. */
    @Introspected
    record Headless(
            UUID householdId,
            String villageCode,
            String headName,
            long livingHeads,
            @Nullable UUID deceasedHead,
            long living,
            long moved) {}

    @Query("SELECT h.id AS household_id, h.village_code, h.head_name,"
            + " count(*) FILTER (WHERE m.status = 'ALIVE' AND m.relationship = 'KEPALA_KELUARGA') AS living_heads,"
            + " (array_agg(m.id) FILTER (WHERE m.status = 'DECEASED' AND m.relationship = 'KEPALA_KELUARGA'))[1]"
            + " AS deceased_head, count(*) FILTER (WHERE m.status = 'ALIVE') AS living,"
            + " count(*) FILTER (WHERE m.status = 'MOVED') AS moved"
            + " FROM household h JOIN member m ON m.tenant_id = h.tenant_id AND m.household_id = h.id"
            + " WHERE h.tenant_id = :tenantId AND h.status = 'ACTIVE' AND (:village = '' OR h.village_code = :village)"
            + " GROUP BY h.id, h.village_code, h.head_name"
            + " HAVING count(*) FILTER (WHERE m.status = 'ALIVE' AND m.relationship = 'KEPALA_KELUARGA') <> 1")
    List<Headless> headless(String tenantId, String village);

    /** A line the tenant's last finished import refused, with why. */
    @Introspected
    record Refused(long line, @Nullable String columnName, String code, String message) {}

    @Query("SELECT i.line, i.column_name, i.code, i.message FROM import_issue i WHERE i.tenant_id = :tenantId"
            + " AND i.severity = 'ERROR' AND i.import_id = (SELECT j.id FROM import_job j WHERE j.tenant_id = :tenantId"
            + " AND j.finished_at IS NOT NULL ORDER BY j.finished_at DESC LIMIT 1) ORDER BY i.line")
    List<Refused> refusedByLastImport(String tenantId);

    @Query("SELECT id FROM import_job WHERE tenant_id = :tenantId AND finished_at IS NOT NULL"
            + " ORDER BY finished_at DESC LIMIT 1")
    Optional<UUID> lastImport(String tenantId);

    /** Holds the tenant's synchronisation lock until the transaction ends: two starts never both ask. */
    @Query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('civil_sync:' || :tenantId))) held")
    int lockTenant(String tenantId);

    @Query("SELECT count(*) FROM civil_sync_item WHERE tenant_id = :tenantId AND state = 'ASKING'")
    long asking(String tenantId);

    @Query("INSERT INTO civil_sync (tenant_id, id, village_code, members, requested_by)"
            + " VALUES (:tenantId, :id, NULLIF(:village, ''), :members, :requestedBy)")
    void open(String tenantId, UUID id, String village, int members, String requestedBy);

    /** A run as listed, with its items' counts per state and outcome. */
    @Introspected
    record Run(UUID id, @Nullable String villageCode, int members, String requestedBy, Instant createdAt) {}

    @Query("SELECT id, village_code, members, requested_by, created_at FROM civil_sync WHERE tenant_id = :tenantId"
            + " AND id IN (:ids)")
    List<Run> runs(String tenantId, Collection<UUID> ids);

    @Introspected
    record Count(UUID syncId, String state, @Nullable String outcome, long items) {}

    @Query("SELECT i.sync_id, i.state, i.outcome, count(*) AS items FROM civil_sync_item i"
            + " WHERE i.tenant_id = :tenantId AND i.sync_id IN (:ids)"
            + " AND (:everything OR i.village_code IN (:villages)) GROUP BY i.sync_id, i.state, i.outcome")
    List<Count> counts(String tenantId, Collection<UUID> ids, boolean everything, Collection<String> villages);

    @Query("SELECT * FROM civil_sync_item WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
    Optional<CivilSyncItemRow> lock(String tenantId, UUID id);

    @Query("UPDATE civil_sync_item SET state = :state, outcome = :outcome, pending = :pending,"
            + " differences = :differences, proposal_id = :proposalId, updated_at = clock_timestamp()"
            + " WHERE tenant_id = :tenantId AND id = :id")
    void settle(
            String tenantId,
            UUID id,
            String state,
            @Nullable String outcome,
            int pending,
            String differences,
            @Nullable UUID proposalId);

    /** The member as it is now, with its household's KK, when an answer comes back. */
    @Introspected
    record Current(
            UUID id,
            UUID householdId,
            String fullName,
            @Nullable String nikEncrypted,
            @Nullable String nikMasked,
            @Nullable String birthPlace,
            @Nullable LocalDate birthDate,
            @Nullable String sex,
            String relationship,
            @Nullable String kkEncrypted) {}

    @Query("SELECT m.id, m.household_id, m.full_name, m.nik_encrypted, m.nik_masked, m.birth_place, m.birth_date,"
            + " m.sex, m.relationship, h.kk_encrypted FROM member m JOIN household h ON h.tenant_id = m.tenant_id"
            + " AND h.id = m.household_id WHERE m.tenant_id = :tenantId AND m.id = :memberId")
    Optional<Current> current(String tenantId, UUID memberId);

    @Query("SELECT count(*) FROM member WHERE tenant_id = :tenantId AND nik_index = :nikIndex AND id <> :memberId")
    long othersWithNik(String tenantId, String nikIndex, UUID memberId);

    @Query("UPDATE member SET nik_encrypted = :encrypted, nik_index = :nikIndex, nik_masked = :masked,"
            + " updated_at = now() WHERE tenant_id = :tenantId AND id = :memberId")
    void correctNik(String tenantId, UUID memberId, String encrypted, String nikIndex, String masked);

    @Query("UPDATE member SET full_name = :fullName, name_key = :nameKey, updated_at = now()"
            + " WHERE tenant_id = :tenantId AND id = :memberId")
    void correctName(String tenantId, UUID memberId, String fullName, String nameKey);

    @Query("UPDATE household SET head_name = :fullName WHERE tenant_id = :tenantId AND id = :householdId"
            + " AND head_name = :was")
    void correctHeadName(String tenantId, UUID householdId, String was, String fullName);

    @Query("UPDATE member SET birth_date = :birthDate, sex = :sex, updated_at = now()"
            + " WHERE tenant_id = :tenantId AND id = :memberId")
    void correctBirth(String tenantId, UUID memberId, LocalDate birthDate, String sex);

    @Query("INSERT INTO registry_change (tenant_id, id, entity, entity_id, kind, fields, source, reason, changed_by)"
            + " VALUES (:tenantId, gen_random_uuid(), 'MEMBER', :memberId, 'UPDATED', string_to_array(:fields, ','),"
            + " 'DUKCAPIL', :reason, 'dukcapil')")
    void history(String tenantId, UUID memberId, String fields, String reason);
}
