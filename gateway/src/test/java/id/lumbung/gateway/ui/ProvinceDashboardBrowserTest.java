package id.lumbung.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.access.Role;
import id.lumbung.core.oversight.Figures;
import id.lumbung.core.testing.Eventually;
import id.lumbung.core.user.UserService;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Sulawesi Tenggara's admin opens its dashboard in a real Chromium, sorts, filters, and drills
 * down from the province to a regency, a district and its villages; and a first login that must
 * choose its own password does so on the login page.
 */
@MicronautTest(transactional = false)
class ProvinceDashboardBrowserTest extends BrowserTest {
    @Inject
    Figures figures;

    @Inject
    UserService users;

    @Test
    void aProvinceAdminReadsItsRegenciesAtAGlanceAndDrillsDownToAVillage() {
        String kendari = login("admin-7471");
        importFile(
                "7471",
                kendari,
                "kendari-ringkasan.csv",
                "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;"
                        + "jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n"
                        + "RKS1;RKS1-1;74.71.01.1005;Jl. Saranani;1;1;7471010101100091;7471014506800091;WA ODE RINGKAS;"
                        + "KENDARI;05-06-1980;P;Kepala Keluarga;WA ODE HASNAH;1\n");
        figures.refreshDue();
        logIn("prov-74");
        browser.click("#province-dashboard");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("h1"), h1 -> h1.contains("SULAWESI TENGGARA"));
        assertThat(browser.text("#regencies")).contains("KOTA KENDARI", "KABUPATEN KOLAKA", "belum tersedia");
        assertThat(browser.text("#monthly-report")).contains("Laporan bulanan", "Unduh");
        assertThat(browser.pageSource())
                .as("counts only")
                .doesNotContain("WA ODE RINGKAS")
                .doesNotContain("7471014506800091")
                .contains("<svg");

        browser.click("#sort-nama");
        Eventually.await(Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("urut=nama"));
        assertThat(browser.text("#sort-nama")).contains("▲");
        browser.type("#filter", "kolaka");
        browser.click("#apply-filter");
        Eventually.await(Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("cari=kolaka"));
        assertThat(browser.text("#regencies")).contains("KABUPATEN KOLAKA").doesNotContain("KOTA KENDARI");
        assertThat(browser.pageSource()).contains("/ui/provinsi/74/ringkasan.xlsx");

        browser.open(url("/ui/provinsi/74"));
        browser.click("tr[data-tenant='7471'] td a");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("h1"), "KOTA KENDARI"::equals);
        assertThat(browser.text("#areas")).contains("74.71.01");
        // Other tests may have verified Kendari's members: what the page says follows the figures.
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> kendariFigures = ((java.util.List<java.util.Map<String, Object>>)
                        object(get("/api/v1/provinces/74/figures", login("prov-74")))
                                .get("regencies"))
                .stream()
                        .filter(regency -> "7471".equals(regency.get("tenantId")))
                        .findFirst()
                        .orElseThrow();
        if (((Number) kendariFigures.get("verified")).intValue() == 0) {
            assertThat(browser.text("#confirmed"))
                    .as("Dukcapil asked about nobody: no figure, not 0 %")
                    .isEqualTo("belum diverifikasi");
        } else {
            assertThat(browser.text("#confirmed")).endsWith(" %");
        }
        browser.click("tr[data-area='74.71.01'] td a");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("h1"), h1 -> h1.contains("kecamatan"));
        assertThat(browser.text("#areas")).contains("74.71.01.1005");
        browser.click("#crumb-province");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("h1"), h1 -> h1.contains("SULAWESI TENGGARA"));
    }

    @Test
    void aProvinceAdminOpensARegencysFamiliesOnlyWithAReasonAndEndsTheAccess() {
        owner("UPDATE break_glass SET closed_at = now() WHERE closed_at IS NULL AND username = 'prov-74'");
        logIn("prov-74");
        assertThat(browser.text("#tenant-7471")).contains("Ringkasan & mutu data", "Akses data pribadi");
        assertThat(browser.text("#tenant-7471")).doesNotContain("Data keluarga");
        browser.click("#tenant-7471 a[href='/ui/tenants/7471/akses']");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("h1"), h1 -> h1.contains("Akses data pribadi"));
        // The page asks for 20 characters itself; 25 spaces pass it, and the server refuses them.
        browser.type("#reason", " ".repeat(25));
        browser.click("#open-access");
        Eventually.await(Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("galat="));
        assertThat(browser.text("#break-glass-error"))
                .isEqualTo("Tuliskan alasannya, 20 sampai 500 karakter (misalnya nomor pengaduan).");
        browser.type("#reason", "Pengaduan nomor 12/XII/2026: PKH keluarga di Kandai terhenti");
        browser.click("#open-access");
        Eventually.await(Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("/ui/tenants#"));
        assertThat(browser.text("#tenant-7471")).contains("Data keluarga");
        browser.click("#tenant-7471 a[href='/ui/tenants/7471/akses']");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("#accesses"), table -> table.contains("Berjalan"));
        assertThat(browser.text("#accesses")).contains("prov-74", "Pengaduan nomor 12/XII/2026");
        browser.click("#accesses form button");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("#accesses"), table -> table.contains("Diakhiri"));
        browser.open(url("/ui/tenants"));
        assertThat(browser.text("#tenant-7471")).doesNotContain("Data keluarga");
    }

    @Test
    void aFirstLoginChoosesItsOwnPasswordOnTheLoginPage() {
        users.createOrReset("first-login-7471", PASSWORD, Role.AUDITOR, "7471", null);
        owner("UPDATE app_user SET must_change_password = true WHERE username = 'first-login-7471'");
        browser.open(url("/logout"));
        browser.open(url("/login"));
        browser.type("#username", "first-login-7471");
        browser.type("#password", PASSWORD);
        browser.click("#login-submit");
        Eventually.await(Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("ganti=wajib"));
        assertThat(browser.text("#change-required")).contains("login pertama");
        browser.type("#username", "first-login-7471");
        browser.type("#password", PASSWORD);
        browser.type("#newPassword", "kata-sandi-baru-saya");
        browser.type("#newPasswordAgain", "kata-sandi-lain-saya");
        browser.click("#login-submit");
        Eventually.await(Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("ganti=beda"));
        assertThat(browser.text("#change-problem")).isEqualTo("Kata sandi baru dan ulangannya tidak sama.");
        browser.type("#username", "first-login-7471");
        browser.type("#password", PASSWORD);
        browser.type("#newPassword", "kata-sandi-baru-saya");
        browser.type("#newPasswordAgain", "kata-sandi-baru-saya");
        browser.click("#login-submit");
        Eventually.await(Duration.ofSeconds(10), browser::currentUrl, current -> current.endsWith("/ui/tenants"));
        assertThat(browser.text("#tenants")).contains("KOTA KENDARI");
    }
}
