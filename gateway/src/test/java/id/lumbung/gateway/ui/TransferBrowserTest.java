package id.lumbung.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Banjarmasin (63.71) sends the family of Ahmad to Banjarbaru (63.72) from the family's page;
 * Banjarbaru does not find it and refuses, saying why — Ahmad's family is registered in
 * Banjarmasin again — then accepts the second move: it is registered in Banjarbaru.
 */
@MicronautTest(transactional = false)
class TransferBrowserTest extends BrowserTest {
    private static final String HEAD = "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;"
            + "tanggal_lahir;jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n";

    @Test
    void aFamilyIsSentRefusedAndSentAgainInTheBrowser() {
        String banjarmasin = regencyOfItsOwn("63.71", "b-admin-6371");
        regencyOfItsOwn("63.72", "b-admin-6372");
        importFile(
                "6371",
                banjarmasin,
                "banjarmasin.csv",
                HEAD
                        + "BJM1;BJM1-1;63.71.01.1001;Jl. Mantuil;1;1;6371010101100001;6371011506800001;AHMAD;"
                        + "BANJARMASIN;15-06-1980;L;Kepala Keluarga;SITI;2\n"
                        + "BJM1;BJM1-2;63.71.01.1001;Jl. Mantuil;1;1;6371010101100001;6371014707850002;RAHMAH;"
                        + "BANJARMASIN;07-07-1985;P;Istri;ASNAH;2\n");
        String household = (String) array(get("/api/v1/tenants/6371/households", banjarmasin))
                .get(0)
                .get("id");

        logIn("b-admin-6371");
        send(household, "SKPWNI 6371/2026/0001");
        assertThat(browser.text("#outgoing")).contains("AHMAD (2 jiwa)", "Keluar ke KOTA BANJARBARU");
        browser.open(url("/ui/tenants/6371/keluarga/" + household));
        assertThat(browser.text("#household")).contains("Keluar");
        assertThat(browser.text("#transfer-waiting")).contains("Menunggu verifikasi tujuan");
        assertThat(browser.pageSource()).doesNotContain("id=\"transfer\"");

        logIn("b-admin-6372");
        browser.click("#tenant-6372 a[href='/ui/tenants/6372/pindahan']");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("h1"), h1 -> h1.startsWith("Pindahan keluarga"));
        assertThat(browser.text("#incoming")).contains("AHMAD (2 jiwa)", "Masuk dari KOTA BANJARMASIN");
        browser.click("#incoming a");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("#household"), t -> t.contains("menunggu"));
        assertThat(browser.text("#members")).contains("AHMAD", "RAHMAH", "************0001");
        browser.open(url("/ui/tenants/6372/pindahan"));
        browser.type("#incoming input[name='catatan'][required]", "Tidak ditemukan di alamat tujuan");
        browser.click("#incoming button.refuse");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("#transfers"), t -> t.contains("Ditolak tujuan"));
        assertThat(browser.text("#no-incoming")).contains("Tidak ada");

        logIn("b-admin-6371");
        browser.open(url("/ui/tenants/6371/keluarga/" + household));
        assertThat(browser.text("#household")).contains("Aktif");
        send(household, "SKPWNI 6371/2026/0002");

        logIn("b-admin-6372");
        browser.open(url("/ui/tenants/6372/pindahan"));
        browser.click("#incoming button.accept");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("#transfers"), t -> t.contains("Diterima"));
        assertThat(array(get("/api/v1/tenants/6372/households", login("b-admin-6372"))))
                .extracting(h -> h.get("headName"))
                .contains("AHMAD");
    }

    private void send(String household, String reason) {
        browser.open(url("/ui/tenants/6371/keluarga/" + household));
        browser.click("#destination option[value='6372']");
        browser.type("#destination-village", "63.72.02.1003");
        browser.type("#destination-address", "Jl. A. Yani Km 33");
        browser.type("#transfer-reason", reason);
        browser.click("#transfer-button");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("h1"), h1 -> h1.startsWith("Pindahan keluarga"));
    }
}
