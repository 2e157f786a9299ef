package id.lumbung.core.registry;

import id.lumbung.core.household.RegistryField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The set-based statements of an import, over the staging table {@code import_row}: each step
 * writes a temporary table that is analysed before the next one joins it, so the planner joins
 * on real row counts. Rows whose content hash did not change are not touched, so importing the
 * same file twice changes nothing.
 */
final class RegistrySql {
    private RegistrySql() {}

    private static final List<RegistryField> HOUSEHOLD = RegistryField.of(RegistryField.Level.HOUSEHOLD);
    private static final List<RegistryField> MEMBER = RegistryField.of(RegistryField.Level.MEMBER);

    /** One row per household of the file: its first row's fields, its head's name, its size. */
    static final String HOUSEHOLDS_OF_IMPORT = "CREATE TEMPORARY TABLE import_household ON COMMIT DROP AS"
            + " SELECT " + columns(HOUSEHOLD, "r.") + ", r.household_hash, h.head_name, h.member_count"
            // Sorting narrow rows, then one join for each household's first row, not sorting whole rows.
            + " FROM (SELECT DISTINCT ON (iddtks) iddtks, full_name AS head_name,"
            + " count(*) OVER (PARTITION BY iddtks) AS member_count, min(line) OVER (PARTITION BY iddtks) AS first"
            // The head as RECOUNT_HOUSEHOLDS names it, so a first load need not recount.
            + " FROM import_row WHERE NOT rejected"
            + " ORDER BY iddtks, relationship <> 'KEPALA_KELUARGA', status <> 'ALIVE', line) h"
            + " JOIN import_row r ON r.line = h.first";

    /** What changed in the households the file updates, read before the upsert. Takes (tenant). */
    static final String HOUSEHOLD_CHANGES = "CREATE TEMPORARY TABLE import_household_change ON COMMIT DROP AS"
            + " SELECT h.id, array_remove(ARRAY[" + changes(HOUSEHOLD, "h", "i") + "], NULL) AS fields"
            + " FROM household h JOIN import_household i ON h.tenant_id = ? AND h.iddtks = i.iddtks"
            + " WHERE h.row_hash IS DISTINCT FROM i.household_hash";

    static final String HOUSEHOLDS_DONE =
            "CREATE TEMPORARY TABLE import_household_done (id uuid, created boolean) ON COMMIT DROP";

    /**
     * Inserts new households (naming the import that created them) and updates changed ones;
     * unchanged rows are not touched. Takes (tenant, import id, tenant, import id).
     */
    static final String UPSERT_HOUSEHOLDS = "WITH upserted AS (INSERT INTO household (tenant_id, id, "
            + columns(HOUSEHOLD, "") + ", head_name, member_count, desil_source, desil_date, source, row_hash,"
            + " updated_at, import_id)"
            + " SELECT ?, lumbung_uuid7(), " + columns(HOUSEHOLD, "i.") + ", i.head_name, i.member_count,"
            + " CASE WHEN i.desil IS NOT NULL THEN 'IMPORT' END, CASE WHEN i.desil IS NOT NULL THEN current_date END,"
            + " 'IMPORT', i.household_hash, now(), ?"
            + " FROM import_household i LEFT JOIN household h ON h.tenant_id = ? AND h.iddtks = i.iddtks"
            // Unchanged households never reach ON CONFLICT, which would lock (and so write) them.
            + " WHERE h.row_hash IS DISTINCT FROM i.household_hash ORDER BY i.iddtks"
            + " ON CONFLICT (tenant_id, iddtks) DO UPDATE SET " + updates(HOUSEHOLD) + ","
            + " desil_source = CASE WHEN household.desil IS DISTINCT FROM excluded.desil THEN excluded.desil_source"
            + " ELSE household.desil_source END,"
            + " desil_date = CASE WHEN household.desil IS DISTINCT FROM excluded.desil THEN excluded.desil_date"
            + " ELSE household.desil_date END,"
            + " source = 'IMPORT', row_hash = excluded.row_hash, updated_at = now()"
            + " WHERE household.row_hash IS DISTINCT FROM excluded.row_hash"
            + " RETURNING id, import_id IS NOT DISTINCT FROM ? AS created)"
            + " INSERT INTO import_household_done SELECT id, created FROM upserted";

