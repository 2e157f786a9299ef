package id.lumbung.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every role, in a real Chromium, follows every link of its pages from the list of regencies, two
 * clicks deep: each page it is offered opens as a page in Bahasa Indonesia — never a refusal, an
 * error page or a problem JSON — and each download it is offered answers.
 */
@MicronautTest(transactional = false)
class EveryPageBrowserTest extends BrowserTest {
    private static final int MOST_PAGES = 45;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "admin",
                "prov-74",
                "admin-7471",
                "verifikator-7471",
                "walikota-7471",
                "operator-7471",
                "pendamping-7471",
                "auditor-7471",
                "dpo-7471"
            })
    void everyLinkARoleIsOfferedOpensAPageItMayUse(String username) {
        if (username.startsWith("auditor") || username.startsWith("dpo")) {
            String role = username.startsWith("auditor") ? "AUDITOR" : "DPO";
            var created = postJson(
                    "/api/v1/tenants/7471/users",
                    login("admin-7471"),
                    "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"" + role
                            + "\"]}");
            assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
        }
        logIn(username);
        Set<String> seen = new LinkedHashSet<>();
        Deque<String[]> next = new ArrayDeque<>();
        next.add(new String[] {"/ui/tenants", "0"});
        List<String> broken = new ArrayList<>();
        while (!next.isEmpty() && seen.size() < MOST_PAGES) {
            String[] at = next.poll();
            String path = at[0];
            if (!seen.add(path)) {
                continue;
            }
            browser.open(url(path));
            String source = browser.pageSource();
            if (source.contains("urn:lumbung:problem") || source.contains("id=\"error-heading\"")) {
                broken.add(path + " → " + (source.contains("error-message") ? browser.text("#error-message") : "JSON"));
                continue;
            }
            if (!source.contains("lang=\"id\"")) {
                broken.add(path + " → not a page in Bahasa Indonesia");
            }
            int depth = Integer.parseInt(at[1]);
            @SuppressWarnings("unchecked")
            List<String> links = (List<String>) browser.script(
                    "return Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))");
            for (String link : links) {
                String href = link.contains("#") ? link.substring(0, link.indexOf('#')) : link;
                if (!href.startsWith("/ui") || seen.contains(href)) {
                    continue;
                }
                if (href.matches(".*\\.(xlsx|csv|pdf)(\\?.*)?$")) {
                    int status = download(href, username);
                    if (status != 200) {
                        broken.add(href + " → " + status);
                    }
                    seen.add(href);
                } else if (depth < 2) {
                    next.add(new String[] {href, Integer.toString(depth + 1)});
                }
            }
        }
        assertThat(broken)
                .as("pages %s was offered that do not work for it (of %s)", username, seen)
                .isEmpty();
        assertThat(seen).as("pages walked").hasSizeGreaterThan(1);
    }

    @org.junit.jupiter.api.Test
    void anAddressARoleMayNotOpenAnswersAPageInIndonesianNotJson() {
        logIn("admin-7471");
        for (String path : List.of("/ui/tenants/7371/keluarga", "/ui/provinsi/72", "/ui/tidak-ada")) {
            browser.open(url(path));
            assertThat(browser.text("#error-heading")).as(path).isEqualTo("Tidak ditemukan");
            assertThat(browser.pageSource()).as(path).doesNotContain("urn:lumbung:problem");
        }
        browser.open(url("/ui/tenants/7371/keluarga"));
        assertThat(browser.text("#error-message")).isEqualTo("Dinas Sosial ini tidak ditemukan.");
        logIn("operator-7471");
        browser.open(url("/ui/tenants/7471/impor"));
        assertThat(browser.text("#error-heading")).isEqualTo("Tidak diizinkan");
        assertThat(browser.text("#error-message"))
                .isEqualTo("Peran Anda tidak berwenang melakukan ini di Dinas Sosial ini.");
    }

    /** A download as a browser asks for it (any type), with the role's token. */
    private int download(String path, String username) {
        try {
            return http.send(
                            request(path, login(username))
                                    .setHeader("Accept", "*/*")
                                    .GET()
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
