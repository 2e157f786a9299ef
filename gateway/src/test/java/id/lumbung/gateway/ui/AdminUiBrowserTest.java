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

    private String url(String path) {
        return "http://localhost:" + server.getPort() + path;
    }
}
