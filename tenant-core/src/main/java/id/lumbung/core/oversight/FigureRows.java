package id.lumbung.core.oversight;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * The pre-aggregated figures: computed set-based from a tenant's tables, read by the province's
 * dashboard and the drill-down. Every statement names its tenant; row-level security holds besides.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface FigureRows extends GenericRepository<TenantFigureRow, String> {

    /** Proposals on their way: submitted and not yet determined, returned, rejected or withdrawn. */
    String ON_THEIR_WAY = "('SUBMITTED', 'CHECKING', 'FIELD_VERIFICATION', 'VERIFIED', 'APPROVED', 'SENT')";

    /** Living members counted: alive, not merged into another record. */
    String COUNTED = "m.status = 'ALIVE' AND m.duplicate_of IS NULL";

    @Query("SELECT DISTINCT tenant_id FROM figure_change UNION SELECT t.id FROM tenant t WHERE NOT EXISTS"
            + " (SELECT 1 FROM tenant_figure f WHERE f.tenant_id = t.id AND f.computed_at > now() - interval '1 day')")
    List<String> due();

    /** Takes the tenant's marks of change that are visible now (a change committing later leaves its own). */
    @Query("DELETE FROM figure_change WHERE tenant_id = :tenantId")
    int take(String tenantId);

    @Query("DELETE FROM village_figure WHERE tenant_id = :tenantId")
    int clearVillages(String tenantId);

    @Query("INSERT INTO village_figure (tenant_id, village_code, district_code, households, people, desil, with_nik,"
            + " verified, matching, without_head, open_duplicates, open_proposals, quality)"
            + " WITH hh AS (SELECT h.village_code, h.desil, count(m.id) AS people, count(m.nik_index) AS with_nik,"
            + "   count(m.id) FILTER (WHERE m.relationship = 'KEPALA_KELUARGA') AS heads"
            + "   FROM household h LEFT JOIN member m ON m.tenant_id = h.tenant_id AND m.household_id = h.id AND "
            + COUNTED
            + "   WHERE h.tenant_id = :tenantId AND h.status = 'ACTIVE' GROUP BY h.village_code, h.id, h.desil),"
            + " byvillage AS (SELECT village_code, count(*) AS households, sum(people) AS people,"
            + "   sum(with_nik) AS with_nik, count(*) FILTER (WHERE heads <> 1) AS without_head,"
            + "   count(desil) AS desil_known, concat_ws(',',"
            + "   count(*) FILTER (WHERE desil = 1), count(*) FILTER (WHERE desil = 2), count(*) FILTER (WHERE desil = 3),"
            + "   count(*) FILTER (WHERE desil = 4), count(*) FILTER (WHERE desil = 5), count(*) FILTER (WHERE desil = 6),"
            + "   count(*) FILTER (WHERE desil = 7), count(*) FILTER (WHERE desil = 8), count(*) FILTER (WHERE desil = 9),"
            + "   count(*) FILTER (WHERE desil = 10), count(*) FILTER (WHERE desil IS NULL)) AS desil"
            + "   FROM hh GROUP BY village_code),"
            + " latest AS (SELECT DISTINCT ON (v.member_id) v.member_id, v.result, v.deceased, v.differences"
            + "   FROM member_verification v WHERE v.tenant_id = :tenantId AND v.status = 'DONE'"
            + "   ORDER BY v.member_id, v.completed_at DESC),"
            + " checked AS (SELECT h.village_code, count(*) AS verified, count(*) FILTER (WHERE l.result = 'FOUND'"
            + "   AND l.deceased IS NOT TRUE AND coalesce(cardinality(l.differences), 0) = 0) AS matching"
            + "   FROM latest l JOIN member m ON m.tenant_id = :tenantId AND m.id = l.member_id AND "
            + COUNTED
            + "   JOIN household h ON h.tenant_id = m.tenant_id AND h.id = m.household_id AND h.status = 'ACTIVE'"
            + "   GROUP BY h.village_code),"
            + " run AS (SELECT id FROM duplicate_run WHERE tenant_id = :tenantId AND status = 'DONE'"
            + "   ORDER BY created_at DESC LIMIT 1),"
            + " doubled AS (SELECT h.village_code, count(DISTINCT m.id) AS open_duplicates FROM duplicate_cluster c"
            + "   CROSS JOIN LATERAL unnest(string_to_array(c.member_ids, ',')) AS one (member_id)"
            + "   JOIN member m ON m.tenant_id = c.tenant_id AND m.id = one.member_id::uuid AND "
            + COUNTED
            + "   JOIN household h ON h.tenant_id = m.tenant_id AND h.id = m.household_id AND h.status = 'ACTIVE'"
            + "   WHERE c.tenant_id = :tenantId AND c.run_id IN (SELECT id FROM run) AND c.state = 'OPEN'"
            + "   GROUP BY h.village_code),"
            + " proposed AS (SELECT village_code, count(*) AS open_proposals FROM proposal"
            + "   WHERE tenant_id = :tenantId AND state IN "
            + ON_THEIR_WAY
            + " GROUP BY village_code),"
            + " villages AS (SELECT village_code FROM byvillage UNION SELECT village_code FROM proposed)"
            + " SELECT :tenantId, v.village_code, coalesce(r.parent_code, ''), coalesce(b.households, 0),"
            + " coalesce(b.people, 0), coalesce(b.desil, '0,0,0,0,0,0,0,0,0,0,0'), coalesce(b.with_nik, 0),"
            + " coalesce(c.verified, 0), coalesce(c.matching, 0), coalesce(b.without_head, 0),"
            + " coalesce(d.open_duplicates, 0), coalesce(p.open_proposals, 0),"
            + " lumbung_quality(coalesce(b.people, 0)::bigint, coalesce(b.households, 0), coalesce(b.with_nik, 0)::bigint,"
            + " coalesce(c.matching, 0), coalesce(d.open_duplicates, 0), coalesce(b.without_head, 0),"
            + " coalesce(b.desil_known, 0))"
            + " FROM villages v LEFT JOIN byvillage b USING (village_code) LEFT JOIN checked c USING (village_code)"
            + " LEFT JOIN doubled d USING (village_code) LEFT JOIN proposed p USING (village_code)"
            + " LEFT JOIN region r ON r.code = v.village_code")
    int fillVillages(String tenantId);

    @Query("INSERT INTO tenant_figure (tenant_id, computed_at, households, people, desil, with_nik, verified, matching,"
            + " without_head, open_duplicates, quality, proposals, oldest_open_since, median_wait_days, slowest_step,"
            + " slowest_step_hours, verification_backlog, duplicate_runs, duplicates_found, duplicates_resolved,"
            + " corrections_sent, corrections_back, payments, payments_succeeded, payments_failed, dead_letters,"
            + " paused_connectors, users, last_import_at, last_verification_at)"
            + " WITH v AS (SELECT coalesce(sum(households), 0) AS households, coalesce(sum(people), 0) AS people,"
            + "   coalesce(sum(with_nik), 0) AS with_nik, coalesce(sum(verified), 0) AS verified,"
            + "   coalesce(sum(matching), 0) AS matching, coalesce(sum(without_head), 0) AS without_head,"
            + "   coalesce(sum(open_duplicates), 0) AS open_duplicates FROM village_figure WHERE tenant_id = :tenantId),"
            + " d AS (SELECT coalesce((SELECT string_agg(total::text, ',' ORDER BY position) FROM (SELECT position,"
            + "   sum(count::bigint) AS total FROM village_figure f, unnest(string_to_array(f.desil, ','))"
            + "   WITH ORDINALITY AS part (count, position) WHERE f.tenant_id = :tenantId GROUP BY position) s),"
            + "   '0,0,0,0,0,0,0,0,0,0,0') AS desil),"
            + " waiting AS (SELECT state, state_since FROM proposal WHERE tenant_id = :tenantId AND state IN "
            + ON_THEIR_WAY
            + "),"
            + " run AS (SELECT id FROM duplicate_run WHERE tenant_id = :tenantId AND status = 'DONE'"
            + "   ORDER BY created_at DESC LIMIT 1),"
            + " step AS (SELECT label, avg(waited_ms) / 3600000.0 AS hours FROM approval_decision"
            + "   WHERE tenant_id = :tenantId GROUP BY label ORDER BY 2 DESC LIMIT 1)"
            + " SELECT :tenantId, now(), v.households, v.people, d.desil, v.with_nik, v.verified, v.matching,"
            + " v.without_head, v.open_duplicates, lumbung_quality(v.people, v.households, v.with_nik, v.matching,"
            + " v.open_duplicates, v.without_head, v.households - split_part(d.desil, ',', 11)::bigint),"
            + " coalesce((SELECT string_agg(state || '=' || n, ',' ORDER BY state) FROM (SELECT state, count(*) AS n"
            + "   FROM proposal WHERE tenant_id = :tenantId GROUP BY state) s), ''),"
            + " (SELECT min(state_since) FROM waiting),"
            + " (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM now() - state_since) / 86400)"
            + "   FROM waiting),"
            + " (SELECT label FROM step), (SELECT hours FROM step),"
            + " (SELECT count(*) FROM member_verification WHERE tenant_id = :tenantId AND status = 'QUEUED')"
            + "   + (SELECT count(*) FROM civil_sync_item WHERE tenant_id = :tenantId AND state IN ('ASKING', 'WAITING')),"
            + " (SELECT count(*) FROM duplicate_run WHERE tenant_id = :tenantId AND status = 'DONE'),"
            + " CASE WHEN run.id IS NOT NULL THEN (SELECT count(*) FROM duplicate_cluster"
            + "   WHERE tenant_id = :tenantId AND run_id = run.id) END,"
            + " CASE WHEN run.id IS NOT NULL THEN (SELECT count(*) FROM duplicate_cluster"
            + "   WHERE tenant_id = :tenantId AND run_id = run.id AND state <> 'OPEN') END,"
            + " (SELECT count(*) FROM correction_ledger WHERE tenant_id = :tenantId),"
            + " (SELECT count(*) FROM correction_ledger WHERE tenant_id = :tenantId AND came_back_at IS NOT NULL),"
            + " (SELECT count(*) FROM disbursement WHERE tenant_id = :tenantId),"
            + " (SELECT count(*) FROM disbursement WHERE tenant_id = :tenantId AND status = 'SUCCEEDED'),"
            + " (SELECT count(*) FROM disbursement WHERE tenant_id = :tenantId AND status = 'FAILED'),"
            + " (SELECT count(*) FROM dead_letter WHERE tenant_id = :tenantId AND retried_at IS NULL),"
            + " (SELECT count(*) FROM connector_pause WHERE tenant_id = :tenantId"
            + "   AND (paused_until IS NULL OR paused_until > now())),"
            + " (SELECT count(*) FROM app_user WHERE tenant_id = :tenantId AND enabled),"
            + " (SELECT max(created_at) FROM import_job WHERE tenant_id = :tenantId AND status = 'SUCCEEDED'),"
            + " (SELECT max(created_at) FROM verification_batch WHERE tenant_id = :tenantId)"
            + " FROM v CROSS JOIN d LEFT JOIN run ON true"
            + " ON CONFLICT (tenant_id) DO UPDATE SET computed_at = excluded.computed_at,"
            + " households = excluded.households, people = excluded.people, desil = excluded.desil,"
            + " with_nik = excluded.with_nik, verified = excluded.verified, matching = excluded.matching,"
            + " without_head = excluded.without_head, open_duplicates = excluded.open_duplicates,"
            + " quality = excluded.quality, proposals = excluded.proposals,"
            + " oldest_open_since = excluded.oldest_open_since, median_wait_days = excluded.median_wait_days,"
            + " slowest_step = excluded.slowest_step, slowest_step_hours = excluded.slowest_step_hours,"
            + " verification_backlog = excluded.verification_backlog, duplicate_runs = excluded.duplicate_runs,"
            + " duplicates_found = excluded.duplicates_found, duplicates_resolved = excluded.duplicates_resolved,"
            + " corrections_sent = excluded.corrections_sent, corrections_back = excluded.corrections_back,"
            + " payments = excluded.payments, payments_succeeded = excluded.payments_succeeded,"
            + " payments_failed = excluded.payments_failed, dead_letters = excluded.dead_letters,"
            + " paused_connectors = excluded.paused_connectors, users = excluded.users,"
            + " last_import_at = excluded.last_import_at, last_verification_at = excluded.last_verification_at")
    int fillTenant(String tenantId);

    /** Today's score of the tenant and each of its villages, where it differs from the last one kept. */
    @Query("INSERT INTO quality_snapshot (tenant_id, village_code, day, quality, people)"
            + " SELECT f.tenant_id, f.village_code, (now() AT TIME ZONE 'Asia/Jakarta')::date, f.quality, f.people"
            + " FROM (SELECT tenant_id, village_code, quality, people FROM village_figure WHERE tenant_id = :tenantId"
            + "   UNION ALL SELECT tenant_id, '', quality, people FROM tenant_figure WHERE tenant_id = :tenantId) f"
            + " WHERE NOT EXISTS (SELECT 1 FROM (SELECT s.quality FROM quality_snapshot s WHERE s.tenant_id = f.tenant_id"
            + "   AND s.village_code = f.village_code ORDER BY s.day DESC LIMIT 1) last"
            + "   WHERE last.quality IS NOT DISTINCT FROM f.quality)"
            + " ON CONFLICT (tenant_id, village_code, day) DO UPDATE SET quality = excluded.quality,"
            + " people = excluded.people")
    int snapshot(String tenantId);

    List<TenantFigureRow> findByTenantIdIn(Collection<String> tenantIds);

    @Query("SELECT f.district_code AS code, coalesce(r.name, f.district_code) AS name, count(*) AS villages,"
            + " sum(f.households) AS households, sum(f.people) AS people, string_agg(f.desil, ';') AS desil,"
            + " sum(f.with_nik) AS with_nik, sum(f.verified) AS verified, sum(f.matching) AS matching,"
            + " sum(f.without_head) AS without_head, sum(f.open_duplicates) AS open_duplicates,"
            + " sum(f.open_proposals) AS open_proposals, lumbung_quality(sum(f.people), sum(f.households),"
            + " sum(f.with_nik), sum(f.matching), sum(f.open_duplicates), sum(f.without_head),"
            + " (sum(f.households) - sum(split_part(f.desil, ',', 11)::bigint))::bigint) AS quality"
            + " FROM village_figure f LEFT JOIN region r ON r.code = f.district_code WHERE f.tenant_id = :tenantId"
            + " GROUP BY f.district_code, r.name ORDER BY f.district_code")
    List<AreaFigures> districts(String tenantId);

    @Query("SELECT f.village_code AS code, coalesce(r.name, f.village_code) AS name, 1 AS villages, f.households,"
            + " f.people, f.desil, f.with_nik, f.verified, f.matching, f.without_head, f.open_duplicates,"
            + " f.open_proposals, f.quality FROM village_figure f LEFT JOIN region r ON r.code = f.village_code"
            + " WHERE f.tenant_id = :tenantId AND f.district_code = :districtCode ORDER BY f.village_code")
    List<AreaFigures> villages(String tenantId, String districtCode);

    @Query("SELECT tenant_id, village_code, day, quality FROM quality_snapshot WHERE tenant_id IN (:tenantIds)"
            + " AND village_code = :villageCode AND day >= :from ORDER BY tenant_id, day")
    List<QualityPoint> trend(Collection<String> tenantIds, String villageCode, LocalDate from);

    @Query("SELECT tenant_id, village_code, day, quality FROM (SELECT DISTINCT ON (tenant_id, village_code)"
            + " tenant_id, village_code, day, quality FROM quality_snapshot WHERE tenant_id IN (:tenantIds)"
            + " AND village_code = :villageCode AND day < :from ORDER BY tenant_id, village_code, day DESC) before")
    List<QualityPoint> before(Collection<String> tenantIds, String villageCode, LocalDate from);

    /** A month of each regency (from and to: the month's bounds in Asia/Jakarta; period: {@code yyyy-mm}). */
    @Query("SELECT t.id AS tenant_id,"
            // Created by hand or by a transfer: a history row; by an import: on the row itself (decision 0027).
            + " (SELECT count(*) FROM registry_change c WHERE c.tenant_id = t.id AND c.entity = 'HOUSEHOLD'"
            + "   AND c.kind = 'CREATED' AND c.changed_at >= :from AND c.changed_at < :to)"
            + " + (SELECT count(*) FROM household h WHERE h.tenant_id = t.id AND h.import_id IS NOT NULL"
            + "   AND h.created_at >= :from AND h.created_at < :to) AS households_created,"
            + " (SELECT count(*) FROM registry_change c WHERE c.tenant_id = t.id AND c.entity = 'MEMBER'"
            + "   AND c.kind = 'CREATED' AND c.changed_at >= :from AND c.changed_at < :to)"
            + " + (SELECT count(*) FROM member m WHERE m.tenant_id = t.id AND m.import_id IS NOT NULL"
            + "   AND m.created_at >= :from AND m.created_at < :to) AS members_created,"
            + " (SELECT count(*) FROM registry_change c WHERE c.tenant_id = t.id AND c.entity = 'MEMBER'"
            + "   AND c.kind = 'UPDATED' AND c.changed_at >= :from AND c.changed_at < :to) AS members_updated,"
            + " (SELECT count(*) FROM registry_change c WHERE c.tenant_id = t.id AND c.source = 'DUKCAPIL'"
            + "   AND c.changed_at >= :from AND c.changed_at < :to) AS changes_from_dukcapil,"
            + " (SELECT count(*) FROM proposal_event e WHERE e.tenant_id = t.id AND e.to_state = 'SUBMITTED'"
            + "   AND e.at >= :from AND e.at < :to) AS proposals_submitted,"
            + " (SELECT count(*) FROM proposal_event e JOIN proposal p ON p.tenant_id = e.tenant_id AND p.id = e.proposal_id"
            + "   WHERE e.tenant_id = t.id AND e.to_state = 'SUBMITTED' AND p.kind = 'ADD' AND e.at >= :from AND e.at < :to)"
            + "   AS additions_submitted,"
            + " (SELECT count(*) FROM proposal_event e JOIN proposal p ON p.tenant_id = e.tenant_id AND p.id = e.proposal_id"
            + "   WHERE e.tenant_id = t.id AND e.to_state = 'SUBMITTED' AND p.kind = 'REMOVE' AND e.at >= :from"
            + "   AND e.at < :to) AS removals_submitted,"
            + " (SELECT count(*) FROM proposal_event e WHERE e.tenant_id = t.id AND e.to_state = 'VERIFIED'"
            + "   AND e.at >= :from AND e.at < :to) AS proposals_verified,"
            + " (SELECT count(*) FROM proposal_event e WHERE e.tenant_id = t.id AND e.to_state = 'REJECTED'"
            + "   AND e.at >= :from AND e.at < :to) AS proposals_rejected,"
            + " (SELECT count(*) FROM proposal_event e WHERE e.tenant_id = t.id AND e.to_state = 'APPROVED'"
            + "   AND e.at >= :from AND e.at < :to) AS proposals_approved,"
            + " (SELECT count(*) FROM proposal_event e WHERE e.tenant_id = t.id AND e.to_state = 'SENT'"
            + "   AND e.at >= :from AND e.at < :to) AS proposals_sent,"
            + " (SELECT count(*) FROM ministry_record r WHERE r.tenant_id = t.id AND r.kind = 'DETERMINATION'"
            + "   AND r.period = :period) AS determined,"
            + " (SELECT count(*) FROM ministry_record r WHERE r.tenant_id = t.id AND r.kind = 'RETURNED'"
            + "   AND r.period = :period) AS returned,"
            + " (SELECT count(*) FROM disbursement d WHERE d.tenant_id = t.id AND d.period = :period) AS payments,"
            + " (SELECT count(*) FROM disbursement d WHERE d.tenant_id = t.id AND d.period = :period"
            + "   AND d.status = 'SUCCEEDED') AS payments_succeeded,"
            + " (SELECT count(*) FROM disbursement d WHERE d.tenant_id = t.id AND d.period = :period"
            + "   AND d.status = 'FAILED') AS payments_failed,"
            + " (SELECT coalesce(sum(amount), 0) FROM disbursement d WHERE d.tenant_id = t.id AND d.period = :period"
            + "   AND d.status = 'SUCCEEDED') AS amount_paid"
            + " FROM tenant t WHERE t.id IN (:tenantIds) ORDER BY t.id")
    List<MonthRow> month(Collection<String> tenantIds, java.time.Instant from, java.time.Instant to, String period);
}
