package id.lumbung.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.household.ExportSheet;
import id.lumbung.core.testing.Eventually;
import id.lumbung.core.testing.TestDatabase;
import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Imports over HTTP into Kota Kendari (7471): row checks reported by line, set-based checks,
 * idempotent re-import, a newer export recorded as history, all-or-nothing, and files refused
 * whole. Every test uses its own iddtks prefix, so tests do not see each other's rows.
 */
@MicronautTest(transactional = false)
class ImportApiTest extends ApiTest {
    private static final String IMPORTS = "/api/v1/tenants/7471/imports";
    private static final String HEADER = "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;"
            + "tanggal_lahir;jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;status_art;desil;lantai";

    /** A family of three in Mandonga, valid. NIK serials are derived from {@code serial}. */
    private static String family(String iddtks, int serial, String address) {
        String kk = "7471011203" + String.format("%06d", serial);
        return String.join(
                "\n",
                row(
                        iddtks,
                        "01",
                        "74.71.01.1005",
                        address,
                        kk,
                        nik("120380", serial),
                        "LA ODE RAHMAN",
                        "12-03-1980",
                        "L",
                        "Kepala Keluarga",
                        "WA ODE SITI",
                        "Hidup"),
                row(
                        iddtks,
                        "02",
                        "7471011005",
                        address,
                        kk,
                        nik("450785", serial),
                        "Hj. Wa Ode Nurlia",
                        "1985-07-05",
                        "P",
                        "Istri",
                        "WA ODE HAWA",
                        "Hidup"),
                row(
                        iddtks,
                        "03",
                        "74.71.01.1005",
                        address,
                        kk,
                        nik("010110", serial),
                        "LA ODE ARIF",
                        "01-01-2010",
                        "1",
                        "Anak",
                        "WA ODE NURLIA",
                        "Hidup"));
    }

    private static String nik(String date, int serial) {
        return "747101" + date + String.format("%04d", serial % 10_000);
    }

    private static String row(
            String iddtks,
            String art,
            String village,
            String address,
            String kk,
            String nik,
            String name,
            String born,
            String sex,
            String relationship,
            String mother,
            String status) {
        return String.join(
                ";",
                iddtks,
                iddtks + "-" + art,
                village,
                address,
                "001",
                "2",
                kk,
                nik,
                name,
                "KENDARI",
                born,
                sex,
                relationship,
                mother,
                status,
                "2",
                "Semen");
    }

    /** NIK serials: unique per family within this JVM's database. */
    private static final java.util.concurrent.atomic.AtomicInteger SERIALS =
            new java.util.concurrent.atomic.AtomicInteger(100);

