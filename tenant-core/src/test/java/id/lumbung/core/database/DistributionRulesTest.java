package id.lumbung.core.database;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.DatabaseTest;
import id.lumbung.core.testing.Tenants;
import id.lumbung.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the schema must keep to be distributed by Citus (docs/scaling.md), checked on the full
 * migration set: every table is classified — distributed by {@code tenant_id}, a reference table
 * copied to every node, or local to the coordinator; a distributed table's primary key and every
 * unique constraint or index start with {@code tenant_id}; a foreign key between distributed
 * tables carries {@code tenant_id} on both sides (co-located, never across tenants); a
 * distributed table refers otherwise only to reference tables.
 */
@MicronautTest(transactional = false)
class DistributionRulesTest extends DatabaseTest {
    @Inject
    Tenants tenants;

    /**
     * Copied to every node: the regions, the tenants, the national permission matrix, the users
     * (few writes, read by every tenant's rows that name them).
     */
    static final Set<String> REFERENCE = Set.of("region", "tenant", "role_permission", "app_user", "province_template");

    /**
     * Kept on the coordinator: small tables of the platform or of a province, written rarely,
     * read across tenants (a transfer belongs to two, a cross-regency finding to several, an
     * invitation is found by its token alone, a join request comes before its tenant exists).
     */
    static final Set<String> LOCAL = Set.of(
            "refresh_token",
            "rate_limit_bucket",
            "invitation",
            "join_request",
            "household_transfer",
            "cross_duplicate_run",
            "cross_duplicate_cluster",
            "identity_not_same_across",
            "audit_verification");

    /** Tables with a mandatory tenant_id, but those kept on the coordinator. */
    private static final String DISTRIBUTED =
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND a.attnotnull"
                    + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
                    + " AND c.relname <> ALL ('{" + String.join(",", LOCAL) + "}'::text[])";

    @Test
    void everyTableIsDistributedReferenceOrLocal() throws SQLException {
        List<String> distributed = names(DISTRIBUTED);
        List<String> unclassified = new ArrayList<>();
        for (String table : names("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
                + " AND c.relname NOT LIKE 'flyway%' ORDER BY 1")) {
            if (!distributed.contains(table) && !REFERENCE.contains(table) && !LOCAL.contains(table)) {
                unclassified.add(table);
            }
        }
        assertThat(unclassified).isEmpty();
        assertThat(distributed).doesNotContainAnyElementsOf(REFERENCE).doesNotContainAnyElementsOf(LOCAL);
    }

    @Test
    void everyUniqueConstraintOfADistributedTableStartsWithTenantId() throws SQLException {
        List<String> wrong = names("SELECT t.relname || ': ' || i.relname FROM (" + DISTRIBUTED + ") d"
                + " JOIN pg_class t ON t.relname = d.relname JOIN pg_index x ON x.indrelid = t.oid"
                + " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_attribute a ON a.attrelid = t.oid"
                + " AND a.attname = 'tenant_id' WHERE x.indisunique AND x.indkey[0] <> a.attnum ORDER BY 1");
        assertThat(wrong).isEmpty();
    }

