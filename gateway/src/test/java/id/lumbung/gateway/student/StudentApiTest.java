package id.lumbung.gateway.student;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The education office's Dapodik file, and a PIP/KIP check by NIK or NISN. */
@MicronautTest(transactional = false)
class StudentApiTest extends ApiTest {

    @Override
    protected Map<String, String> extraProperties() {
        return with(KENDARI_SCHOOL);
    }

    @Test
    void aTenantPullsItsSchoolsFromDapodikAndFollowsThePullAndNoOtherTenantSeesIt() {
        String admin = login("admin-7471");
        assertThat(array(get("/api/v1/tenants/7471/students/schools", admin)))
                .singleElement()
                .satisfies(school -> assertThat(school).containsEntry("npsn", "40201001"));

        var started = postJson("/api/v1/tenants/7471/students/pulls", admin, "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        Map<String, Object> pull = array(started).get(0);
        assertThat(pull).containsEntry("npsn", "40201001").containsEntry("status", "QUEUED");
        String path = "/api/v1/tenants/7471/students/pulls/" + pull.get("id");
        Map<String, Object> done = Eventually.await(
                Duration.ofSeconds(30), () -> object(get(path, admin)), found -> "DONE".equals(found.get("status")));
        assertThat(done).containsEntry("students", 240).containsEntry("rejected", 0);
        assertThat(array(get("/api/v1/tenants/7471/students/pulls", admin)))
                .extracting(found -> found.get("id"))
                .contains(pull.get("id"));

        String kolaka = login("admin-7401");
        assertThat(get(path, kolaka).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/tenants/7401/students/pulls/" + pull.get("id"), kolaka)
                        .statusCode())
                .isEqualTo(404);
        assertThat(postJson("/api/v1/tenants/7471/students/pulls", kolaka, "{}").statusCode())
                .isEqualTo(404);
        assertProblem(postJson("/api/v1/tenants/7401/students/pulls", kolaka, "{}"), 422, "no_schools");
        assertProblem(
                postJson("/api/v1/tenants/7471/students/pulls", admin, "{\"npsn\":[\"40209999\"]}"),
                422,
                "unknown_school");
    }

    @Test
    void aDapodikFileIsImportedOnceWithBadRowsByLineAndAStudentIsFoundWithHisRegistryFamily() {
        String admin = login("admin-7471");
        // A family with a school child in the registry.
        String family = "iddtks;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;"
                + "jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n"
                + "STU1;74.71.01.1009;Jl. Sekolah 1;1;1;7471010909090001;7471011010800001;LA ODE GURU;KENDARI;"
                + "10-10-1980;L;Kepala Keluarga;WA ODE;2\n"
                + "STU1;74.71.01.1009;Jl. Sekolah 1;1;1;7471010909090001;7471011303120002;LA ODE MURID;KENDARI;"
                + "13-03-2012;L;Anak;WA ODE ANI;2\n";
        importFile("7471", admin, "keluarga.csv", family);

        String dapodik = "NISN;NIK;Nama;Jenis Kelamin;Tanggal Lahir;NPSN;Nama Sekolah;Nama Rombel;Semester ID\n"
                + "0123456789;7471011303120002;LA ODE MURID;L;2012-03-13;40403001;SD NEGERI 1 KENDARI;Kelas 6A;20261\n"
                + "0123456780;;WA ODE TANPA NIK;P;01-01-2013;40403001;SD NEGERI 1 KENDARI;Kelas 5B;20261\n"
                + "12345;7471011303120003;NISN PENDEK;L;2012-03-13;40403001;SD NEGERI 1 KENDARI;Kelas 6A;20261\n"
                + "0123456781;7471011399120003;TANGGAL SALAH;L;2012-03-13;40403001;SD NEGERI 1 KENDARI;Kelas 6A;20261\n"
                + "0123456789;7471011303120002;LA ODE MURID;L;2012-03-13;40403001;SD NEGERI 1 KENDARI;Kelas 6A;20261\n";
        Map<String, Object> first = importStudents(admin, dapodik);
        assertThat(first).containsEntry("rows", 5).containsEntry("changed", 2).containsEntry("rejected", 3);
        assertThat(first.get("issues").toString())
                .contains("line=4, column=nisn, code=invalid_nisn")
                .contains("line=5, column=nik, code=nik_invalid_birth_month")
                .contains("line=6, column=nisn, code=duplicate_row")
                .doesNotContain("7471011303120002");

        assertThat(importStudents(admin, dapodik))
                .as("the same file again changes nothing")
                .containsEntry("changed", 0)
                .containsEntry("unchanged", 2);

        List<Map<String, Object>> found =
                array(postJson("/api/v1/tenants/7471/students/search", admin, "{\"nik\":\"7471011303120002\"}"));
        assertThat(found).singleElement().satisfies(student -> {
            assertThat(student).containsEntry("nisn", "0123456789").containsEntry("nikMasked", "************0002");
            assertThat(student).containsEntry("schoolName", "SD NEGERI 1 KENDARI");
            assertThat(student.get("householdId"))
                    .as("his family in the registry")
                    .isNotNull();
        });
        assertThat(array(postJson("/api/v1/tenants/7471/students/search", admin, "{\"nisn\":\"0123456780\"}")))
                .singleElement()
                .satisfies(student -> assertThat(student.get("householdId")).isNull());
        assertThat(array(postJson(
                        "/api/v1/tenants/7401/students/search", login("admin-7401"), "{\"nisn\":\"0123456789\"}")))
                .as("another tenant's students are not found")
                .isEmpty();
        assertProblem(postJson("/api/v1/tenants/7471/students/search", admin, "{}"), 422, "search_needs_nik_or_nisn");

        var wrongHeader = postFile(
                "/api/v1/tenants/7471/students/imports",
                admin,
                "dapodik.csv",
                "nama;sekolah\nA;B\n".getBytes(StandardCharsets.UTF_8));
        assertProblem(wrongHeader, 400, "wrong_header");
    }

    private Map<String, Object> importStudents(String token, String file) {
        var response = postFile(
                "/api/v1/tenants/7471/students/imports", token, "dapodik.csv", file.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return object(response);
    }
}