    /** One history entry per changed household (a created one names its import itself). Takes (tenant, import id, actor). */
    static final String HOUSEHOLD_HISTORY = "INSERT INTO registry_change (tenant_id, id, entity, entity_id, kind,"
            + " fields, source, import_id, changed_by)"
            + " SELECT ?, lumbung_uuid7(), 'HOUSEHOLD', d.id, 'UPDATED',"
            + " coalesce(c.fields, '{}'), 'IMPORT', ?, ? FROM import_household_done d"
            + " LEFT JOIN import_household_change c ON c.id = d.id WHERE NOT d.created ORDER BY d.id";

    static final String HOUSEHOLD_COUNTS =
            "SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created) FROM import_household_done";

    /** The file's accepted members with their household's id. Takes (tenant). */
    private static final String ACCEPTED_MEMBERS = "SELECT r.*, h.id AS household_id FROM import_row r JOIN household h"
            + " ON h.tenant_id = ? AND h.iddtks = r.iddtks WHERE NOT r.rejected";

    /**
     * The file's members that are new or changed, with their household's id: a re-import's
     * unchanged members go no further. Takes (tenant, tenant).
     */
    static final String MEMBERS_OF_IMPORT = "CREATE TEMPORARY TABLE import_member ON COMMIT DROP AS"
            + " SELECT a.* FROM (" + ACCEPTED_MEMBERS + ") a"
            + " LEFT JOIN member m ON m.tenant_id = ? AND m.source_key = a.source_key"
            + " WHERE m.row_hash IS DISTINCT FROM a.member_hash";

    /** What changed in the members the file updates, read before the upsert. Takes (tenant). */
    static final String MEMBER_CHANGES = "CREATE TEMPORARY TABLE import_member_change ON COMMIT DROP AS"
            + " SELECT m.id, array_remove(ARRAY["
            + " CASE WHEN m.household_id IS DISTINCT FROM i.household_id THEN 'household' END, "
            + changes(MEMBER, "m", "i") + "], NULL) AS fields"
            + " FROM member m JOIN import_member i ON m.tenant_id = ? AND m.source_key = i.source_key"
            + " WHERE m.row_hash IS DISTINCT FROM i.member_hash";

    static final String MEMBERS_DONE =
            "CREATE TEMPORARY TABLE import_member_done (id uuid, household_id uuid, created boolean) ON COMMIT DROP";

    /** A new member's columns and, from import_member i, their values. Take (tenant, import id). */
    private static final String NEW_MEMBER_COLUMNS = " (tenant_id, id, household_id, " + columns(MEMBER, "")
            + ", name_key, status_date, status_source, row_hash, import_id)";

    private static final String NEW_MEMBER_VALUES = " SELECT ?, lumbung_uuid7(), i.household_id, "
            + columns(MEMBER, "i.") + ", i.name_key,"
            + " CASE WHEN i.status <> 'ALIVE' THEN current_date END, 'IMPORT', i.member_hash, ?";

    /** Inserts new members (naming the import that created them) and updates changed ones. Takes (tenant, import id, tenant, import id). */
    static final String UPSERT_MEMBERS = "WITH upserted AS (INSERT INTO member" + NEW_MEMBER_COLUMNS
            + NEW_MEMBER_VALUES
            + " FROM import_member i LEFT JOIN member m ON m.tenant_id = ? AND m.source_key = i.source_key"
            // In household order: new ids and their households' (both time-ordered) append to the indexes.
            + " WHERE m.row_hash IS DISTINCT FROM i.member_hash ORDER BY i.household_id, i.line"
            + " ON CONFLICT (tenant_id, source_key) DO UPDATE SET household_id = excluded.household_id, "
            + updates(MEMBER) + ", name_key = excluded.name_key,"
            + " status_date = CASE WHEN member.status IS DISTINCT FROM excluded.status THEN current_date"
            + " ELSE member.status_date END,"
            + " status_source = CASE WHEN member.status IS DISTINCT FROM excluded.status THEN 'IMPORT'"
            + " ELSE member.status_source END,"
            + " row_hash = excluded.row_hash, updated_at = now()"
            + " WHERE member.row_hash IS DISTINCT FROM excluded.row_hash"
            // Created by this import (xmax, the usual tell, is not returned from a partitioned table).
            + " RETURNING id, household_id, import_id IS NOT DISTINCT FROM ? AS created)"
            + " INSERT INTO import_member_done SELECT id, household_id, created FROM upserted";

