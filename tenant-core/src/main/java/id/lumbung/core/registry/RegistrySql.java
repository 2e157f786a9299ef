package id.lumbung.core.registry;

/**
 * The set-based statements of an import, over the staging table {@code import_row}. The
 * upserts take (tenant, import id, actor) and answer (created, updated); rows whose content
 * hash did not change are not touched, so importing the same file twice changes nothing.
 */
final class RegistrySql {
    private RegistrySql() {}

    private static final String PARAMS = "p AS (SELECT ?::text AS tenant, ?::uuid AS import_id, ?::text AS actor)";

    private static final String CRITERIA = "income, food_share, health_access, buys_clothing, schooling, walls, floor,"
            + " roof, lighting, floor_area_per_person, drinking_water";

    /** One row per household of the file: its first row's fields, its head's name, its size. */
    static final String HOUSEHOLDS_OF_IMPORT = "CREATE TEMPORARY TABLE import_household ON COMMIT DROP AS"
            + " SELECT DISTINCT ON (iddtks) iddtks, village_code, dusun, address, rt, rw, kk_encrypted, kk_index,"
            + " kk_masked, desil, " + CRITERIA + ", household_hash,"
            + " first_value(full_name) OVER (PARTITION BY iddtks ORDER BY relationship <> 'KEPALA_KELUARGA', line)"
            + " AS head_name, count(*) OVER (PARTITION BY iddtks) AS member_count"
            + " FROM import_row WHERE NOT rejected ORDER BY iddtks, line";

    static final String UPSERT_HOUSEHOLDS = "WITH " + PARAMS + ","
            + " changed AS (SELECT h.id, array_remove(ARRAY["
            + "   CASE WHEN h.village_code IS DISTINCT FROM i.village_code THEN 'village_code' END,"
            + "   CASE WHEN h.dusun IS DISTINCT FROM i.dusun THEN 'dusun' END,"
            + "   CASE WHEN h.address IS DISTINCT FROM i.address THEN 'address' END,"
            + "   CASE WHEN (h.rt, h.rw) IS DISTINCT FROM (i.rt, i.rw) THEN 'rt_rw' END,"
            + "   CASE WHEN h.kk_index IS DISTINCT FROM i.kk_index THEN 'kk' END,"
            + "   CASE WHEN h.desil IS DISTINCT FROM i.desil THEN 'desil' END,"
            + "   CASE WHEN (h.income, h.food_share, h.health_access, h.buys_clothing, h.schooling, h.walls, h.floor,"
            + "     h.roof, h.lighting, h.floor_area_per_person, h.drinking_water) IS DISTINCT FROM (i.income,"
            + "     i.food_share, i.health_access, i.buys_clothing, i.schooling, i.walls, i.floor, i.roof, i.lighting,"
            + "     i.floor_area_per_person, i.drinking_water) THEN 'criteria' END], NULL) AS fields"
            + "   FROM household h JOIN import_household i ON h.tenant_id = (SELECT tenant FROM p) AND h.iddtks = i.iddtks"
            + "   WHERE h.row_hash IS DISTINCT FROM i.household_hash),"
            + " upserted AS (INSERT INTO household (tenant_id, id, iddtks, village_code, dusun, address, rt, rw,"
            + "   kk_encrypted, kk_index, kk_masked, head_name, member_count, desil, desil_source, desil_date, "
            + CRITERIA + ", source, row_hash, updated_at)"
            + "   SELECT p.tenant, gen_random_uuid(), i.iddtks, i.village_code, i.dusun, i.address, i.rt, i.rw,"
            + "   i.kk_encrypted, i.kk_index, i.kk_masked, i.head_name, i.member_count, i.desil,"
            + "   CASE WHEN i.desil IS NOT NULL THEN 'IMPORT' END, CASE WHEN i.desil IS NOT NULL THEN current_date END,"
            + "   i.income, i.food_share, i.health_access, i.buys_clothing, i.schooling, i.walls, i.floor, i.roof,"
            + "   i.lighting, i.floor_area_per_person, i.drinking_water, 'IMPORT', i.household_hash, now()"
            + "   FROM import_household i CROSS JOIN p"
            + "   ON CONFLICT (tenant_id, iddtks) DO UPDATE SET village_code = excluded.village_code,"
            + "   dusun = excluded.dusun, address = excluded.address, rt = excluded.rt, rw = excluded.rw,"
            + "   kk_encrypted = excluded.kk_encrypted, kk_index = excluded.kk_index, kk_masked = excluded.kk_masked,"
            + "   desil_source = CASE WHEN household.desil IS DISTINCT FROM excluded.desil THEN excluded.desil_source"
            + "     ELSE household.desil_source END,"
            + "   desil_date = CASE WHEN household.desil IS DISTINCT FROM excluded.desil THEN excluded.desil_date"
            + "     ELSE household.desil_date END,"
            + "   desil = excluded.desil, income = excluded.income, food_share = excluded.food_share,"
            + "   health_access = excluded.health_access, buys_clothing = excluded.buys_clothing,"
            + "   schooling = excluded.schooling, walls = excluded.walls, floor = excluded.floor, roof = excluded.roof,"
            + "   lighting = excluded.lighting, floor_area_per_person = excluded.floor_area_per_person,"
            + "   drinking_water = excluded.drinking_water, source = 'IMPORT', row_hash = excluded.row_hash,"
            + "   updated_at = now()"
            + "   WHERE household.row_hash IS DISTINCT FROM excluded.row_hash"
            + "   RETURNING id, (xmax = 0) AS created),"
            + " history AS (INSERT INTO registry_change (tenant_id, id, entity, entity_id, kind, fields, source,"
            + "   import_id, changed_by)"
            + "   SELECT p.tenant, gen_random_uuid(), 'HOUSEHOLD', u.id, CASE WHEN u.created THEN 'CREATED' ELSE 'UPDATED' END,"
            + "   coalesce(c.fields, '{}'), 'IMPORT', p.import_id, p.actor"
            + "   FROM upserted u CROSS JOIN p LEFT JOIN changed c ON c.id = u.id RETURNING 1)"
            + " SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created) FROM upserted";