    private static String prefix() {
        return "T" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Map<String, Object> importAndWait(String token, String fileName, byte[] content, String query) {
        var response = postFile(IMPORTS + query, token, fileName, content);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = (String) object(response).get("id");
        return Eventually.await(Duration.ofSeconds(30), () -> object(get(IMPORTS + "/" + id, token)), job -> List.of(
                        "SUCCEEDED", "REJECTED", "FAILED")
                .contains(job.get("status")));
    }

    private static byte[] csv(String... lines) {
        return (HEADER + "\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFileWithGoodAndBadRowsKeepsTheGoodOnesAndReportsTheBadByLine() throws SQLException {
        String admin = login("admin-7471");
        String p = prefix();
        int serial = SERIALS.getAndAdd(10);
        String kk = "7471011203" + String.format("%06d", serial + 1);
        byte[] file = csv(
                family(p + "A", serial, "Jl. Sao-Sao No. 1"), // lines 2-4
                row(
                        p + "B",
                        "01",
                        "74.71.01.1005",
                        "Jl. Lain",
                        kk,
                        "74710112038000",
                        "PENDEK",
                        "12-03-1980",
                        "L",
                        "Kepala Keluarga",
                        "X",
                        "Hidup"), // line 5: NIK of 14 digits
                row(
                        p + "B",
                        "02",
                        "74.01.01.1001",
                        "Jl. Lain",
                        kk,
                        nik("450785", serial + 1),
                        "LUAR",
                        "05-07-1985",
                        "P",
                        "Istri",
                        "X",
                        "Hidup"), // line 6: village of Kolaka
                row(
                        p + "C",
                        "01",
                        "74.71.01.1005",
                        "Jl. Kembar",
                        kk,
                        nik("120380", serial),
                        "KEMBAR",
                        "12-03-1980",
                        "L",
                        "Kepala Keluarga",
                        "X",
                        "Hidup"), // line 7: NIK of line 2
                row(
                        p + "D",
                        "01",
                        "74.71.01.1005",
                        "Jl. Yatim",
                        kk,
                        nik("030312", serial + 2),
                        "ANAK SAJA",
                        "03-03-2012",
                        "L",
                        "Anak",
                        "X",
                        "Hidup"), // line 8: household without head
                row(
                        p + "E",
                        "01",
                        "74.71.01.1005",
                        "\"=HYPERLINK(\"\"x\"\")\"",
                        kk,
                        nik("040412", serial + 3),
                        "RUMUS",
                        "04-04-2012",
                        "L",
                        "Kepala Keluarga",
                        "X",
                        "Hidup")); // line 9: formula

        Map<String, Object> job = importAndWait(admin, "dtks.csv", file, "");

        assertThat(job).containsEntry("status", "SUCCEEDED").containsEntry("rowsTotal", 8);
        assertThat(job).containsEntry("rowsRejected", 4).containsEntry("rowsAccepted", 4);
        assertThat(job).containsEntry("householdsCreated", 2).containsEntry("membersCreated", 4);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) job.get("errors");
        assertThat(errors)
                .extracting(e -> e.get("line") + ":" + e.get("code"))
                .contains(
                        "5:nik_not_16_digits",
                        "6:village_outside_tenant",
                        "7:duplicate_nik_in_file",
                        "8:household_without_head",
                        "9:formula_in_cell");
        assertThat(job.toString()).doesNotContain(nik("120380", serial));
        assertThat(memberCount(p)).isEqualTo(4);

        // The refused rows, as the file had them, with their reasons: to fix in Excel and import again.
        String refusedPath = IMPORTS + "/" + job.get("id") + "/refused.csv";
        var refused = get(refusedPath, admin, "Accept", "text/csv");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
        List<String> lines = refused.body().lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFiddtks;id_art;").endsWith(";alasan_ditolak");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1))
                .startsWith(p + "B;" + p + "B-01;")
                .contains(";74710112038000;")
                .endsWith(";baris 5: nik_not_16_digits: A NIK has exactly 16 digits");
        assertThat(lines.get(2)).contains(";74.01.01.1001;").contains("baris 6: village_outside_tenant");
        assertThat(lines.get(3)).contains("baris 7: duplicate_nik_in_file");
        assertThat(lines.get(4)).contains("baris 9: formula_in_cell");
        // Fixed (a 16-digit NIK, a village of Kendari), the same file imports with one warning: the reason column.
        String fixed = String.join(
                "\n",
                lines.get(0),
                lines.get(1).replace(";74710112038000;", ";" + nik("120380", serial + 5) + ";"),
                lines.get(2).replace(";74.01.01.1001;", ";74.71.01.1005;"));
        Map<String, Object> again = importAndWait(admin, "ditolak.csv", fixed.getBytes(StandardCharsets.UTF_8), "");
        assertThat(again).containsEntry("rowsRejected", 0).containsEntry("membersCreated", 2);
        assertThat(again.get("errors").toString()).contains("unknown_column").doesNotContain("ERROR");
        // Full NIKs: for who uploaded the file or who may read them; not another tenant.
        String approver = login(newUser(admin, "APPROVER"));
        assertProblem(get(refusedPath, approver, "Accept", "text/csv"), 403, "permission_denied");
        // The import's page offers the download only to who may follow the link.
        String report = "/ui/tenants/7471/impor/" + job.get("id");
        assertThat(get(report, approver, "Accept", "text/html").body())
                .contains("id=\"refused-who\"")
                .doesNotContain("refused-download");
        assertThat(get(report, admin, "Accept", "text/html").body()).contains("id=\"refused-download\"");
        assertThat(get(refusedPath, login(newUser(admin, "VERIFIER")), "Accept", "text/csv")
                        .statusCode())
                .isEqualTo(200);
        assertThat(get(refusedPath, login("admin-7401"), "Accept", "text/csv").statusCode())
                .isEqualTo(404);
    }

    private static String kk(int serial) {
        return "7471011203" + String.format("%06d", serial);
    }

    @Test
    void aFileOfManyBatchesReportsItsBadRowsByLineInTheFilesOrder() throws SQLException {
        // 7,200 rows, refused ones near the start, the end and the middle, two of them adjacent.
        String admin = login("admin-7471");
        String p = prefix();
        int serial = SERIALS.getAndAdd(2_400);
        List<String> rows = new java.util.ArrayList<>();
        for (int family = 0; family < 2_400; family++) {
            rows.addAll(List.of(
                    family(p + family, serial + family, "Jl. Batch " + family).split("\n")));
        }
        List<Integer> badLines = List.of(3, 2_001, 2_002, 4_501, 7_201);
        for (int line : badLines) {
            String[] fields = rows.get(line - 2).split(";", -1);
            fields[7] = fields[7].substring(0, 14); // a NIK of 14 digits
            rows.set(line - 2, String.join(";", fields));
        }

        Map<String, Object> job = importAndWait(admin, "besar.csv", csv(rows.toArray(String[]::new)), "");

        assertThat(job)
                .containsEntry("status", "SUCCEEDED")
                .containsEntry("rowsTotal", 7_200)
                .containsEntry("rowsRejected", 5)
                .containsEntry("rowsAccepted", 7_195);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) job.get("errors");
        assertThat(errors)
                .filteredOn(error -> "nik_not_16_digits".equals(error.get("code")))
                .extracting(error -> ((Number) error.get("line")).intValue())
                .containsExactlyElementsOf(badLines);
        assertThat(memberCount(p)).isEqualTo(7_195L);
        // Their ids are in creation order (version 7), so they append to the indexes.
        try (Connection owner = TestDatabase.get().ownerConnection();
                PreparedStatement query = owner.prepareStatement(
                        "SELECT m.id, m.household_id FROM member m WHERE m.tenant_id = '7471' AND m.source_key LIKE ?")) {
            query.setString(1, p + "%");
            try (ResultSet ids = query.executeQuery()) {
                while (ids.next()) {
                    assertThat(ids.getObject(1, UUID.class).version()).isEqualTo(7);
                    assertThat(ids.getObject(2, UUID.class).version()).isEqualTo(7);
                }
            }
        }
    }

