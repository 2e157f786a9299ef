package id.lumbung.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every list of the API answers a page with its total and links to the pages around it: walked
 * one row at a time forward and back, no row twice, none skipped.
 */
@MicronautTest(transactional = false)
class ListPagingTest extends ApiTest {
    private static final String KENDARI = "/api/v1/tenants/7471";

    @Test
    void everyListPagesWithItsTotalForwardAndBack() {
        String admin = login("admin-7471");
        for (int i = 0; i < 3; i++) {
            assertThat(postJson(KENDARI + "/nik-checks", admin, "{\"nik\":\"7471011205850001\"}")
                            .statusCode())
                    .isEqualTo(202);
            assertThat(postFile(
                                    KENDARI + "/imports",
                                    admin,
                                    "p" + i + ".csv",
                                    ("iddtks;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;"
                                                    + "jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n"
                                                    + "PG" + i + ";74.71.01.1006;Jl. Halaman;1;1;747101010199007" + i
                                                    + ";747101120380097" + i + ";LA HALAMAN;KENDARI;12-03-1980;L;"
                                                    + "Kepala Keluarga;WA ODE;3\n")
                                            .getBytes(StandardCharsets.UTF_8))
                            .statusCode())
                    .isEqualTo(202);
            assertThat(postJson(KENDARI + "/verifications", admin, "{\"village\":\"74.71.01.1006\"}")
                            .statusCode())
                    .isEqualTo(202);
            assertThat(postJson(
                                    KENDARI + "/disbursements",
                                    admin,
                                    "{\"payments\":[{\"bankCode\":\"BNI\",\"programme\":\"PKH\",\"period\":\"2026-0"
                                            + (i + 1)
                                            + "\",\"accountNo\":\"123456789" + i
                                            + "\",\"beneficiaryName\":\"LA HALAMAN\",\"amount\":750000}]}")
                            .statusCode())
                    .isEqualTo(202);
        }
        for (String list : List.of("/nik-checks", "/imports", "/verifications", "/disbursements")) {
            walk(admin, KENDARI + list);
        }
        // Lists that may be empty here still say so.
        for (String list : List.of("/dead-letters", "/ministry/exchanges", "/students/pulls")) {
            var page = get(KENDARI + list + "?size=1", admin);
            assertThat(page.statusCode()).as(list).isEqualTo(200);
            assertThat(page.headers().firstValue("X-Total-Count")).as(list).isPresent();
        }
        // A page's cursor made up by hand: refused, on the pages too, never a server error.
        for (String page : List.of(
                "/ui/tenants/7471/penyaluran?setelah=xyz",
                "/ui/tenants/7471/impor?sebelum=%25%25",
                "/ui/tenants/7471/verifikasi?setelah=bm90LW91cnM",
                "/ui/tenants/7471/sinkron?setelah=bm90LW91cnM",
                "/ui/tenants/7471/sinkron?run=not-a-run",
                "/ui/tenants/7471/sinkron?run=3f1c2b9e-0000-4000-8000-000000000001&status=semua",
                "/ui/tenants/7471/keluarga?desa=74.71.01.1006&setelah=xyz")) {
            assertThat(get(page, admin, "Accept", "text/html").statusCode())
                    .as(page)
                    .isBetween(200, 499);
        }
        assertProblem(get(KENDARI + "/imports?size=0", admin), 400, "invalid_page");
        // Two parts as ours have, but not a time and an id.
        String forged = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("kemarin\u001f' OR 1=1 --".getBytes(StandardCharsets.UTF_8));
        for (String list : List.of(
                "/imports", "/nik-checks", "/verifications", "/civil-syncs", "/disbursements", "/dead-letters")) {
            assertProblem(get(KENDARI + list + "?after=" + forged, admin), 400, "invalid_page");
        }
        assertProblem(get(KENDARI + "/households?before=" + forged, admin), 400, "invalid_page");
        assertProblem(get(KENDARI + "/imports?after=x&before=y", admin), 400, "invalid_page");
    }

    /** One row a page to the end and back again: each row once, the same rows both ways, the total right. */
    private void walk(String token, String list) {
        List<Object> forward = new ArrayList<>();
        HttpResponse<String> page = get(list + "?size=1", token);
        int total = Integer.parseInt(page.headers().firstValue("X-Total-Count").orElseThrow());
        assertThat(total).as(list).isGreaterThanOrEqualTo(3);
        HttpResponse<String> last = page;
        while (true) {
            List<Map<String, Object>> rows = array(page);
            assertThat(rows).as(list).hasSize(1);
            forward.add(rows.get(0).get("id"));
            last = page;
            String next = link(page, "next");
            if (next == null || forward.size() > 20) {
                break;
            }
            page = get(next, token);
        }
        List<Object> backward = new ArrayList<>();
        page = last;
        backward.add(array(page).get(0).get("id"));
        for (String previous = link(page, "prev"); previous != null && backward.size() <= 20; ) {
            page = get(previous, token);
            backward.add(0, array(page).get(0).get("id"));
            previous = link(page, "prev");
        }
        assertThat(forward).as(list).doesNotHaveDuplicates();
        assertThat(backward).as(list).isEqualTo(forward);
        if (total <= 20) {
            assertThat(forward).as(list).hasSize(total);
        }
    }

    private static String link(HttpResponse<String> response, String rel) {
        String header = response.headers().firstValue("Link").orElse("");
        for (String part : header.split(",\\s*")) {
            if (part.contains("rel=\"" + rel + "\"")) {
                return part.substring(part.indexOf('<') + 1, part.indexOf('>'));
            }
        }
        return null;
    }
}
