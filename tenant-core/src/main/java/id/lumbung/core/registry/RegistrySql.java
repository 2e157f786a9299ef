package id.lumbung.core.registry;

/**
 * The set-based statements of an import, over the staging table {@code import_row}: each step
 * writes a temporary table that is analysed before the next one joins it, so the planner joins
 * on real row counts. Rows whose content hash did not change are not touched, so importing the
 * same file twice changes nothing.
 */
final class RegistrySql {
    private RegistrySql() {}

    private static final String CRITERIA = "income, food_share, health_access, buys_clothing, schooling, walls, floor,"
            + " roof, lighting, floor_area_per_person, drinking_water";

    /** One row per household of the file: its first row's fields, its head's name, its size. */
    static final String HOUSEHOLDS_OF_IMPORT = "CREATE TEMPORARY TABLE import_household ON COMMIT DROP AS"
            + " SELECT DISTINCT ON (iddtks) iddtks, village_code, dusun, address, rt, rw, kk_encrypted, kk_index,"
            + " kk_masked, desil, " + CRITERIA + ", household_hash,"
            + " first_value(full_name) OVER (PARTITION BY iddtks ORDER BY relationship <> 'KEPALA_KELUARGA', line)"
            + " AS head_name, count(*) OVER (PARTITION BY iddtks) AS member_count"
            + " FROM import_row WHERE NOT rejected ORDER BY iddtks, line";

    /** What changed in the households the file updates, read before the upsert. Takes (tenant). */
    static final String HOUSEHOLD_CHANGES = "CREATE TEMPORARY TABLE import_household_change ON COMMIT DROP AS"
            + " SELECT h.id, array_remove(ARRAY["
            + " CASE WHEN h.village_code IS DISTINCT FROM i.village_code THEN 'village_code' END,"
            + " CASE WHEN h.dusun IS DISTINCT FROM i.dusun THEN 'dusun' END,"
            + " CASE WHEN h.address IS DISTINCT FROM i.address THEN 'address' END,"
            + " CASE WHEN (h.rt, h.rw) IS DISTINCT FROM (i.rt, i.rw) THEN 'rt_rw' END,"
            + " CASE WHEN h.kk_index IS DISTINCT FROM i.kk_index THEN 'kk' END,"
            + " CASE WHEN h.desil IS DISTINCT FROM i.desil THEN 'desil' END,"
            + " CASE WHEN (h.income, h.food_share, h.health_access, h.buys_clothing, h.schooling, h.walls, h.floor,"
            + " h.roof, h.lighting, h.floor_area_per_person, h.drinking_water) IS DISTINCT FROM (i.income,"
            + " i.food_share, i.health_access, i.buys_clothing, i.schooling, i.walls, i.floor, i.roof, i.lighting,"
            + " i.floor_area_per_person, i.drinking_water) THEN 'criteria' END], NULL) AS fields"
            + " FROM household h JOIN import_household i ON h.tenant_id = ? AND h.iddtks = i.iddtks"
            + " WHERE h.row_hash IS DISTINCT FROM i.household_hash";

    static final String HOUSEHOLDS_DONE =
            "CREATE TEMPORARY TABLE import_household_done (id uuid, created boolean) ON COMMIT DROP";

    /** Inserts new households and updates changed ones; unchanged rows are not touched. Takes (tenant, tenant). */
    static final String UPSERT_HOUSEHOLDS = "WITH upserted AS (INSERT INTO household (tenant_id, id, iddtks,"
            + " village_code, dusun, address, rt, rw, kk_encrypted, kk_index, kk_masked, head_name, member_count,"
            + " desil, desil_source, desil_date, " + CRITERIA + ", source, row_hash, updated_at)"
            + " SELECT ?, gen_random_uuid(), i.iddtks, i.village_code, i.dusun, i.address, i.rt, i.rw,"
            + " i.kk_encrypted, i.kk_index, i.kk_masked, i.head_name, i.member_count, i.desil,"
            + " CASE WHEN i.desil IS NOT NULL THEN 'IMPORT' END, CASE WHEN i.desil IS NOT NULL THEN current_date END,"
            + " i.income, i.food_share, i.health_access, i.buys_clothing, i.schooling, i.walls, i.floor, i.roof,"
            + " i.lighting, i.floor_area_per_person, i.drinking_water, 'IMPORT', i.household_hash, now()"
            + " FROM import_household i LEFT JOIN household h ON h.tenant_id = ? AND h.iddtks = i.iddtks"
            // Unchanged households never reach ON CONFLICT, which would lock (and so write) them.
            + " WHERE h.row_hash IS DISTINCT FROM i.household_hash"
            + " ON CONFLICT (tenant_id, iddtks) DO UPDATE SET village_code = excluded.village_code,"
            + " dusun = excluded.dusun, address = excluded.address, rt = excluded.rt, rw = excluded.rw,"
            + " kk_encrypted = excluded.kk_encrypted, kk_index = excluded.kk_index, kk_masked = excluded.kk_masked,"
            + " desil_source = CASE WHEN household.desil IS DISTINCT FROM excluded.desil THEN excluded.desil_source"
            + " ELSE household.desil_source END,"
            + " desil_date = CASE WHEN household.desil IS DISTINCT FROM excluded.desil THEN excluded.desil_date"
            + " ELSE household.desil_date END,"
            + " desil = excluded.desil, income = excluded.income, food_share = excluded.food_share,"
            + " health_access = excluded.health_access, buys_clothing = excluded.buys_clothing,"
            + " schooling = excluded.schooling, walls = excluded.walls, floor = excluded.floor, roof = excluded.roof,"
            + " lighting = excluded.lighting, floor_area_per_person = excluded.floor_area_per_person,"
            + " drinking_water = excluded.drinking_water, source = 'IMPORT', row_hash = excluded.row_hash,"
            + " updated_at = now()"
            + " WHERE household.row_hash IS DISTINCT FROM excluded.row_hash"
            + " RETURNING id, (xmax = 0) AS created)"
            + " INSERT INTO import_household_done SELECT id, created FROM upserted";