    @Test
    void foreignKeysStayInsideATenantOrPointAtReferenceTables() throws SQLException {
        List<String> wrong = new ArrayList<>();
        try (Connection connection = TestDatabase.get().ownerConnection();
                Statement statement = connection.createStatement();
                ResultSet keys = statement.executeQuery("SELECT f.conname, s.relname, r.relname,"
                        + " (SELECT array_agg(a.attname ORDER BY k.o) FROM unnest(f.conkey) WITH ORDINALITY k(n, o)"
                        + " JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.n) AS source_columns,"
                        + " (SELECT array_agg(a.attname ORDER BY k.o) FROM unnest(f.confkey) WITH ORDINALITY k(n, o)"
                        + " JOIN pg_attribute a ON a.attrelid = f.confrelid AND a.attnum = k.n) AS target_columns"
                        + " FROM pg_constraint f JOIN pg_class s ON s.oid = f.conrelid JOIN pg_class r"
                        + " ON r.oid = f.confrelid WHERE f.contype = 'f' ORDER BY 1")) {
            List<String> distributed = names(DISTRIBUTED);
            while (keys.next()) {
                String name = keys.getString(1);
                String source = keys.getString(2);
                String target = keys.getString(3);
                List<String> from = List.of((String[]) keys.getArray(4).getArray());
                List<String> to = List.of((String[]) keys.getArray(5).getArray());
                boolean fromDistributed = distributed.contains(source);
                boolean toDistributed = distributed.contains(target);
                if (fromDistributed && toDistributed) {
                    int at = from.indexOf("tenant_id");
                    if (at < 0 || !"tenant_id".equals(to.get(at))) {
                        wrong.add(name + ": " + source + from + " -> " + target + to + " crosses tenants");
                    }
                } else if (fromDistributed && !REFERENCE.contains(target)) {
                    wrong.add(name + ": " + source + " -> " + target + " (neither distributed nor a reference table)");
                } else if (REFERENCE.contains(source) && !REFERENCE.contains(target)) {
                    wrong.add(name + ": reference table " + source + " -> " + target);
                } else if (LOCAL.contains(source) && toDistributed) {
                    wrong.add(name + ": coordinator table " + source + " -> distributed " + target);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theCitusScriptDistributesExactlyTheseTables() throws Exception {
        String script = new String(
                DistributionRulesTest.class
                        .getResourceAsStream("/db/citus/distribute.sql")
                        .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(called(script, "create_reference_table\\('([a-z_]+)'\\)"))
                .containsExactlyInAnyOrderElementsOf(REFERENCE);
        assertThat(called(script, "create_distributed_table\\('([a-z_]+)', 'tenant_id'"))
                .containsExactlyInAnyOrderElementsOf(names(DISTRIBUTED));
    }

    @Test
    void theMigrationsRunTheScriptOnlyWhereCitusIsInstalled() throws SQLException {
        List<String[]> calls = CitusDistribution.calls();
        assertThat(calls).hasSize(REFERENCE.size() + names(DISTRIBUTED).size());
        assertThat(calls.subList(0, REFERENCE.size()))
                .as("reference tables first: the distributed ones refer to them")
                .allSatisfy(call -> assertThat(REFERENCE).contains(call[0]));
        try (Connection connection = TestDatabase.get().ownerConnection()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> CitusDistribution.apply(connection))
                    .hasMessageContaining("no citus extension");
        }
    }

    @Test
    void aTenantsQueriesProbeAnIndexByTenantId() throws SQLException {
        tenants.ensure("74.71"); // its member partition exists: the plan reads it
        // Representative of the statements a request or a worker runs for one tenant: Citus routes
        // a statement to one shard when its tenant_id is a constant, and each probes an index that
        // starts with it here.
        List<String> statements = List.of(
                "SELECT * FROM household WHERE tenant_id = '7471' AND id = gen_random_uuid()",
                "SELECT * FROM member WHERE tenant_id = '7471' AND nik_index = 'x'",
                "SELECT id FROM outbox WHERE tenant_id = '7471' AND agency = 'DUKCAPIL' AND status IN ('QUEUED',"
                        + " 'RETRYING') AND next_attempt_at <= now() ORDER BY created_at, id LIMIT 10",
                "SELECT seq, hash FROM audit_log WHERE tenant_id = '7471' ORDER BY seq DESC LIMIT 1",
                "SELECT tenant_id, id FROM disbursement WHERE tenant_id = '7471' AND bank_code = 'BNI'"
                        + " AND partner_reference_no = 'LBG7471'");
        List<String> unrouted = new ArrayList<>();
        try (Connection connection = TestDatabase.get().ownerConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off");
            for (String sql : statements) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                if (!plan.toString().matches("(?s).*Index Cond: \\(\\(?tenant_id = '7471'.*")) {
                    unrouted.add(sql + "\n" + plan);
                }
            }
        }
        assertThat(unrouted).isEmpty();
    }

    private static List<String> called(String script, String call) {
        List<String> tables = new ArrayList<>();
        java.util.regex.Matcher found = java.util.regex.Pattern.compile(call).matcher(script);
        while (found.find()) {
            tables.add(found.group(1));
        }
        return tables;
    }

    private static List<String> names(String sql) throws SQLException {
        return SchemaRulesTest.names(sql);
    }
}
