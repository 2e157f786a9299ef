package id.lumbung.core.transfer;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A family's move between two regencies, in SQL: every statement names its tenant, and runs in a
 * transaction whose scope holds both regencies (row-level security refuses the other's rows
 * otherwise). The household and its members are copied whole ({@code jsonb_populate_record}
 * over the origin's row), so a column added to the registry moves with the family unnamed.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface TransferRows extends GenericRepository<TransferRow, UUID> {

    /** The origin's household, locked: two transfers of one family (or a transfer and a decision) wait in turn. */
    @Introspected
    record Origin(
            String status,
            String headName,
            String villageCode,
            @Nullable String iddtks,
            @Nullable String kkEncrypted,
            long living) {}

    @Query("SELECT h.status, h.head_name, h.village_code, h.iddtks, h.kk_encrypted, (SELECT count(*) FROM member m"
            + " WHERE m.tenant_id = h.tenant_id AND m.household_id = h.id AND m.status = 'ALIVE'"
            + " AND m.duplicate_of IS NULL) AS living FROM household h WHERE h.tenant_id = :tenantId AND h.id = :id"
            + " FOR UPDATE OF h")
    Optional<Origin> lockHousehold(String tenantId, UUID id);

    /** What the destination holds of the family already (at most five). */
    @Introspected
    record Held(String kind, @Nullable String shown, String status) {}

    @Query("(SELECT 'NIK' AS kind, m.nik_masked AS shown, h.status FROM member m JOIN household h"
            + " ON h.tenant_id = m.tenant_id AND h.id = m.household_id WHERE m.tenant_id = :to AND m.status = 'ALIVE'"
            + " AND h.status IN ('ACTIVE', 'PENDING') AND h.id <> :except AND m.nik_index IN (SELECT f.nik_index"
            + " FROM member f WHERE f.tenant_id = :from AND f.household_id = :household AND f.status = 'ALIVE'"
            + " AND f.duplicate_of IS NULL AND f.nik_index IS NOT NULL) LIMIT 5)"
            + " UNION ALL (SELECT 'KK', h.kk_masked, h.status FROM household h WHERE h.tenant_id = :to"
            + " AND h.status IN ('ACTIVE', 'PENDING') AND h.id <> :except AND h.kk_index = (SELECT o.kk_index"
            + " FROM household o WHERE o.tenant_id = :from AND o.id = :household) LIMIT 5)"
            + " UNION ALL (SELECT 'IDDTKS', h.iddtks, h.status FROM household h WHERE h.tenant_id = :to"
            + " AND h.id <> :except AND h.iddtks = (SELECT o.iddtks FROM household o WHERE o.tenant_id = :from"
            + " AND o.id = :household) LIMIT 1)"
            + " UNION ALL (SELECT 'MEMBER', m.nik_masked, h.status FROM member m JOIN household h"
            + " ON h.tenant_id = m.tenant_id AND h.id = m.household_id WHERE m.tenant_id = :to AND h.id <> :except"
            + " AND m.source_key IN (SELECT f.source_key FROM member f WHERE f.tenant_id = :from"
            + " AND f.household_id = :household AND f.status = 'ALIVE' AND f.duplicate_of IS NULL) LIMIT 5)")
    List<Held> heldAlready(String from, UUID household, String to, UUID except);

    /**
     * The destination's households this family left earlier by a transfer ({@code LEFT}) that
     * still hold its DTKS id or a member's key: a family coming back.
     */
    @Query("SELECT h.id FROM household h WHERE h.tenant_id = :to AND h.status = 'LEFT' AND (h.iddtks = (SELECT"
            + " o.iddtks FROM household o WHERE o.tenant_id = :from AND o.id = :household) OR h.id IN (SELECT"
            + " m.household_id FROM member m WHERE m.tenant_id = :to AND m.source_key IN (SELECT f.source_key"
            + " FROM member f WHERE f.tenant_id = :from AND f.household_id = :household AND f.status = 'ALIVE'"
            + " AND f.duplicate_of IS NULL)))")
    List<UUID> leftBefore(String from, UUID household, String to);

    /** The destination's copy of the household, waiting for its verification. */
    @Query("INSERT INTO household SELECT r.* FROM household h CROSS JOIN LATERAL jsonb_populate_record(h,"
            + " jsonb_build_object('tenant_id', CAST(:to AS text), 'id', CAST(:copy AS uuid),"
            + " 'village_code', CAST(:village AS text), 'address', CAST(:address AS text), 'dusun', NULL, 'rt', NULL,"
            + " 'rw', NULL, 'status', 'PENDING', 'source', 'TRANSFER', 'kk_encrypted', CAST(:kk AS text),"
            + " 'member_count', CAST(:living AS integer), 'row_hash', NULL, 'created_at', now(), 'updated_at', now())) r"
            + " WHERE h.tenant_id = :from AND h.id = :household")
    int copyHousehold(
            String from,
            UUID household,
            String to,
            UUID copy,
            String village,
            String address,
            @Nullable String kk,
            long living);

    /** The living members, copied into the destination's household (their NIK sealed again there). */
    @Query("INSERT INTO member SELECT r.* FROM member m CROSS JOIN LATERAL jsonb_populate_record(m,"
            + " jsonb_build_object('tenant_id', CAST(:to AS text), 'id', gen_random_uuid(),"
            + " 'household_id', CAST(:copy AS uuid), 'nik_encrypted', NULL, 'duplicate_of', NULL, 'row_hash', NULL,"
            + " 'created_at', now(), 'updated_at', now())) r"
            + " WHERE m.tenant_id = :from AND m.household_id = :household AND m.status = 'ALIVE'"
            + " AND m.duplicate_of IS NULL")
    int copyMembers(String from, UUID household, String to, UUID copy);

    /** A member's sealed NIK, by its key (the same in both regencies). */
    @Introspected
    record Sealed(String sourceKey, String nikEncrypted) {}

    @Query("SELECT source_key, nik_encrypted FROM member WHERE tenant_id = :tenantId AND household_id = :household"
            + " AND status = 'ALIVE' AND duplicate_of IS NULL AND nik_encrypted IS NOT NULL")
    List<Sealed> sealed(String tenantId, UUID household);

    @Query("UPDATE member SET nik_encrypted = :nikEncrypted WHERE tenant_id = :tenantId AND household_id = :household"
            + " AND source_key = :sourceKey")
    void seal(String tenantId, UUID household, String sourceKey, String nikEncrypted);

    @Query("UPDATE household SET status = :status, updated_at = now() WHERE tenant_id = :tenantId AND id = :id")
    void status(String tenantId, UUID id, String status);

    /**
     * A copy the destination refused (or the origin withdrew): kept as it was, inactive, its keys
     * (DTKS id, the members' keys) given up so the family may move there again later.
     */
    @Query("UPDATE household SET status = 'INACTIVE', iddtks = NULL, updated_at = now() WHERE tenant_id = :tenantId"
            + " AND id = :id")
    void retire(String tenantId, UUID id);

    /** A household the family left earlier gives up its DTKS id to the family's new record (it stays LEFT). */
    @Query("UPDATE household SET iddtks = NULL, updated_at = now() WHERE tenant_id = :tenantId AND id = :id"
            + " AND status = 'LEFT'")
    void releaseKeys(String tenantId, UUID id);

    @Query("UPDATE member SET source_key = 'pindahan:' || :transfer || ':' || source_key, updated_at = now()"
            + " WHERE tenant_id = :tenantId AND household_id = :household")
    void retireMembers(String tenantId, UUID household, String transfer);

    /** One history entry for the household. */
    @Query("INSERT INTO registry_change (tenant_id, id, entity, entity_id, kind, fields, source, reason, changed_by)"
            + " VALUES (:tenantId, gen_random_uuid(), 'HOUSEHOLD', :household, :kind, string_to_array(:fields, ','),"
            + " 'TRANSFER', :reason, :by)")
    void householdChange(String tenantId, UUID household, String kind, String fields, String reason, String by);

    /** One history entry per member of the household. */
    @Query("INSERT INTO registry_change (tenant_id, id, entity, entity_id, kind, fields, source, reason, changed_by)"
            + " SELECT :tenantId, gen_random_uuid(), 'MEMBER', id, 'CREATED', '{}', 'TRANSFER', :reason, :by"
            + " FROM member WHERE tenant_id = :tenantId AND household_id = :household")
    void membersCreated(String tenantId, UUID household, String reason, String by);

    @Query("INSERT INTO household_transfer (id, origin_tenant_id, origin_household_id, destination_tenant_id,"
            + " destination_household_id, destination_village, head_name, members, reason, requested_by)"
            + " VALUES (:id, :from, :household, :to, :copy, :village, :headName, :members, :reason, :by)")
    void open(
            UUID id,
            String from,
            UUID household,
            String to,
            UUID copy,
            String village,
            String headName,
            long members,
            String reason,
            String by);

    @Query("SELECT * FROM household_transfer WHERE id = :id")
    Optional<TransferRow> find(UUID id);

    @Query("SELECT * FROM household_transfer WHERE id = :id FOR UPDATE")
    Optional<TransferRow> lock(UUID id);

    @Query("SELECT * FROM household_transfer WHERE id IN (:ids)")
    List<TransferRow> findByIdIn(Collection<UUID> ids);

    /** The transfer a household is part of, waiting (either side). */
    @Query("SELECT * FROM household_transfer WHERE state = 'PENDING' AND ((origin_tenant_id = :tenantId"
            + " AND origin_household_id = :household) OR (destination_tenant_id = :tenantId"
            + " AND destination_household_id = :household))")
    Optional<TransferRow> waitingFor(String tenantId, UUID household);

    @Query("UPDATE household_transfer SET state = :state, decided_by = :by, decided_at = now(),"
            + " decision_note = :note WHERE id = :id AND state = 'PENDING'")
    int decide(UUID id, String state, String by, @Nullable String note);
}