    @Test
    void aCopiedLineIsDroppedAsACopyAndAReusedMemberIdWithOtherDataIsRefusedForSomeoneToLookAt() {
        String admin = login("admin-7471");
        String p = prefix();
        int serial = SERIALS.getAndAdd(10);
        String[] family = family(p + "A", serial, "Jl. Salak No. 2").split("\n");
        String copy = family[1]; // line 5: the wife's line again, as it was
        String reused = family[2].replace("LA ODE ARIF", "LA ODE ARIFIN"); // line 6: the child's id, another name
        Map<String, Object> job =
                importAndWait(admin, "dtks.csv", csv(family[0], family[1], family[2], copy, reused), "");

        assertThat(job).containsEntry("status", "SUCCEEDED").containsEntry("rowsAccepted", 3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) job.get("errors");
        assertThat(errors)
                .extracting(e -> e.get("line") + ":" + e.get("code"))
                .containsExactlyInAnyOrder("5:duplicate_row", "6:duplicate_member");
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneKkSpreadOverSeveralHouseholdsIsWarnedWithBothPlaces() throws SQLException {
        String admin = login("admin-7471");
        String p = prefix();
        int serial = SERIALS.getAndAdd(30);
        importAndWait(admin, "first.csv", csv(family(p + "A", serial, "Jl. Satu")), "");

        // B has A's family card (in the registry); D has C's (in the same file).
        Map<String, Object> job = importAndWait(
                admin,
                "second.csv",
                csv(
                        family(p + "B", serial + 10, "Jl. Dua").replace(kk(serial + 10), kk(serial)),
                        family(p + "C", serial + 20, "Jl. Tiga"),
                        family(p + "D", serial + 21, "Jl. Empat").replace(kk(serial + 21), kk(serial + 20))),
                "");

        assertThat(job).containsEntry("rowsRejected", 0).containsEntry("householdsCreated", 3);
        List<Map<String, Object>> issues = (List<Map<String, Object>>) job.get("errors");
        assertThat(issues)
                .anySatisfy(issue -> assertThat(issue)
                        .containsEntry("line", 2)
                        .containsEntry("code", "kk_in_registry_household")
                        .containsEntry("severity", "WARNING")
                        .hasEntrySatisfying("message", message -> assertThat((String) message)
                                .contains(p + "A")
                                .doesNotContain(kk(serial))))
                .anySatisfy(issue -> assertThat(issue)
                        .containsEntry("line", 8)
                        .containsEntry("code", "kk_in_other_household")
                        .hasEntrySatisfying("message", message -> assertThat((String) message)
                                .contains("line 5")));

        // The household's page and the API name the other household on its card.
        String b = strings("SELECT id::text FROM household WHERE tenant_id = '7471' AND iddtks = ?", p + "B")
                .get(0);
        String a = strings("SELECT id::text FROM household WHERE tenant_id = '7471' AND iddtks = ?", p + "A")
                .get(0);
        assertThat((List<Map<String, Object>>) object(get("/api/v1/tenants/7471/households/" + b, admin))
                        .get("sameKk"))
                .singleElement()
                .satisfies(other -> assertThat(other)
                        .containsEntry("id", a)
                        .containsEntry("iddtks", p + "A")
                        .containsEntry("villageCode", "74.71.01.1005"));
        var page = get("/ui/tenants/7471/keluarga/" + b, admin, "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"same-kk\"", "Nomor KK ini juga tercatat", "/ui/tenants/7471/keluarga/" + a);
    }

    @Test
    void theSameFileTwiceChangesNothingAndANewerExportIsRecordedAsHistory() throws SQLException {
        String admin = login("admin-7471");
        String p = prefix();
        int serial = SERIALS.getAndAdd(10);
        byte[] first = csv(family(p + "A", serial, "Jl. Sao-Sao No. 2"));
        assertThat(importAndWait(admin, "a.csv", first, "")).containsEntry("membersCreated", 3);
        // Their creation is on their rows, not four history rows (decision 0027); the page shows it.
        assertThat(history(p)).isEmpty();
        String household = strings("SELECT id::text FROM household WHERE tenant_id = '7471' AND iddtks = ?", p + "A")
                .get(0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> created =
                (List<Map<String, Object>>) object(get("/api/v1/tenants/7471/households/" + household, admin))
                        .get("history");
        assertThat(created)
                .extracting(change -> change.get("entity") + ":" + change.get("kind") + ":" + change.get("source") + ":"
                        + change.get("changedBy"))
                .containsExactlyInAnyOrder(
                        "HOUSEHOLD:CREATED:IMPORT:admin-7471",
                        "MEMBER:CREATED:IMPORT:admin-7471",
                        "MEMBER:CREATED:IMPORT:admin-7471",
                        "MEMBER:CREATED:IMPORT:admin-7471");

        Map<String, Object> again = importAndWait(admin, "a.csv", first, "");
        assertThat(again)
                .containsEntry("status", "SUCCEEDED")
                .containsEntry("householdsCreated", 0)
                .containsEntry("householdsUpdated", 0)
                .containsEntry("membersCreated", 0)
                .containsEntry("membersUpdated", 0);

        String[] rows = family(p + "A", serial, "Jl. Baru No. 9").split("\n");
        rows[1] = rows[1].replace(";Hidup;", ";Meninggal;"); // the wife has died
        String newer = String.join("\n", rows);
        Map<String, Object> update = importAndWait(admin, "b.csv", csv(newer), "");
        assertThat(update).containsEntry("householdsUpdated", 1).containsEntry("membersUpdated", 1);
        assertThat(history(p)).contains("HOUSEHOLD:UPDATED:{address}", "MEMBER:UPDATED:{status}");
    }

    /** Lists say how many there are and page by keyset: no row skipped or shown twice, also while rows arrive. */
    @Test
    @SuppressWarnings("unchecked")
    void listsArePagedWithTheirTotalAndStayStableUnderInserts() {
        String admin = login("admin-7471");
        String p = prefix();
        int serial = SERIALS.getAndAdd(130);
        String lepoLepo = "74.71.03.1002"; // no other test's households
        List<String> rows = new java.util.ArrayList<>();
        for (int h = 0; h < 120; h++) {
            rows.add(row(
                    p + h,
                    "01",
                    lepoLepo,
                    String.format("Jl. Halaman %03d", h),
                    kk(serial + h),
                    nik("120380", serial + h),
                    "HALAMAN " + p.toUpperCase() + " " + (char) ('A' + h % 26),
                    "12-03-1980",
                    "L",
                    "Kepala Keluarga",
                    "IBU",
                    "Hidup"));
        }
        assertThat(importAndWait(admin, "paging.csv", csv(rows.toArray(String[]::new)), ""))
                .containsEntry("rowsRejected", 0);

        String list = "/api/v1/tenants/7471/households?village=" + lepoLepo + "&size=50";
        var first = get(list, admin);
        assertThat(first.headers().firstValue("X-Total-Count")).hasValue("120");
        assertThat(first.headers().firstValue("Link"))
                .hasValueSatisfying(
                        link -> assertThat(link).contains("rel=\"next\"").doesNotContain("rel=\"prev\""));
        List<String> seen = new java.util.ArrayList<>(addresses(array(first)));
        assertThat(seen).hasSize(50).startsWith("Jl. Halaman 000").endsWith("Jl. Halaman 049");

        // A household arrives on the first page's side while the operator reads: the next page
        // neither repeats nor skips a row.
        assertThat(postJson(
                                "/api/v1/tenants/7471/households",
                                admin,
                                "{\"villageCode\":\"" + lepoLepo
                                        + "\",\"address\":\"Jl. Halaman 000a\",\"headName\":\"BARU\",\"memberCount\":1}")
                        .statusCode())
                .isEqualTo(201);
        String next = link(first, "next");
        var second = get(next, admin);
        assertThat(second.headers().firstValue("X-Total-Count")).hasValue("121");
        seen.addAll(addresses(array(second)));
        var third = get(link(second, "next"), admin);
        seen.addAll(addresses(array(third)));
        assertThat(third.headers().firstValue("Link"))
                .hasValueSatisfying(
                        link -> assertThat(link).doesNotContain("rel=\"next\"").contains("rel=\"prev\""));
        assertThat(seen).hasSize(120).doesNotHaveDuplicates().endsWith("Jl. Halaman 119");

        // Back from the second page: the 50 rows before it as they are now (with the new
        // household), and a page before those still.
        var back = get(link(second, "prev"), admin);
        assertThat(addresses(array(back)))
                .hasSize(50)
                .startsWith("Jl. Halaman 000a")
                .endsWith("Jl. Halaman 049");
        assertThat(addresses(array(get(link(back, "prev"), admin)))).containsExactly("Jl. Halaman 000");

        // A search by name pages the same way.
        var byName =
                postJson("/api/v1/tenants/7471/members/search?size=100", admin, "{\"name\":\"halaman " + p + "\"}");
        assertThat(array(byName)).hasSize(100);
        assertThat(byName.headers().firstValue("X-Total-Count")).hasValue("120");
        String rest = link(byName, "next");
        var last = postJson(rest, admin, "{\"name\":\"halaman " + p + "\"}");
        assertThat(array(last)).hasSize(20);

        assertProblem(get(list.replace("size=50", "size=501"), admin), 400, "invalid_page");
        assertProblem(get(list + "&after=bm90LW91cnM", admin), 400, "invalid_page");
    }

    private static List<String> addresses(List<Map<String, Object>> households) {
        return households.stream()
                .map(household -> (String) household.get("address"))
                .toList();
    }

    /** The path and query of a page's link, as the server gave it. */
    private static String link(java.net.http.HttpResponse<String> response, String rel) {
        String header = response.headers().firstValue("Link").orElseThrow();
        for (String part : header.split(",\\s*<")) {
            if (part.contains("rel=\"" + rel + "\"")) {
                String uri = part.substring(part.indexOf('<') + 1, part.indexOf('>'));
                return uri.startsWith("/") ? uri : "/" + uri;
            }
        }
        throw new AssertionError("No " + rel + " link in " + header);
    }

    /** Who turns 17 in the next six months (KTP-el recording), and only they. */
    @Test
    void membersTurningSeventeenInSixMonthsAreListedByVillage() {
        String admin = login("admin-7471");
        String p = prefix();
        int serial = SERIALS.getAndAdd(10);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Jakarta"));
        java.time.format.DateTimeFormatter dmy = java.time.format.DateTimeFormatter.ofPattern("dd-MM-yyyy");
        String soon = today.minusYears(17).plusMonths(3).format(dmy);
        String already = today.minusYears(17).format(dmy); // 17 today: recorded already, or due now
        String later = today.minusYears(17).plusMonths(8).format(dmy);
        String kk = kk(serial);
        String village = "74.71.03.1001"; // Baruga: members of this test only are near 17
        String file = String.join(
                "\n",
                row(
                        p + "A",
                        "01",
                        village,
                        "Jl. Tujuh Belas",
                        kk,
                        nik("120380", serial),
                        "LA AYAH " + p,
                        "12-03-1980",
                        "L",
                        "Kepala Keluarga",
                        "WA IBU",
                        "Hidup"),
                row(
                        p + "A",
                        "02",
                        village,
                        "Jl. Tujuh Belas",
                        kk,
                        "",
                        "WA SEGERA " + p,
                        soon,
                        "P",
                        "Anak",
                        "WA IBU",
                        "Hidup"),
                row(
                        p + "A",
                        "03",
                        village,
                        "Jl. Tujuh Belas",
                        kk,
                        "",
                        "LA SUDAH " + p,
                        already,
                        "L",
                        "Anak",
                        "WA IBU",
                        "Hidup"),
                row(
                        p + "A",
                        "04",
                        village,
                        "Jl. Tujuh Belas",
                        kk,
                        "",
                        "LA NANTI " + p,
                        later,
                        "L",
                        "Anak",
                        "WA IBU",
                        "Hidup"));
        assertThat(importAndWait(admin, "17.csv", csv(file), "")).containsEntry("rowsRejected", 0);

        var list = get("/api/v1/tenants/7471/members/turning-17?village=" + village, admin);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(array(list))
                .extracting(match -> (String) ((Map<?, ?>) match.get("member")).get("fullName"))
                .filteredOn(name -> name.endsWith(p))
                .containsExactly("WA SEGERA " + p);
        assertThat(list.headers().firstValue("X-Total-Count")).isPresent();
        var page = get("/ui/tenants/7471/keluarga/usia-17?desa=" + village, admin, "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("WA SEGERA " + p, "perekaman KTP-el").doesNotContain("LA NANTI " + p);
        assertThat(get("/api/v1/tenants/7471/members/turning-17", login("admin-7401"))
                        .statusCode())
                .isEqualTo(404);
        // A village that is no village code at all.
        var hostile = get("/api/v1/tenants/7471/members/turning-17?village=%3Cscript%3E", admin);
        assertThat(hostile.statusCode()).isBetween(400, 499);
        assertThat(hostile.body()).doesNotContain("<script>");
    }

    /** The spellings people type find the person, however the file wrote the name. */
    @Test
    void searchFindsTheNamesPeopleType() {
        String admin = login("admin-7471");
        String p = prefix();
        int serial = SERIALS.getAndAdd(10);
        String file = family(p + "A", serial, "Jl. Nama No. 1")
                .replace("LA ODE RAHMAN", "LAODE MUHAMMAD " + p.toUpperCase())
                .replace("Hj. Wa Ode Nurlia", "Hj.Asma Waode " + p)
                .replace("LA ODE ARIF", "ABDUL RAHMAN " + p);
        importAndWait(admin, "n.csv", csv(file), "");
        java.util.function.Function<String, List<String>> search = typed ->
                array(postJson("/api/v1/tenants/7471/members/search", admin, "{\"name\":\"" + typed + "\"}")).stream()
                        .map(match -> (String) ((Map<?, ?>) match.get("member")).get("fullName"))
                        .toList();

        for (String typed : List.of(
                "La Ode M. " + p,
                "la ode Moch. " + p,
                "Laode Mochammad " + p,
                "LA ODE MUH. " + p,
                "laode muhamad " + p)) {
            assertThat(search.apply(typed)).as(typed).containsExactly("LAODE MUHAMMAD " + p.toUpperCase());
        }
        for (String typed : List.of("Asma Wa Ode " + p, "Hj. Asma Waode " + p, "hajjah asma wa ode " + p)) {
            assertThat(search.apply(typed)).as(typed).containsExactly("Hj.Asma Waode " + p);
        }
        for (String typed : List.of("Abd. Rahman " + p, "Abd.Rahman " + p, "abdul rahman " + p)) {
            assertThat(search.apply(typed)).as(typed).containsExactly("ABDUL RAHMAN " + p);
        }
    }

    @Test
    void importedPeopleAreFoundByNikNameAndKkAndShownMasked() {
        String admin = login("admin-7471");
        String p = prefix();
        int serial = SERIALS.getAndAdd(10);
        importAndWait(admin, "s.csv", csv(family(p + "A", serial, "Jl. Cari No. 1")), "");
        String wife = nik("450785", serial);

        var byNik = postJson("/api/v1/tenants/7471/members/search", admin, "{\"nik\":\"" + wife + "\"}");
        assertThat(byNik.statusCode()).as(byNik.body()).isEqualTo(200);
        assertThat(byNik.body()).doesNotContain(wife).contains("************" + wife.substring(12));
        List<Map<String, Object>> found = array(byNik);
        assertThat(found).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> member = (Map<String, Object>) found.get(0).get("member");
        assertThat(member).containsEntry("fullName", "Hj. Wa Ode Nurlia");

        // Titles, case and spelling do not matter.
        assertThat(array(postJson("/api/v1/tenants/7471/members/search", admin, "{\"name\":\"wa  ode NURLIA\"}")))
                .isNotEmpty();

        String kk = "7471011203" + String.format("%06d", serial);
        List<Map<String, Object>> households =
                array(postJson("/api/v1/tenants/7471/households/search", admin, "{\"kk\":\"" + kk + "\"}"));
        assertThat(households).hasSize(1);
        Map<String, Object> detail = object(
                get("/api/v1/tenants/7471/households/" + households.get(0).get("id"), admin));
        assertThat(detail.toString()).doesNotContain(kk).doesNotContain(wife);
        assertThat(detail)
                .containsEntry("iddtks", p + "A")
                .containsEntry("rt", "001")
                .containsEntry("rw", "002");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> members = (List<Map<String, Object>>) detail.get("members");
        assertThat(members).extracting(m -> m.get("relationship")).containsExactly("KEPALA_KELUARGA", "ISTRI", "ANAK");
        assertThat(detail.get("history").toString()).contains("CREATED");

        assertProblem(
                postJson("/api/v1/tenants/7471/members/search", admin, "{\"nik\":\"123\"}"), 422, "nik_not_16_digits");
        String kolaka = login("admin-7401");
        String body = "{\"nik\":\"" + wife + "\"}";
        assertThat(array(postJson("/api/v1/tenants/7401/members/search", kolaka, body)))
                .isEmpty();
        assertProblem(postJson("/api/v1/tenants/7471/members/search", kolaka, body), 404, "tenant_not_found");
    }

    @Test
    void theExportIsMaskedUnlessAVerifierAsksAndAFullExportReimportsUnchanged() {
        String admin = login("admin-7471");
        String p = prefix();
        int serial = SERIALS.getAndAdd(10);
        // In Wundudopi, where no other test registers households: its export is this test's alone.
        importAndWait(
                admin,
                "e.csv",
                csv(family(p + "A", serial, "-Jl. Rumus No. 1")
                        .replace("74.71.01.1005", WUNDUDOPI)
                        .replace("7471011005", WUNDUDOPI.replace(".", ""))),
                "");
        String head = nik("120380", serial);

        var masked = get("/api/v1/tenants/7471/exports/registry.csv", admin);
        assertThat(masked.statusCode()).as(masked.body()).isEqualTo(200);
        assertThat(masked.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(masked.body())
                .startsWith("\uFEFFiddtks;id_art;kode_wilayah")
                .contains(p + "A-01")
                .contains("************" + head.substring(12))
                .contains("'-Jl. Rumus No. 1")
                .doesNotContain(head);
        assertProblem(
                get("/api/v1/tenants/7471/exports/registry.csv?identifiers=full", admin), 403, "permission_denied");

        // The ministry's proposals: only households changed since a day.
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Jakarta"));
        assertThat(get("/api/v1/tenants/7471/exports/registry.csv?changedSince=" + today, admin)
                        .body())
                .contains(p + "A-01");
        assertThat(get("/api/v1/tenants/7471/exports/registry.csv?changedSince=" + today.plusDays(1), admin)
                        .body()
                        .lines())
                .as("the header only")
                .hasSize(1);
        assertProblem(
                get("/api/v1/tenants/7471/exports/registry.csv?changedSince=kemarin", admin),
                400,
                "invalid_changed_since");

        String verifier = "verval-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(postJson(
                                "/api/v1/tenants/7471/users",
                                admin,
                                "{\"username\":\"" + verifier + "\",\"password\":\"" + PASSWORD
                                        + "\",\"roles\":[\"VERIFIER\"]}")
                        .statusCode())
                .isEqualTo(201);
        var full =
                get("/api/v1/tenants/7471/exports/registry.csv?identifiers=full&village=" + WUNDUDOPI, login(verifier));
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).contains(head);

        // The full export is an import file: importing it back changes nothing.
        Map<String, Object> again =
                importAndWait(admin, "export.csv", full.body().getBytes(StandardCharsets.UTF_8), "");
        assertThat(again)
                .containsEntry("rowsRejected", 0)
                .containsEntry("householdsCreated", 0)
                .containsEntry("membersCreated", 0)
                .containsEntry("membersUpdated", 0);

        // The same as a workbook: masked for the admin, every cell text, and the verifier's full
        // workbook imports back unchanged too.
        var maskedBook = getBytes("/api/v1/tenants/7471/exports/registry.xlsx", admin);
        assertThat(maskedBook.statusCode()).isEqualTo(200);
        assertThat(maskedBook.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(value -> assertThat(value).contains("registry-7471.xlsx"));
        String sheet = sheetOf(maskedBook.body());
        assertThat(sheet)
                .contains("<t xml:space=\"preserve\">iddtks</t>")
                .contains("************" + head.substring(12))
                .contains(">-Jl. Rumus No. 1<")
                .doesNotContain(head)
                .doesNotContain("<f>");
        var fullBook = getBytes(
                "/api/v1/tenants/7471/exports/registry.xlsx?identifiers=full&village=" + WUNDUDOPI, login(verifier));
        assertThat(sheetOf(fullBook.body())).contains(head);
        // Its empty cells are left out, as Excel leaves them out: no row may be refused for that.
        assertThat(importAndWait(admin, "export.xlsx", fullBook.body(), ""))
                .containsEntry("status", "SUCCEEDED")
                .containsEntry("rowsRejected", 0)
                .containsEntry("householdsCreated", 0)
                .containsEntry("membersCreated", 0)
                .containsEntry("membersUpdated", 0);
    }

    /**
     * Ten thousand rows written by Apache POI, streaming, as Excel writes them: the last columns
     * of most rows absent. All are accepted, and the same rows as CSV then change nothing.
     */
    @Test
    void tenThousandRowsOfAWorkbookWrittenByAnotherWriterAreAcceptedAsInCsvAndTheJobSaysWhenItEnded() throws Exception {
        String admin = login("admin-7471");
        String p = prefix();
        int first = SERIALS.getAndAdd(3_334);
        List<String> rows = new java.util.ArrayList<>();
        rows.add(HEADER + ";pekerjaan;pendidikan;disabilitas");
        for (int f = 0; f < 3_334; f++) {
            // Birth dates (and so NIKs) no other test uses: ten thousand NIKs collide with no one's.
            String family = family(p + f, first + f, "Jl. Buku No. " + f)
                    .replace("120380", "230377")
                    .replace("12-03-1980", "23-03-1977")
                    .replace("450785", "570788")
                    .replace("1985-07-05", "1988-07-17")
                    .replace("010110", "020211")
                    .replace("01-01-2010", "02-02-2011");
            for (String row : family.split("\n")) {
                // One row in ten has an occupation; the columns after it are empty everywhere.
                rows.add(row + (rows.size() % 10 == 0 ? ";Petani;;" : ";;;"));
            }
        }
        java.io.ByteArrayOutputStream book = new java.io.ByteArrayOutputStream();
        try (var workbook = new org.apache.poi.xssf.streaming.SXSSFWorkbook(200)) {
            var sheet = workbook.createSheet("DTKS");
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r);
                String[] cells = rows.get(r).split(";", -1);
                for (int c = 0; c < cells.length; c++) {
                    if (!cells[c].isEmpty()) { // as Excel: no cell for an empty one
                        row.createCell(c).setCellValue(cells[c]);
                    }
                }
            }
            workbook.write(book);
        }

        Map<String, Object> fromBook = importAndWait(admin, "poi.xlsx", book.toByteArray(), "");
        assertThat(fromBook)
                .containsEntry("status", "SUCCEEDED")
                .containsEntry("rowsTotal", 10_002)
                .containsEntry("rowsRejected", 0)
                .containsEntry("membersCreated", 10_002)
                .containsEntry("phase", "DONE");
        // It ended when it ended, not when its transaction began.
        assertThat(strings(
                        "SELECT (finished_at >= started_at + interval '100 milliseconds')::text FROM import_job"
                                + " WHERE tenant_id = '7471' AND id = ?::uuid",
                        (String) fromBook.get("id")))
                .containsExactly("true");

        byte[] csv = (String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(importAndWait(admin, "same.csv", csv, ""))
                .containsEntry("rowsRejected", 0)
                .containsEntry("householdsUpdated", 0)
                .containsEntry("membersUpdated", 0)
                .containsEntry("membersCreated", 0);
    }

    /** Every text column with a value a spreadsheet, a CSV reader or an XML reader could bend. */
    @Test
    void hostileValuesInEveryTextColumnComeBackByteForByteFromBothExports() throws SQLException {
        String admin = login("admin-7471");
        String verifier = newUser(admin, "VERIFIER");
        String p = prefix();
        int serial = SERIALS.getAndAdd(20);
        List<String> hostile = List.of(
                "-", // DTKS's "unknown": the CSV export marks it '-
                "'-", // an apostrophe of its own before a sign
                "''+1",
                "-5 m²",
                "a;b \"c\"",
                "line one\r\nline two",
                "only\rcarriage",
                "tab\tinside",
                "_x000D_ as text",
                "<b>&amp;</b>",
                "Wa Ode Ñuñez 🌾",
                "'");
        List<String> columns = List.of(
                "dusun",
                "alamat",
                "nama",
                "tempat_lahir",
                "nama_ibu_kandung",
                "pekerjaan",
                "pendidikan",
                "disabilitas",
                "sekolah_anak",
                "dinding",
                "lantai",
                "atap",
                "penerangan",
                "air_minum");
        StringBuilder file = new StringBuilder("iddtks;id_art;kode_wilayah;rt;rw;nomor_kk;nomor_nik;tanggal_lahir;"
                + "jenis_kelamin;hubungan_keluarga;status_art;desil;" + String.join(";", columns) + "\r\n");
        // One household per hostile value; each column of it holds another of the values.
        for (int h = 0; h < hostile.size(); h++) {
            file.append(String.join(
                    ";",
                    p + h,
                    p + h + "-01",
                    "74.71.03.1007", // Watubangga: no other test's households
                    "1",
                    "2",
                    kk(serial + h),
                    nik("120380", serial + h),
                    "12-03-1980",
                    "L",
                    "Kepala Keluarga",
                    "Hidup",
                    "3"));
            for (int c = 0; c < columns.size(); c++) {
                // Written as the export writes it: in a CSV file, '- is the export's mark and means -.
                String value = ExportSheet.Csv.marked(hostile.get((h + c) % hostile.size()));
                file.append(";\"").append(value.replace("\"", "\"\"")).append('"');
            }
            file.append("\r\n");
        }
        Map<String, Object> first =
                importAndWait(admin, "hostile.csv", file.toString().getBytes(StandardCharsets.UTF_8), "");
        assertThat(first).containsEntry("rowsRejected", 0).containsEntry("householdsCreated", hostile.size());
        assertThat(names(p)).containsAll(hostile);

        String full = "/api/v1/tenants/7471/exports/registry.csv?identifiers=full&village=74.71.03.1007";
        byte[] before = getBytes(full, login(verifier)).body();
        assertThat(new String(before, StandardCharsets.UTF_8))
                .contains(";'-;", ";''-;", ";'''+1;", ";\"a;b \"\"c\"\"\";", ";';");
        assertThat(importAndWait(admin, "export.csv", before, ""))
                .containsEntry("rowsRejected", 0)
                .containsEntry("householdsUpdated", 0)
                .containsEntry("membersUpdated", 0);
        assertThat(new String(getBytes(full, login(verifier)).body(), StandardCharsets.UTF_8))
                .isEqualTo(new String(before, StandardCharsets.UTF_8));

        byte[] book = getBytes(
                        "/api/v1/tenants/7471/exports/registry.xlsx?identifiers=full&village=74.71.03.1007",
                        login(verifier))
                .body();
        assertThat(sheetOf(book)).contains(">only_x000D_carriage<", ">_x005F_x000D_ as text<");
        assertThat(importAndWait(admin, "export.xlsx", book, ""))
                .containsEntry("rowsRejected", 0)
                .containsEntry("householdsUpdated", 0)
                .containsEntry("membersUpdated", 0);
        assertThat(new String(getBytes(full, login(verifier)).body(), StandardCharsets.UTF_8))
                .isEqualTo(new String(before, StandardCharsets.UTF_8));
        assertThat(names(p)).containsAll(hostile);
    }

    private String newUser(String admin, String role) {
        String username = role.toLowerCase(java.util.Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        assertThat(postJson(
                                "/api/v1/tenants/7471/users",
                                admin,
                                "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\""
                                        + role + "\"]}")
                        .statusCode())
                .isEqualTo(201);
        return username;
    }

    private static final String WUNDUDOPI = "74.71.03.1008";

    @Test
    void aHouseholdRegisteredByHandWithoutMembersIsInBothExports() {
        String admin = login("admin-7471");
        String head = "TANGAN " + prefix();
        var created = postJson(
                "/api/v1/tenants/7471/households",
                admin,
                "{\"villageCode\":\"74.71.03.1001\",\"address\":\"Jl. Baruga 9\",\"headName\":\"" + head
                        + "\",\"memberCount\":4,\"desil\":2}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        String csv = get("/api/v1/tenants/7471/exports/registry.csv?village=74.71.03.1001", admin)
                .body();
        assertThat(csv.lines().filter(line -> line.contains(head)))
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains(";74.71.03.1001;", ";Jl. Baruga 9;", ";" + head + ";", ";Kepala Keluarga;"));
        assertThat(sheetOf(getBytes("/api/v1/tenants/7471/exports/registry.xlsx?village=74.71.03.1001", admin)
                        .body()))
                .contains(">" + head + "<", ">Jl. Baruga 9<");
    }

    private static String sheetOf(byte[] workbook) {
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(workbook))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            throw new AssertionError("No worksheet in the workbook");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anExcelWorkbookIsImportedLikeItsCsv() throws Exception {
        String admin = login("admin-7471");
        String p = prefix();
        int serial = SERIALS.getAndAdd(10);
        List<String> rows = new java.util.ArrayList<>();
        rows.add(HEADER);
        rows.addAll(List.of(family(p + "A", serial, "Jl. Excel No. 1").split("\n")));
        // Excel keeps a typed date as a serial number: 12-03-1980 is day 29292 after 1899-12-30.
        rows.set(1, rows.get(1).replace("12-03-1980", "29292"));

        Map<String, Object> job = importAndWait(admin, "dtks.xlsx", workbook(rows), "");

        assertThat(job).containsEntry("status", "SUCCEEDED").containsEntry("membersCreated", 3);
        assertThat(job.get("errors").toString()).doesNotContain("ERROR");
        assertThat(names(p)).contains("LA ODE RAHMAN", "Hj. Wa Ode Nurlia");
    }

    /** A minimal .xlsx: shared strings for text, one worksheet, rows of ';'-separated values. */
    private static byte[] workbook(List<String> rows) throws java.io.IOException {
        List<String> strings = new java.util.ArrayList<>();
        StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet"
                + " xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (int r = 0; r < rows.size(); r++) {
            sheet.append("<row r=\"").append(r + 1).append("\">");
            String[] cells = rows.get(r).split(";", -1);
            for (int c = 0; c < cells.length; c++) {
                String ref = (char) ('A' + c % 26) + "" + (r + 1);
                if (c >= 26) {
                    ref = "A" + (char) ('A' + c - 26) + (r + 1);
                }
                if (cells[c].matches("[0-9]{1,5}")) {
                    sheet.append("<c r=\"")
                            .append(ref)
                            .append("\"><v>")
                            .append(cells[c])
                            .append("</v></c>");
                } else {
                    strings.add(cells[c]);
                    sheet.append("<c r=\"")
                            .append(ref)
                            .append("\" t=\"s\"><v>")
                            .append(strings.size() - 1)
                            .append("</v></c>");
                }
            }
            sheet.append("</row>");
        }
        sheet.append("</sheetData></worksheet>");
        StringBuilder shared = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst"
                + " xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        for (String value : strings) {
            shared.append("<si><t>")
                    .append(value.replace("&", "&amp;").replace("<", "&lt;"))
                    .append("</t></si>");
        }
        shared.append("</sst>");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/sharedStrings.xml"));
            zip.write(shared.toString().getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(sheet.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void allOrNothingChangesNothingWhenARowIsRefused() throws SQLException {
        String admin = login("admin-7471");
        String p = prefix();
        int serial = SERIALS.getAndAdd(10);
        String bad = row(
                p + "B",
                "01",
                "74.71.01.1005",
                "Jl.",
                "7471011203000001",
                nik("120380", serial + 7),
                "X",
                "31-02-1980",
                "L",
                "Kepala Keluarga",
                "X",
                "Hidup");
        Map<String, Object> job =
                importAndWait(admin, "c.csv", csv(family(p + "A", serial + 3, "Jl. A"), bad), "?mode=all-or-nothing");
        assertThat(job).containsEntry("status", "REJECTED").containsEntry("rowsRejected", 1);
        assertThat(memberCount(p)).isZero();
    }

    @Test
    void windows1252WithBomCrlfAndQuotedNewlinesIsRead() throws SQLException {
        String admin = login("admin-7471");
        String p = prefix();
        int serial = SERIALS.getAndAdd(10);
        String text = HEADER.replace(';', ',') + "\r\n"
                + family(p + "A", serial, "\"Jl. Kenanga,\r\nLorong \"\"Melati\"\"\"")
                        .replace(';', ',')
                        .replace("LA ODE RAHMAN", "LA ODÉ RAHMAN")
                        .replace("\n" + p, "\r\n" + p)
                + "\r\n" + p + "Z,\"unterminated,quote\"oops,x\r\n";
        byte[] bytes = text.getBytes(Charset.forName("windows-1252"));
        Map<String, Object> job = importAndWait(admin, "win.csv", bytes, "");
        assertThat(job).containsEntry("status", "SUCCEEDED").containsEntry("membersCreated", 3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) job.get("errors");
        assertThat(errors).extracting(e -> e.get("line") + ":" + e.get("code")).contains("8:unescaped_quote");
        assertThat(names(p)).contains("LA ODÉ RAHMAN");
    }

    @Test
    void filesUnreadableAsAWholeAreRefusedWith400() {
        String admin = login("admin-7471");
        assertProblem(postFile(IMPORTS, admin, "empty.csv", new byte[0]), 400, "empty_file");
        assertProblem(
                postFile(IMPORTS, admin, "only-header.csv", (HEADER + "\r\n").getBytes(StandardCharsets.UTF_8)),
                400,
                "no_rows");
        assertProblem(
                postFile(IMPORTS, admin, "header.csv", "nama;alamat\nX;Y\n".getBytes(StandardCharsets.UTF_8)),
                400,
                "wrong_header");
        assertProblem(
                postFile(IMPORTS, admin, "tabs.csv", HEADER.replace(';', ':').getBytes(StandardCharsets.UTF_8)),
                400,
                "wrong_header");
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        garbage[10] = 0;
        assertProblem(postFile(IMPORTS, admin, "garbage.csv", garbage), 400, "binary_file");
        assertProblem(postFile(IMPORTS, admin, "book.xlsx", new byte[] {'P', 'K', 3, 4, 0, 0}), 400, "not_a_workbook");
    }

    @Test
    void anotherTenantsImportIsNotFound() {
        String admin = login("admin-7471");
        var response = postFile(IMPORTS, admin, "a.csv", csv(family(prefix() + "A", SERIALS.getAndAdd(10), "Jl. X")));
        String id = (String) object(response).get("id");
        assertProblem(get("/api/v1/tenants/7401/imports/" + id, admin), 404, "tenant_not_found");
        assertProblem(get("/api/v1/tenants/7401/imports/" + id, login("admin-7401")), 404, "import_not_found");
        assertProblem(get(IMPORTS + "/" + id, login("admin-7401")), 404, "tenant_not_found");
    }

    private static long memberCount(String prefix) throws SQLException {
        try (Connection owner = TestDatabase.get().ownerConnection();
                PreparedStatement query = owner.prepareStatement(
                        "SELECT count(*) FROM member WHERE tenant_id = '7471' AND source_key LIKE ?")) {
            query.setString(1, prefix + "%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static List<String> names(String prefix) throws SQLException {
        return strings("SELECT full_name FROM member WHERE tenant_id = '7471' AND source_key LIKE ?", prefix + "%");
    }

    private static List<String> history(String prefix) throws SQLException {
        return strings(
                "SELECT c.entity || ':' || c.kind || ':' || c.fields::text FROM registry_change c"
                        + " LEFT JOIN household h ON h.tenant_id = c.tenant_id AND h.id = c.entity_id"
                        + " LEFT JOIN member m ON m.tenant_id = c.tenant_id AND m.id = c.entity_id"
                        + " WHERE c.tenant_id = '7471' AND (h.iddtks LIKE ? OR m.source_key LIKE ?)",
                prefix + "%",
                prefix + "%");
    }

    /** The first column of a query run with the owner's rights (the test inspects the database itself). */
    private static List<String> strings(String sql, String... parameters) throws SQLException {
        try (Connection owner = TestDatabase.get().ownerConnection();
                PreparedStatement query = owner.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            List<String> values = new java.util.ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
