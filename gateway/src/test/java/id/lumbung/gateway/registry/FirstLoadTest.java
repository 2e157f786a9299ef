package id.lumbung.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.database.DatabaseSettings;
import id.lumbung.core.testing.Eventually;
import id.lumbung.core.testing.TestDatabase;
import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A regency's first load (decision 0028): its members go into a table without indexes that is
 * indexed and swapped in for the tenant's empty partition — or, when member cannot be locked in
 * time, inserted through member. Either way the registry reads the same, and nothing is left
 * behind when the load is rolled back.
 */
@MicronautTest(transactional = false)
class FirstLoadTest extends ApiTest {
    private static final String HEAD = "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;"
            + "tanggal_lahir;jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;status_art;desil\n";

    /** Two families of Balikpapan (64.71); the first's head has died. */
    private static final String FAMILIES = HEAD
            + "BPN1;BPN1-1;64.71.01.1001;Jl. Somba Opu;1;1;6471010101100001;6471011203700001;DAENG MANGGALA;"
            + "BALIKPAPAN;12-03-1970;L;Kepala Keluarga;DAENG TIMA;Meninggal;2\n"
            + "BPN1;BPN1-2;64.71.01.1001;Jl. Somba Opu;1;1;6471010101100001;6471014506750002;SITTI RAHMA;"
            + "BALIKPAPAN;05-06-1975;P;Istri;HALIMA;Hidup;2\n"
            + "BPN1;BPN1-3;64.71.01.1001;Jl. Somba Opu;1;1;6471010101100001;6471011508050003;ANDI AKBAR;"
            + "BALIKPAPAN;15-08-2005;L;Anak;SITTI RAHMA;Hidup;2\n"
            + "BPN2;BPN2-1;64.71.01.1001;Jl. Penghibur;2;1;6471010101100002;6471016601800004;NURHAYATI;"
            + "GOWA;26-01-1980;P;Kepala Keluarga;SALMAH;Hidup;2\n";

    @Test
    @SuppressWarnings("unchecked")
    void aFirstLoadIsSwappedInIndexedAndReadsLikeAnyOther() throws SQLException {
        String admin = regencyOfItsOwn("64.71", "load-admin-6471");
        // Refused whole: the first load's table goes with the rolled-back transaction.
        Map<String, Object> refused = importAndWait(
                "6471",
                admin,
                FAMILIES + "BPN3;BPN3-1;64.71.01.1001;Jl. X;1;1;123;456;;;;;;;;\n",
                "?mode=all-or-nothing");
        assertThat(refused).containsEntry("status", "REJECTED");
        assertThat(strings("SELECT to_regclass('public.member_load_6471')::text"))
                .containsExactly((String) null);
        assertThat(strings("SELECT count(*)::text FROM member WHERE tenant_id = '6471'"))
                .containsExactly("0");

        Map<String, Object> loaded = importAndWait("6471", admin, FAMILIES, "");
        assertThat(loaded).containsEntry("status", "SUCCEEDED").containsEntry("membersCreated", 4);
        // Swapped in: the partition carries the indexes the load built, named after it, and no load table is left.
        assertThat(partitionIndexes("6471"))
                .containsExactlyInAnyOrder(
                        "member_6471_pkey",
                        "member_6471_source_key_idx",
                        "member_6471_nik_idx",
                        "member_6471_household_idx",
                        "member_6471_name_idx");
        assertThat(strings("SELECT to_regclass('public.member_load_6471')::text"))
                .containsExactly((String) null);
        assertThat(strings("SELECT relrowsecurity::text FROM pg_class WHERE relname = 'member'"))
                .containsExactly("true");
        // The application reaches the partition only through member, under row-level security.
        assertThat(strings("SELECT has_table_privilege('" + DatabaseSettings.DEFAULT_APP_ROLE
                        + "', 'member_6471', 'SELECT, INSERT, UPDATE')::text"))
                .containsExactly("false");

        // The household, counted from the file, its head as a recount names it, its members listed.
        var households =
                array(postJson("/api/v1/tenants/6471/households/search", admin, "{\"kk\":\"6471010101100001\"}"));
        assertThat(households).hasSize(1);
        Map<String, Object> detail = object(
                get("/api/v1/tenants/6471/households/" + households.get(0).get("id"), admin));
        assertThat((Map<String, Object>) detail.get("household"))
                .containsEntry("memberCount", 3)
                .containsEntry("headName", "DAENG MANGGALA");
        assertThat((List<Map<String, Object>>) detail.get("members"))
                .extracting(member -> member.get("fullName"))
                .containsExactly("DAENG MANGGALA", "SITTI RAHMA", "ANDI AKBAR");
        assertThat(array(postJson("/api/v1/tenants/6471/members/search", admin, "{\"nik\":\"6471016601800004\"}")))
                .hasSize(1);
        assertThat(array(postJson("/api/v1/tenants/6471/members/search", admin, "{\"name\":\"andi akbar\"}")))
                .hasSize(1);
        // Another tenant does not find them.
        assertThat(array(postJson(
                        "/api/v1/tenants/7471/members/search", login("admin-7471"), "{\"nik\":\"6471016601800004\"}")))
                .isEmpty();

        // The next import is an ordinary upsert into the partition.
        Map<String, Object> again =
                importAndWait("6471", admin, FAMILIES.replace("ANDI AKBAR;BALIKPAPAN", "ANDI AKBAR;GOWA"), "");
        assertThat(again).containsEntry("membersCreated", 0).containsEntry("membersUpdated", 1);
        assertThat(strings("SELECT birth_place FROM member WHERE tenant_id = '6471' AND source_key = 'BPN1-3'"))
                .containsExactly("GOWA");
    }