    /** One history entry per changed member (a created one names its import itself). Takes (tenant, import id, actor). */
    static final String MEMBER_HISTORY = "INSERT INTO registry_change (tenant_id, id, entity, entity_id, kind, fields,"
            + " source, import_id, changed_by)"
            + " SELECT ?, lumbung_uuid7(), 'MEMBER', d.id, 'UPDATED',"
            + " coalesce(c.fields, '{}'), 'IMPORT', ?, ? FROM import_member_done d"
            + " LEFT JOIN import_member_change c ON c.id = d.id WHERE NOT d.created ORDER BY d.id";

    /**
     * A tenant's first load (decision 0028): the name of an empty table shaped like member, without
     * indexes, for its members — or NULL when the tenant has members (or on Citus). Takes (tenant).
     */
    static final String MEMBER_LOAD_BEGIN = "SELECT lumbung_member_load_begin(?)";

    /**
     * A first load's members, all new, straight from the staged rows into the table the load began
     * with (in the file's order: its indexes are built by sorting). Takes (tenant, import id, tenant).
     */
    static String loadMembers(String loadTable) {
        if (!loadTable.matches("member_load_[0-9]{4}")) {
            throw new IllegalArgumentException("not a first load's table: " + loadTable);
        }
        return "INSERT INTO " + loadTable + NEW_MEMBER_COLUMNS + NEW_MEMBER_VALUES + " FROM (" + ACCEPTED_MEMBERS
                + ") i";
    }

    /**
     * Builds member's indexes on the loaded table and swaps it in for the tenant's empty partition
     * (else inserts its rows through member); answers whether it was swapped. Locks member until
     * COMMIT: the transaction's last step. Takes (tenant).
     */
    static final String MEMBER_LOAD_FINISH = "SELECT lumbung_member_load_finish(?)";

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
     * @param stagingTenants how many times {@code staging} takes the tenant as a parameter
     * @param stagingTable the table it creates
     * @param changes creates {@code changesTable}: the fields that will change, read before the upsert
     * @param changesTable that table
     * @param doneTable creates {@code doneTableName}
     * @param doneTableName the rows the upsert wrote
     * @param upsert the upsert (tenant, import id, tenant, import id)
     * @param history its history entries (tenant, import id, actor)
     * @param counts answers (created, updated)
     */
    record Upsert(
            String staging,
            int stagingTenants,
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
            0,
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
            2,
            "import_member",
            MEMBER_CHANGES,
            "import_member_change",
            MEMBERS_DONE,
            "import_member_done",
            UPSERT_MEMBERS,
            MEMBER_HISTORY,
            MEMBER_COUNTS);

    /** The columns the fields are stored in (an identifier in its three), each with {@code prefix}. */
    private static String columns(List<RegistryField> fields, String prefix) {
        return stored(fields).stream().map(column -> prefix + column).collect(Collectors.joining(", "));
    }

    private static List<String> stored(List<RegistryField> fields) {
        return fields.stream().flatMap(field -> field.columns().stream()).toList();
    }

    /** {@code column = excluded.column} for every field but the row's key. */
    private static String updates(List<RegistryField> fields) {
        return stored(fields.stream().filter(field -> field.change() != null).toList()).stream()
                .map(column -> column + " = excluded." + column)
                .collect(Collectors.joining(", "));
    }

    /**
     * One {@code CASE} per change name: the name when any of its fields differs between the
     * stored row and the file's (an identifier by its blind index).
     */
    private static String changes(List<RegistryField> fields, String stored, String file) {
        Map<String, List<String>> byChange = new LinkedHashMap<>();
        for (RegistryField field : fields) {
            if (field.change() != null) {
                byChange.computeIfAbsent(field.change(), change -> new ArrayList<>())
                        .add(field.identifier() ? field.column() + "_index" : field.column());
            }
        }
        return byChange.entrySet().stream()
                .map(change -> "CASE WHEN " + tuple(stored, change.getValue()) + " IS DISTINCT FROM "
                        + tuple(file, change.getValue()) + " THEN '" + change.getKey() + "' END")
                .collect(Collectors.joining(", "));
    }

    private static String tuple(String alias, List<String> columns) {
        String joined = columns.stream().map(column -> alias + "." + column).collect(Collectors.joining(", "));
        return columns.size() == 1 ? joined : "(" + joined + ")";
    }
}
