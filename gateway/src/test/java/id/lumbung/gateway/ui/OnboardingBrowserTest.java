package id.lumbung.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The platform admin onboards Kabupaten Halmahera Tengah in the browser and passes the one-time
 * link on; its admin opens it, chooses a password, logs in and reads its checklist.
 */
@MicronautTest(transactional = false)
class OnboardingBrowserTest extends BrowserTest {

    @Test
    void aRegencyIsOnboardedItsAdminChoosesAPasswordAndFollowsTheChecklist() {
        logIn("admin");
        browser.click("#onboard");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("h1"), "Daftarkan kabupaten/kota"::equals);
        browser.click("#province option[value='82']");
        browser.click("#choose-province");
        Eventually.await(Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("provinsi=82"));
        browser.click("#regency option[value='82.02']");
        browser.type("#admin", "admin-8202");
        browser.click("#onboard-submit");
        Eventually.await(
                Duration.ofSeconds(10), () -> browser.text("h1"), h1 -> h1.contains("KABUPATEN HALMAHERA TENGAH"));
        String link = (String) browser.script("return document.getElementById('invitation-link').value");
        assertThat(link).contains("/undangan/");

        browser.open(url("/logout"));
        browser.open(link);
        assertThat(browser.text("#invitee")).isEqualTo("admin-8202");
        browser.type("#password", "kata-sandi-admin-8202");
        browser.type("#passwordAgain", "kata-sandi-admin-8202");
        browser.click("#accept");
        Eventually.await(Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("undangan=1"));
        assertThat(browser.text("#invited")).contains("Akun Anda sudah dibuat");
        browser.type("#username", "admin-8202");
        browser.type("#password", "kata-sandi-admin-8202");
        browser.click("#login-submit");
        Eventually.await(Duration.ofSeconds(10), browser::currentUrl, current -> current.endsWith("/ui/tenants"));
        browser.click("#tenant-8202 a[href='/ui/tenants/8202/persiapan']");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("h1"), h1 -> h1.startsWith("Persiapan"));
        assertThat(browser.text("tr[data-item='admin']")).contains("selesai");
        assertThat(browser.text("tr[data-item='import']")).contains("belum");

        browser.open(link);
        assertThat(browser.text("#invitation-unknown")).contains("Undangan tidak dikenal");
    }

    @Test
    void aRegencyAsksToJoinOnThePublicFormAndThePlatformApprovesIt() {
        browser.open(url("/logout"));
        browser.open(url("/gabung"));
        browser.type("#code", "82.04");
        browser.type("#contact", "Hasanuddin Ladjim");
        browser.type("#position", "Kepala Dinas Sosial");
        browser.type("#admin", "admin-8204");
        browser.click("#join-submit");
        Eventually.await(Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("terkirim=1"));
        assertThat(browser.text("#join-sent")).contains("Permohonan terkirim");

        logIn("admin");
        browser.open(url("/ui/pendaftaran?provinsi=82"));
        assertThat(browser.text("tr[data-request='82.04']")).contains("Hasanuddin Ladjim", "admin-8204", "Menunggu");
        browser.click("tr[data-request='82.04'] button.approve");
        Eventually.await(
                Duration.ofSeconds(10), () -> browser.text("h1"), h1 -> h1.contains("KABUPATEN HALMAHERA SELATAN"));
        assertThat((String) browser.script("return document.getElementById('invitation-link').value"))
                .contains("/undangan/");
    }
}