    /** One history entry per created or changed household. Takes (tenant, import id, actor). */
    static final String HOUSEHOLD_HISTORY = "INSERT INTO registry_change (tenant_id, id, entity, entity_id, kind,"
            + " fields, source, import_id, changed_by)"
            + " SELECT ?, gen_random_uuid(), 'HOUSEHOLD', d.id, CASE WHEN d.created THEN 'CREATED' ELSE 'UPDATED' END,"
            + " coalesce(c.fields, '{}'), 'IMPORT', ?, ? FROM import_household_done d"
            + " LEFT JOIN import_household_change c ON c.id = d.id";

    static final String HOUSEHOLD_COUNTS =
            "SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created) FROM import_household_done";

    /** The file's accepted members with their household's id. Takes (tenant). */
    static final String MEMBERS_OF_IMPORT = "CREATE TEMPORARY TABLE import_member ON COMMIT DROP AS"
            + " SELECT r.*, h.id AS household_id FROM import_row r JOIN household h"
            + " ON h.tenant_id = ? AND h.iddtks = r.iddtks WHERE NOT r.rejected";

    /** What changed in the members the file updates, read before the upsert. Takes (tenant). */
    static final String MEMBER_CHANGES = "CREATE TEMPORARY TABLE import_member_change ON COMMIT DROP AS"
            + " SELECT m.id, array_remove(ARRAY["
            + " CASE WHEN m.household_id IS DISTINCT FROM i.household_id THEN 'household' END,"
            + " CASE WHEN m.nik_index IS DISTINCT FROM i.nik_index THEN 'nik' END,"
            + " CASE WHEN m.full_name IS DISTINCT FROM i.full_name THEN 'full_name' END,"
            + " CASE WHEN m.birth_place IS DISTINCT FROM i.birth_place THEN 'birth_place' END,"
            + " CASE WHEN m.birth_date IS DISTINCT FROM i.birth_date THEN 'birth_date' END,"
            + " CASE WHEN m.sex IS DISTINCT FROM i.sex THEN 'sex' END,"
            + " CASE WHEN m.relationship IS DISTINCT FROM i.relationship THEN 'relationship' END,"
            + " CASE WHEN m.mother_name IS DISTINCT FROM i.mother_name THEN 'mother_name' END,"
            + " CASE WHEN m.occupation IS DISTINCT FROM i.occupation THEN 'occupation' END,"
            + " CASE WHEN m.education IS DISTINCT FROM i.education THEN 'education' END,"
            + " CASE WHEN m.disability IS DISTINCT FROM i.disability THEN 'disability' END,"
            + " CASE WHEN m.status IS DISTINCT FROM i.status THEN 'status' END], NULL) AS fields"
            + " FROM member m JOIN import_member i ON m.tenant_id = ? AND m.source_key = i.source_key"
            + " WHERE m.row_hash IS DISTINCT FROM i.member_hash";

    static final String MEMBERS_DONE =
            "CREATE TEMPORARY TABLE import_member_done (id uuid, household_id uuid, created boolean) ON COMMIT DROP";