    private static final String MEMBER_FIELDS = "nik_encrypted, nik_index, nik_masked, full_name, name_key,"
            + " birth_place, birth_date, sex, relationship, mother_name, occupation, education, disability, status";

    static final String UPSERT_MEMBERS = "WITH " + PARAMS + ","
            + " incoming AS (SELECT r.*, h.id AS household_id FROM import_row r JOIN household h"
            + "   ON h.tenant_id = (SELECT tenant FROM p) AND h.iddtks = r.iddtks WHERE NOT r.rejected),"
            + " changed AS (SELECT m.id, array_remove(ARRAY["
            + "   CASE WHEN m.household_id IS DISTINCT FROM i.household_id THEN 'household' END,"
            + "   CASE WHEN m.nik_index IS DISTINCT FROM i.nik_index THEN 'nik' END,"
            + "   CASE WHEN m.full_name IS DISTINCT FROM i.full_name THEN 'full_name' END,"
            + "   CASE WHEN m.birth_place IS DISTINCT FROM i.birth_place THEN 'birth_place' END,"
            + "   CASE WHEN m.birth_date IS DISTINCT FROM i.birth_date THEN 'birth_date' END,"
            + "   CASE WHEN m.sex IS DISTINCT FROM i.sex THEN 'sex' END,"
            + "   CASE WHEN m.relationship IS DISTINCT FROM i.relationship THEN 'relationship' END,"
            + "   CASE WHEN m.mother_name IS DISTINCT FROM i.mother_name THEN 'mother_name' END,"
            + "   CASE WHEN m.occupation IS DISTINCT FROM i.occupation THEN 'occupation' END,"
            + "   CASE WHEN m.education IS DISTINCT FROM i.education THEN 'education' END,"
            + "   CASE WHEN m.disability IS DISTINCT FROM i.disability THEN 'disability' END,"
            + "   CASE WHEN m.status IS DISTINCT FROM i.status THEN 'status' END], NULL) AS fields"
            + "   FROM member m JOIN incoming i ON m.tenant_id = (SELECT tenant FROM p) AND m.source_key = i.source_key"
            + "   WHERE m.row_hash IS DISTINCT FROM i.member_hash),"
            + " upserted AS (INSERT INTO member (tenant_id, id, household_id, source_key, " + MEMBER_FIELDS
            + ", status_date, status_source, row_hash)"
            + "   SELECT p.tenant, gen_random_uuid(), i.household_id, i.source_key, i.nik_encrypted, i.nik_index,"
            + "   i.nik_masked, i.full_name, i.name_key, i.birth_place, i.birth_date, i.sex, i.relationship,"
            + "   i.mother_name, i.occupation, i.education, i.disability, i.status,"
            + "   CASE WHEN i.status <> 'ALIVE' THEN current_date END, 'IMPORT', i.member_hash"
            + "   FROM incoming i CROSS JOIN p"
            + "   ON CONFLICT (tenant_id, source_key) DO UPDATE SET household_id = excluded.household_id,"
            + "   nik_encrypted = excluded.nik_encrypted, nik_index = excluded.nik_index, nik_masked = excluded.nik_masked,"
            + "   full_name = excluded.full_name, name_key = excluded.name_key, birth_place = excluded.birth_place,"
            + "   birth_date = excluded.birth_date, sex = excluded.sex, relationship = excluded.relationship,"
            + "   mother_name = excluded.mother_name, occupation = excluded.occupation, education = excluded.education,"
            + "   disability = excluded.disability,"
            + "   status_date = CASE WHEN member.status IS DISTINCT FROM excluded.status THEN current_date"
            + "     ELSE member.status_date END,"
            + "   status_source = CASE WHEN member.status IS DISTINCT FROM excluded.status THEN 'IMPORT'"
            + "     ELSE member.status_source END,"
            + "   status = excluded.status, row_hash = excluded.row_hash, updated_at = now()"
            + "   WHERE member.row_hash IS DISTINCT FROM excluded.row_hash"
            + "   RETURNING id, household_id, (xmax = 0) AS created),"
            + " history AS (INSERT INTO registry_change (tenant_id, id, entity, entity_id, kind, fields, source,"
            + "   import_id, changed_by)"
            + "   SELECT p.tenant, gen_random_uuid(), 'MEMBER', u.id, CASE WHEN u.created THEN 'CREATED' ELSE 'UPDATED' END,"
            + "   coalesce(c.fields, '{}'), 'IMPORT', p.import_id, p.actor"
            + "   FROM upserted u CROSS JOIN p LEFT JOIN changed c ON c.id = u.id RETURNING 1),"
            + " touched AS (INSERT INTO import_touched SELECT DISTINCT household_id FROM upserted RETURNING 1)"
            + " SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created) FROM upserted";

    /** Households whose members changed in this import (filled by the member upsert). */
    static final String TOUCHED = "CREATE TEMPORARY TABLE import_touched (household_id uuid) ON COMMIT DROP";

    /** Size and head of every household whose members changed. Takes (tenant, tenant). */
    static final String RECOUNT_HOUSEHOLDS = "UPDATE household h SET member_count = c.n, head_name = c.head,"
            + " updated_at = now()"
            + " FROM (SELECT m.household_id, count(*) AS n,"
            + "   (array_agg(m.full_name ORDER BY m.relationship <> 'KEPALA_KELUARGA', m.status <> 'ALIVE',"
            + "   m.created_at))[1] AS head"
            + "   FROM member m WHERE m.tenant_id = ? AND m.household_id IN (SELECT household_id FROM import_touched)"
            + "   GROUP BY m.household_id) c"
            + " WHERE h.tenant_id = ? AND h.id = c.household_id"
            + " AND (h.member_count, h.head_name) IS DISTINCT FROM (c.n, c.head)";
}
