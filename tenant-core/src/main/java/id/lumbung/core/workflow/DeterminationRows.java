package id.lumbung.core.workflow;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The ministry's answer to what was sent, read against the proposals, and the corrections ledger
 * (tenant transactions only). Every statement is set-based: a determination list of a regency
 * is tens of thousands of records.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeterminationRows extends GenericRepository<CorrectionRow, UUID> {

    /** Sent proposals the ministry returned in this period (by NIK, or by household). */
    @Query("SELECT p.id FROM proposal p WHERE p.tenant_id = :tenantId AND p.state = 'SENT' AND EXISTS (SELECT 1"
            + " FROM ministry_record r WHERE r.tenant_id = p.tenant_id AND r.kind = 'RETURNED' AND r.period = :period"
            + " AND ((p.nik_index IS NOT NULL AND r.nik_index = p.nik_index)"
            + " OR (p.household_id IS NOT NULL AND r.household_id = p.household_id)))")
    List<UUID> returned(String tenantId, String period);

    /**
     * Sent proposals the period's determination settles: a new household listed (by its head's
     * NIK), a changed one listed, a removed one no longer listed.
     */
    @Query("SELECT p.id FROM proposal p WHERE p.tenant_id = :tenantId AND p.state = 'SENT' AND EXISTS (SELECT 1"
            + " FROM ministry_record d WHERE d.tenant_id = p.tenant_id AND d.kind = 'DETERMINATION' AND d.period = :period)"
            + " AND CASE p.kind"
            + " WHEN 'ADD' THEN EXISTS (SELECT 1 FROM ministry_record r WHERE r.tenant_id = p.tenant_id"
            + " AND r.kind = 'DETERMINATION' AND r.period = :period AND r.nik_index = p.nik_index)"
            + " WHEN 'CHANGE' THEN EXISTS (SELECT 1 FROM ministry_record r WHERE r.tenant_id = p.tenant_id"
            + " AND r.kind = 'DETERMINATION' AND r.period = :period AND r.household_id = p.household_id)"
            + " ELSE NOT EXISTS (SELECT 1 FROM ministry_record r WHERE r.tenant_id = p.tenant_id"
            + " AND r.kind = 'DETERMINATION' AND r.period = :period AND r.household_id = p.household_id) END")
    List<UUID> determined(String tenantId, String period);

    @Query("UPDATE proposal SET state = :to, version = version + 1, state_since = clock_timestamp()"
            + " WHERE tenant_id = :tenantId AND state = 'SENT' AND id IN (:ids)")
    long settle(String tenantId, String to, Collection<UUID> ids);

    @Query("INSERT INTO proposal_event (tenant_id, proposal_id, command, from_state, to_state, actor, note)"
            + " SELECT tenant_id, id, :command, 'SENT', :to, :actor, :note FROM proposal WHERE tenant_id = :tenantId"
            + " AND id IN (:ids)")
    long settled(String tenantId, Collection<UUID> ids, String command, String to, String actor, String note);

    /** A household the ministry returned records of, that no open proposal covers yet. */
    @Introspected
    record ReturnedHousehold(
            UUID householdId,
            String villageCode,
            String headName,
            String address,
            @Nullable String kkEncrypted,
            @Nullable String kkIndex,
            @Nullable String kkMasked,
            String reasons) {}

    @Query("SELECT h.id AS household_id, h.village_code, h.head_name, h.address, h.kk_encrypted, h.kk_index,"
            + " h.kk_masked, string_agg(DISTINCT coalesce(r.reason, 'tanpa alasan'), '; ') AS reasons"
            + " FROM ministry_record r JOIN household h ON h.tenant_id = r.tenant_id AND h.id = r.household_id"
            + " WHERE r.tenant_id = :tenantId AND r.kind = 'RETURNED' AND r.period = :period AND NOT EXISTS (SELECT 1"
            + " FROM proposal p WHERE p.tenant_id = r.tenant_id AND p.household_id = r.household_id"
            + " AND p.state NOT IN ('REJECTED', 'WITHDRAWN', 'DETERMINED'))"
            + " GROUP BY h.id, h.village_code, h.head_name, h.address, h.kk_encrypted, h.kk_index, h.kk_masked")
    List<ReturnedHousehold> returnedWithoutProposal(String tenantId, String period);

    /** Where the proposals sent up to a period stand, per village. */
    @Introspected
    record Village(
            String villageCode,
            long added,
            long removed,
            long changed,
            long returned,
            long waiting,
            long desilChanged) {}

    @Query("SELECT v.village_code, coalesce(p.added, 0) AS added, coalesce(p.removed, 0) AS removed,"
            + " coalesce(p.changed, 0) AS changed, coalesce(p.returned, 0) AS returned, coalesce(p.waiting, 0) AS waiting,"
            + " coalesce(d.desil_changed, 0) AS desil_changed FROM (SELECT village_code FROM proposal WHERE tenant_id = :tenantId"
            + " AND state IN ('SENT', 'DETERMINED', 'RETURNED') UNION SELECT h.village_code FROM ministry_record r"
            + " JOIN household h ON h.tenant_id = r.tenant_id AND h.id = r.household_id WHERE r.tenant_id = :tenantId"
            + " AND r.kind = 'DETERMINATION' AND r.period = :period) v"
            + " LEFT JOIN (SELECT village_code,"
            + " count(*) FILTER (WHERE state = 'DETERMINED' AND kind = 'ADD') AS added,"
            + " count(*) FILTER (WHERE state = 'DETERMINED' AND kind = 'REMOVE') AS removed,"
            + " count(*) FILTER (WHERE state = 'DETERMINED' AND kind = 'CHANGE') AS changed,"
            + " count(*) FILTER (WHERE state = 'RETURNED') AS returned,"
            + " count(*) FILTER (WHERE state = 'SENT') AS waiting"
            + " FROM proposal WHERE tenant_id = :tenantId AND state IN ('SENT', 'DETERMINED', 'RETURNED')"
            + " GROUP BY village_code) p ON p.village_code = v.village_code"
            + " LEFT JOIN (SELECT h.village_code, count(*) AS desil_changed FROM ministry_record r JOIN household h"
            + " ON h.tenant_id = r.tenant_id AND h.id = r.household_id JOIN ministry_record q"
            + " ON q.tenant_id = r.tenant_id AND q.kind = 'DETERMINATION' AND q.record_id = r.record_id"
            + " AND q.period = (SELECT max(x.period) FROM ministry_record x WHERE x.tenant_id = r.tenant_id"
            + " AND x.kind = 'DETERMINATION' AND x.period < :period)"
            + " WHERE r.tenant_id = :tenantId AND r.kind = 'DETERMINATION' AND r.period = :period"
            + " AND q.desil IS DISTINCT FROM r.desil GROUP BY h.village_code) d ON d.village_code = v.village_code"
            + " ORDER BY v.village_code")
    List<Village> villages(String tenantId, String period);

    /** A line of the comparison: a proposal and where it stands, or a household whose desil changed. */
    @Introspected
    record Line(
            String villageCode, String what, String reference, String name, String outcome, @Nullable String detail) {}

    @Query("SELECT p.village_code, p.kind AS what, p.receipt AS reference, p.head_name AS name, p.state AS outcome,"
            + " (SELECT string_agg(DISTINCT r.reason, '; ') FROM ministry_record r WHERE r.tenant_id = p.tenant_id"
            + " AND r.kind = 'RETURNED' AND r.period = :period AND ((p.nik_index IS NOT NULL AND r.nik_index = p.nik_index)"
            + " OR (p.household_id IS NOT NULL AND r.household_id = p.household_id))) AS detail"
            + " FROM proposal p WHERE p.tenant_id = :tenantId AND p.state IN ('SENT', 'DETERMINED', 'RETURNED')"
            + " AND (:village = '' OR p.village_code = :village)"
            + " UNION ALL SELECT h.village_code, 'DESIL' AS what, coalesce(r.iddtks, r.record_id) AS reference,"
            + " coalesce(r.full_name, h.head_name) AS name, 'DESIL_CHANGED' AS outcome,"
            + " q.desil || ' → ' || r.desil AS detail FROM ministry_record r JOIN household h ON h.tenant_id = r.tenant_id"
            + " AND h.id = r.household_id JOIN ministry_record q ON q.tenant_id = r.tenant_id AND q.kind = 'DETERMINATION'"
            + " AND q.record_id = r.record_id AND q.period = (SELECT max(x.period) FROM ministry_record x"
            + " WHERE x.tenant_id = r.tenant_id AND x.kind = 'DETERMINATION' AND x.period < :period)"
            + " WHERE r.tenant_id = :tenantId AND r.kind = 'DETERMINATION' AND r.period = :period"
            + " AND q.desil IS DISTINCT FROM r.desil AND (:village = '' OR h.village_code = :village)"
            + " ORDER BY 1, 2, 3 LIMIT 100000")
    List<Line> lines(String tenantId, String period, String village);

    /** The corrections and removals of a list, written in the ledger as the list is sent. */
    @Query("INSERT INTO correction_ledger (tenant_id, proposal_id, kind, reason, household_id, nik_index,"
            + " evidence_sha256, period) SELECT tenant_id, id, CASE kind WHEN 'REMOVE' THEN 'REMOVAL' ELSE 'CORRECTION'"
            + " END, reason, household_id, nik_index, evidence_sha256, :period FROM proposal WHERE tenant_id = :tenantId"
            + " AND batch_id = :batchId AND kind IN ('CHANGE', 'REMOVE') ON CONFLICT DO NOTHING")
    long ledger(String tenantId, UUID batchId, String period);

    /**
     * Ledger entries a later list brings back: a removed household determined again, a corrected
     * record returned again.
     */
    @Query("SELECT l.* FROM correction_ledger l WHERE l.tenant_id = :tenantId AND l.came_back_period IS NULL"
            + " AND l.period < :period AND ((l.kind = 'REMOVAL' AND EXISTS (SELECT 1 FROM ministry_record r"
            + " WHERE r.tenant_id = l.tenant_id AND r.kind = 'DETERMINATION' AND r.period = :period"
            + " AND r.household_id = l.household_id))"
            + " OR (l.kind = 'CORRECTION' AND EXISTS (SELECT 1 FROM ministry_record r WHERE r.tenant_id = l.tenant_id"
            + " AND r.kind = 'RETURNED' AND r.period = :period AND (r.household_id = l.household_id"
            + " OR (l.nik_index IS NOT NULL AND r.nik_index = l.nik_index)))))")
    List<CorrectionRow> cameBack(String tenantId, String period);

    @Query("UPDATE correction_ledger SET came_back_period = :period, came_back_at = clock_timestamp(),"
            + " came_back_as = :cameBackAs, resubmission_id = :resubmission WHERE tenant_id = :tenantId"
            + " AND proposal_id = :proposalId")
    long flag(String tenantId, UUID proposalId, String period, String cameBackAs, UUID resubmission);

    /** The ledger's entries that came back, latest first. */
    @Query("SELECT * FROM correction_ledger WHERE tenant_id = :tenantId AND came_back_period IS NOT NULL"
            + " ORDER BY came_back_at DESC LIMIT 500")
    List<CorrectionRow> comebacks(String tenantId);
}