    /** Inserts new members and updates changed ones. Takes (tenant, tenant). */
    static final String UPSERT_MEMBERS = "WITH upserted AS (INSERT INTO member (tenant_id, id, household_id,"
            + " source_key, nik_encrypted, nik_index, nik_masked, full_name, name_key, birth_place, birth_date, sex,"
            + " relationship, mother_name, occupation, education, disability, status, status_date, status_source,"
            + " row_hash)"
            + " SELECT ?, gen_random_uuid(), i.household_id, i.source_key, i.nik_encrypted, i.nik_index,"
            + " i.nik_masked, i.full_name, i.name_key, i.birth_place, i.birth_date, i.sex, i.relationship,"
            + " i.mother_name, i.occupation, i.education, i.disability, i.status,"
            + " CASE WHEN i.status <> 'ALIVE' THEN current_date END, 'IMPORT', i.member_hash"
            + " FROM import_member i LEFT JOIN member m ON m.tenant_id = ? AND m.source_key = i.source_key"
            + " WHERE m.row_hash IS DISTINCT FROM i.member_hash"
            + " ON CONFLICT (tenant_id, source_key) DO UPDATE SET household_id = excluded.household_id,"
            + " nik_encrypted = excluded.nik_encrypted, nik_index = excluded.nik_index, nik_masked = excluded.nik_masked,"
            + " full_name = excluded.full_name, name_key = excluded.name_key, birth_place = excluded.birth_place,"
            + " birth_date = excluded.birth_date, sex = excluded.sex, relationship = excluded.relationship,"
            + " mother_name = excluded.mother_name, occupation = excluded.occupation, education = excluded.education,"
            + " disability = excluded.disability,"
            + " status_date = CASE WHEN member.status IS DISTINCT FROM excluded.status THEN current_date"
            + " ELSE member.status_date END,"
            + " status_source = CASE WHEN member.status IS DISTINCT FROM excluded.status THEN 'IMPORT'"
            + " ELSE member.status_source END,"
            + " status = excluded.status, row_hash = excluded.row_hash, updated_at = now()"
            + " WHERE member.row_hash IS DISTINCT FROM excluded.row_hash"
            + " RETURNING id, household_id, (xmax = 0) AS created)"
            + " INSERT INTO import_member_done SELECT id, household_id, created FROM upserted";

    /** One history entry per created or changed member. Takes (tenant, import id, actor). */
    static final String MEMBER_HISTORY = "INSERT INTO registry_change (tenant_id, id, entity, entity_id, kind, fields,"
            + " source, import_id, changed_by)"
            + " SELECT ?, gen_random_uuid(), 'MEMBER', d.id, CASE WHEN d.created THEN 'CREATED' ELSE 'UPDATED' END,"
            + " coalesce(c.fields, '{}'), 'IMPORT', ?, ? FROM import_member_done d"
            + " LEFT JOIN import_member_change c ON c.id = d.id";

    static final String MEMBER_COUNTS =
            "SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created) FROM import_member_done";

    /** Size and head of every household whose members changed. Takes (tenant, tenant). */
    static final String RECOUNT_HOUSEHOLDS = "UPDATE household h SET member_count = c.n, head_name = c.head,"
            + " updated_at = now()"
            + " FROM (SELECT m.household_id, count(*) AS n,"
            + " (array_agg(m.full_name ORDER BY m.relationship <> 'KEPALA_KELUARGA', m.status <> 'ALIVE',"
            + " m.created_at))[1] AS head"
            + " FROM member m WHERE m.tenant_id = ?"
            + " AND m.household_id IN (SELECT DISTINCT household_id FROM import_member_done)"
            + " GROUP BY m.household_id) c"
            + " WHERE h.tenant_id = ? AND h.id = c.household_id"
            + " AND (h.member_count, h.head_name) IS DISTINCT FROM (c.n, c.head)";

    /**
     * The steps of one entity's upsert, run in order by the import.
     *
     * @param staging creates {@code stagingTable} from the staged rows
     * @param stagingTakesTenant whether {@code staging} takes the tenant as its parameter
     * @param stagingTable the table it creates
     * @param changes creates {@code changesTable}: the fields that will change, read before the upsert
     * @param changesTable that table
     * @param doneTable creates {@code doneTableName}
     * @param doneTableName the rows the upsert wrote
     * @param upsert the upsert (tenant, tenant)
     * @param history its history entries (tenant, import id, actor)
     * @param counts answers (created, updated)
     */
    record Upsert(
            String staging,
            boolean stagingTakesTenant,
            String stagingTable,
            String changes,
            String changesTable,
            String doneTable,
            String doneTableName,
            String upsert,
            String history,
            String counts) {}

    static final Upsert HOUSEHOLDS = new Upsert(
            HOUSEHOLDS_OF_IMPORT,
            false,
            "import_household",
            HOUSEHOLD_CHANGES,
            "import_household_change",
            HOUSEHOLDS_DONE,
            "import_household_done",
            UPSERT_HOUSEHOLDS,
            HOUSEHOLD_HISTORY,
            HOUSEHOLD_COUNTS);

    static final Upsert MEMBERS = new Upsert(
            MEMBERS_OF_IMPORT,
            true,
            "import_member",
            MEMBER_CHANGES,
            "import_member_change",
            MEMBERS_DONE,
            "import_member_done",
            UPSERT_MEMBERS,
            MEMBER_HISTORY,
            MEMBER_COUNTS);
}
