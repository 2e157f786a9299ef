package id.lumbung.gateway.ui;

import id.lumbung.core.testing.Eventually;
import id.lumbung.gateway.ApiTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Pages in a real headless Chromium: one browser per test class, and logging in as a person does. */
abstract class BrowserTest extends ApiTest {
    protected WebDriver browser;

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

    /** Logs in and waits for the landing page, so the next navigation does not race the login's redirect. */
    protected void logIn(String username) {
        browser.open(url("/logout"));
        browser.open(url("/login"));
        browser.type("#username", username);
        browser.type("#password", PASSWORD);
        browser.click("#login-submit");
        Eventually.await(Duration.ofSeconds(10), browser::currentUrl, current -> current.endsWith("/ui/tenants"));
    }

    protected String url(String path) {
        return "http://localhost:" + server.getPort() + path;
    }
}
