package id.lumbung.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin UI in a real headless Chromium. */
@MicronautTest(transactional = false)
class AdminUiBrowserTest extends ApiTest {
    private WebDriver browser;

    @BeforeAll
    void startBrowser() throws Exception {
        browser = new WebDriver(json);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aProvinceAdminLogsInAndSeesTheTenantsOfSulawesiTenggara() {
        browser.open(url("/logout"));
        browser.open(url("/ui/tenants"));
        assertThat(browser.currentUrl())
                .as("an anonymous visitor is sent to the login page")
                .endsWith("/login");
        assertThat(browser.title()).isEqualTo("Masuk · Lumbung");

        browser.type("#username", "prov-74");
        browser.type("#password", PASSWORD);
        browser.click("#login-submit");

        assertThat(browser.text("h1")).isEqualTo("Dinas Sosial Kabupaten/Kota");
        assertThat(browser.text("#tenants")).contains("KOTA KENDARI", "KABUPATEN KOLAKA");
    }

    @Test
    void aWrongPasswordShowsAnErrorInIndonesian() {
        browser.open(url("/logout"));
        browser.open(url("/login"));
        browser.type("#username", "admin-7471");
        browser.type("#password", "salah-sekali-123");
        browser.click("#login-submit");

        assertThat(browser.text("#login-error")).isEqualTo("Nama pengguna atau kata sandi salah.");
    }

    @Test
    void aTenantAdminUploadsAFileAndWatchesItFinish() throws Exception {
        browser.open(url("/logout"));
        browser.open(url("/login"));
        browser.type("#username", "admin-7471");
        browser.type("#password", PASSWORD);
        browser.click("#login-submit");
        browser.open(url("/ui/tenants/7471/impor"));
        assertThat(browser.text("h1")).isEqualTo("Impor Data DTKS");

        java.nio.file.Path file = java.nio.file.Files.createTempFile("dtks", ".csv");
        java.nio.file.Files.writeString(
                file,
                "iddtks;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;jenis_kelamin;"
                        + "hubungan_keluarga;nama_ibu_kandung;desil\n"
                        + "UI1;74.71.01.1005;Jl. Layar;1;1;7471010101990077;7471011203800977;LA ODE LAYAR;KENDARI;"
                        + "12-03-1980;L;Kepala Keluarga;WA ODE;3\n"
                        + "UI1;74.71.01.1005;Jl. Layar;1;1;7471010101990077;123;WA ODE SALAH;KENDARI;"
                        + "12-03-1985;P;Istri;WA ODE;3\n");
        browser.type("#file", file.toString());
        browser.click("#upload");

        String status = id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(20), () -> browser.text("#imports tbody tr .status"), "Selesai"::equals);
        assertThat(status).isEqualTo("Selesai");
        assertThat(browser.text("#imports tbody tr .accepted")).isEqualTo("1");
        assertThat(browser.text("#imports tbody tr .rejected")).isEqualTo("1");
        java.nio.file.Files.deleteIfExists(file);
    }

    private String url(String path) {
        return "http://localhost:" + server.getPort() + path;
    }
}
