package id.lumbung.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Kabupaten Banjar's admin (63.03) enters its Dukcapil credentials on its checklist page and
 * tries them: a mistyped password is refused, the right one accepted — the checklist says so,
 * and the password is never on the page.
 */
@MicronautTest(transactional = false)
class CredentialBrowserTest extends BrowserTest {

    @Test
    void aRegencysAdminEntersAndTriesItsDukcapilCredentials() {
        regencyOfItsOwn("63.03", "c-admin-6303");
        logIn("c-admin-6303");
        browser.click("#tenant-6303 a[href='/ui/tenants/6303/persiapan']");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("h1"), h1 -> h1.startsWith("Persiapan"));
        assertThat(browser.text("tr[data-item='dukcapil']")).contains("belum diisi");

        enter("dinsos-6303-salah");
        browser.click("#try-credentials");
        Eventually.await(
                Duration.ofSeconds(30),
                () -> {
                    browser.open(url("/ui/tenants/6303/persiapan"));
                    return browser.text("#credential-state");
                },
                state -> state.contains("Ditolak Dukcapil"));
        assertThat(browser.text("tr[data-item='dukcapil']")).contains("belum", "ditolak");

        enter("dinsos-6303-secret");
        assertThat(browser.text("#credential-state")).contains("Belum dicoba", "di******");
        browser.click("#try-credentials");
        Eventually.await(
                Duration.ofSeconds(30),
                () -> {
                    browser.open(url("/ui/tenants/6303/persiapan"));
                    return browser.text("#credential-state");
                },
                state -> state.contains("Diterima Dukcapil"));
        assertThat(browser.text("tr[data-item='dukcapil']")).contains("selesai");
        assertThat(browser.pageSource()).doesNotContain("dinsos-6303-secret").doesNotContain("dinsos-6303");
    }

    private void enter(String password) {
        browser.type("#dukcapil-user", "dinsos-6303");
        browser.type("#dukcapil-password", password);
        browser.click("#save-credentials");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("#credential-state"), s -> s.contains("Tersimpan"));
    }
}