    @Test
    void whenMemberCannotBeLockedInTimeTheRowsGoInThroughMember() throws Exception {
        String admin = regencyOfItsOwn("64.72", "load-admin-6472");
        try (Connection reader = TestDatabase.get().ownerConnection();
                Statement statement = reader.createStatement()) {
            // A long reader of member: detaching the empty partition would wait for it.
            reader.setAutoCommit(false);
            statement.execute("LOCK TABLE member IN ACCESS SHARE MODE");
            Map<String, Object> loaded = importAndWait("6472", admin, FAMILIES.replace("64.71.", "64.72."), "");
            assertThat(loaded).containsEntry("status", "SUCCEEDED").containsEntry("membersCreated", 4);
            reader.rollback();
        }
        // The partition made with the tenant stays, with the rows; the load table is gone.
        assertThat(partitionIndexes("6472")).hasSize(5).doesNotContain("member_6472_source_key_idx");
        assertThat(strings("SELECT count(*)::text FROM member WHERE tenant_id = '6472'"))
                .containsExactly("4");
        assertThat(strings("SELECT to_regclass('public.member_load_6472')::text"))
                .containsExactly((String) null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void hostileValuesGoThroughAFirstLoadByteForByte() throws SQLException {
        String admin = regencyOfItsOwn("64.74", "load-admin-6474");
        String name = "'); DROP TABLE member; -- Ñuñez 🌾";
        String place = "<b>&amp;</b> \"kota\"";
        String mother = "member_load_6474; SELECT 1";
        String address = "Jl. A;B \"C\" 'D'";
        String csv = HEAD + "BTG1;BTG1-1;64.74.01.1001;" + quoted(address) + ";1;1;6474010101100001;6474016601800001;"
                + quoted(name) + ";" + quoted(place) + ";26-01-1980;P;Kepala Keluarga;" + quoted(mother) + ";Hidup;2\n";

        assertThat(importAndWait("6474", admin, csv, ""))
                .containsEntry("status", "SUCCEEDED")
                .containsEntry("membersCreated", 1);
        assertThat(partitionIndexes("6474")).contains("member_6474_source_key_idx");
        var households =
                array(postJson("/api/v1/tenants/6474/households/search", admin, "{\"kk\":\"6474010101100001\"}"));
        Map<String, Object> detail = object(
                get("/api/v1/tenants/6474/households/" + households.get(0).get("id"), admin));
        assertThat((Map<String, Object>) detail.get("household"))
                .containsEntry("address", address)
                .containsEntry("headName", name);
        assertThat((List<Map<String, Object>>) detail.get("members"))
                .singleElement()
                .satisfies(member -> assertThat(member)
                        .containsEntry("fullName", name)
                        .containsEntry("birthPlace", place)
                        .containsEntry("motherName", mother));
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private Map<String, Object> importAndWait(String tenant, String token, String content, String query) {
        var response = postFile(
                "/api/v1/tenants/" + tenant + "/imports" + query,
                token,
                "dtks.csv",
                content.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String job =
                "/api/v1/tenants/" + tenant + "/imports/" + object(response).get("id");
        return Eventually.await(Duration.ofSeconds(30), () -> object(get(job, token)), status -> List.of(
                        "SUCCEEDED", "REJECTED", "FAILED")
                .contains(status.get("status")));
    }

    private static List<String> partitionIndexes(String tenant) throws SQLException {
        return strings("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE i.indrelid = 'public.member_" + tenant + "'::regclass");
    }

    private static List<String> strings(String sql) throws SQLException {
        try (Connection owner = TestDatabase.get().ownerConnection();
                Statement query = owner.createStatement();
                ResultSet rows = query.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
