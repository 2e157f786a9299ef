package id.lumbung.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The DTKS cycle in a real headless Chromium, page by page, as each official of Kendari works:
 * the village operator records a meeting and a proposal; the field worker verifies it on a
 * 360 px phone with the network switched off (DevTools protocol), and the visit lands once when
 * the network is back; the verifier verifies and makes a list; the head of office and the mayor
 * approve it and download its PDF; the list goes to the ministry.
 */
@MicronautTest(transactional = false)
class WorkflowBrowserTest extends BrowserTest {
    private static final String KANDAI = "74.71.02.1009";

    @Test
    void aProposalTravelsFromTheVillageThroughAnOfflineFieldVisitToTheMinistry() throws Exception {
        // The village operator: a meeting with its minutes, then a proposal agreed there.
        logIn("operator-7471");
        browser.open(url("/ui/tenants/7471/usulan"));
        Path minutes = Files.createTempFile("berita-acara", ".pdf");
        Files.write(minutes, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        browser.type("#m-village", KANDAI);
        browser.script(
                "document.getElementById('m-held').value = arguments[0]",
                java.time.LocalDate.now().minusDays(1).toString());
        browser.type("#m-place", "Balai Kelurahan Kandai");
        browser.type("#m-attendees", "28");
        browser.type("#m-file", minutes.toString());
        browser.click("#record-meeting");
        Eventually.await(
                Duration.ofSeconds(10), () -> browser.pageSource(), page -> page.contains("Balai Kelurahan Kandai"));
        Files.delete(minutes);
        browser.script("const s = document.getElementById('p-meeting'); s.selectedIndex = 1;");
        // Serials from 9000 are this test's (WorkflowApiTest counts up from 1).
        String nik = "747102120585" + ThreadLocalRandom.current().nextInt(9000, 10_000);
        browser.type("#p-village", KANDAI);
        browser.type("#p-head", "WA ODE NURHAYATI");
        browser.type("#p-address", "Jl. Kandai Lorong 3");
        browser.type("#p-nik", nik);
        browser.type("#p-kk", "747102040411" + nik.substring(12));
        browser.click("#create-proposal");
        Eventually.await(
                Duration.ofSeconds(10), browser::currentUrl, current -> current.matches(".*/usulan/[0-9a-f-]{36}$"));
        String proposal = browser.currentUrl().replaceAll(".*/usulan/", "");
        assertThat(browser.text("#state")).isEqualTo("Draf");
        assertThat(browser.text("#nik")).startsWith("************").doesNotContain(nik.substring(0, 12));
        browser.click("#submit-proposal");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("#state"), state -> state.equals("Diajukan"));
        assertThat(browser.text("#checks")).contains("Aturan NIK", "Sesuai", "Dukcapil");

        // The verifier takes it and sends it to the field worker of Kandai.
        logIn("verifikator-7471");
        browser.open(url("/ui/tenants/7471/usulan/" + proposal));
        browser.click("#take-proposal");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("#state"), state -> state.equals("Diperiksa"));
        browser.type("#assignee", "pendamping-7471");
        browser.click("#send-to-field");
        Eventually.await(
                Duration.ofSeconds(10), () -> browser.text("#state"), state -> state.equals("Verifikasi lapangan"));

        // The field worker, on a phone: the page and its assignments are kept on the device.
        logIn("pendamping-7471");
        browser.phone(360, 740);
        String field = url("/ui/tenants/7471/lapangan");
        browser.open(field);
        String item = "li.assignment[data-id='" + proposal + "']";
        awaitElement(item);
        assertThat(browser.scriptAsync("const done = arguments[arguments.length - 1];"
                        + " navigator.serviceWorker.ready.then(() => done(true), () => done(false));"))
                .isEqualTo(true);
        browser.open(field); // now under the service worker: page and assignments cached
        awaitElement(item);
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue())
                .as("nothing wider than the phone")
                .isLessThanOrEqualTo(360);

        browser.offline(true);
        browser.open(field);
        awaitElement(item);
        assertThat(browser.text("h1")).isEqualTo("Kunjungan lapangan");
        browser.click(item + " .open-form");
        Map<String, String> answers = Map.ofEntries(
                Map.entry("lantai", "TANAH"),
                Map.entry("dinding", "BAMBU"),
                Map.entry("atap", "SENG"),
                Map.entry("penerangan", "LISTRIK_450"),
                Map.entry("air_minum", "SUMUR_TIDAK_TERLINDUNG"),
                Map.entry("luas_lantai", "30"),
                Map.entry("penghasilan", "1500000"),
                Map.entry("persen_pangan", "70"),
                Map.entry("akses_kesehatan", "YA"),
                Map.entry("pakaian", "TIDAK"),
                Map.entry("anak_tidak_sekolah", "TIDAK"));
        answers.forEach((code, value) ->
                browser.script("document.getElementById('q-' + arguments[0]).value = arguments[1]", code, value));
        browser.type("#members", "5");
        browser.click("#save-visit");
        Eventually.await(
                Duration.ofSeconds(10),
                () -> browser.text("#queue"),
                queue -> queue.startsWith("1 kunjungan tersimpan di perangkat"));
        String token = login("verifikator-7471");
        String visits = "/api/v1/tenants/7471/proposals/" + proposal + "/visits";
        assertThat(array(get(visits, token)))
                .as("nothing reached the server while offline")
                .isEmpty();

        browser.offline(false);
        Eventually.await(Duration.ofSeconds(30), () -> array(get(visits, token)).size(), count -> count == 1);
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("#sent-list"), sent -> sent.contains("terkirim"));
        // Sent again by hand (a second tap, a flaky connection): still one visit.
        browser.script("document.getElementById('send-now').hidden = false");
        browser.click("#send-now");
        List<Map<String, Object>> recorded = array(get(visits, token));
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0))
                .containsEntry("weightsVersion", "pmt-2026.1")
                .containsEntry("visitedBy", "pendamping-7471");
        browser.phone(1280, 900);

        // The verifier verifies (the visit is there) and gathers the verified proposals in a list.
        logIn("verifikator-7471");
        browser.open(url("/ui/tenants/7471/usulan/" + proposal));
        assertThat(browser.text("#visits")).contains("pendamping-7471", "pmt-2026.1");
        browser.click("#verify-proposal");
        Eventually.await(Duration.ofSeconds(10), () -> browser.text("#state"), state -> state.equals("Terverifikasi"));
        browser.open(url("/ui/tenants/7471/persetujuan"));
        browser.type("#title", "Usulan Kandai");
        browser.click("#open-list-button");
        Eventually.await(Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("daftar="));
        String list = browser.currentUrl();
        assertThat(browser.text("#list-state")).isEqualTo("Dalam persetujuan");

        // The head of office, then the mayor, approve the whole list; the PDF names its hash.
        for (String official : List.of("admin-7471", "walikota-7471")) {
            logIn(official);
            browser.open(list);
            browser.click("#approve-list");
            Eventually.await(
                    Duration.ofSeconds(10), () -> browser.text("#decisions"), decided -> decided.contains(official));
        }
        assertThat(browser.text("#list-state")).isEqualTo("Disetujui");
        String hash = browser.text("#list-hash");
        assertThat(browser.scriptAsync("const done = arguments[arguments.length - 1];"
                        + " fetch(document.getElementById('pdf-link').href).then(r => r.arrayBuffer().then(b =>"
                        + " done(r.status + ' ' + r.headers.get('content-type') + ' ' + b.byteLength)));"))
                .asString()
                .startsWith("200 application/pdf");
        assertThat(hash).matches("[0-9a-f]{64}");

        logIn("admin-7471");
        browser.open(list);
        browser.type("#period", "2026-12");
        browser.click("#send-list");
        Eventually.await(
                Duration.ofSeconds(10),
                () -> browser.text("#list-state"),
                state -> state.equals("Dikirim ke Kemensos"));
        browser.open(url("/ui/tenants/7471/usulan/" + proposal));
        assertThat(browser.text("#state")).isEqualTo("Dikirim ke Kemensos");
        assertThat(browser.text("#history")).contains("Kunjungan lapangan", "Disetujui", "walikota-7471");
    }

    @Test
    void eachRoleSeesOnlyTheWorkflowPagesItMayUse() {
        logIn("operator-7471");
        assertThat(browser.text("#tenants")).contains("Usulan").doesNotContain("Persetujuan");
        logIn("pendamping-7471");
        assertThat(browser.text("#tenants")).contains("Kunjungan lapangan").doesNotContain("Persetujuan");
        logIn("walikota-7471");
        assertThat(browser.text("#tenants")).contains("Usulan", "Persetujuan").doesNotContain("Kunjungan lapangan");
        browser.open(url("/ui/tenants/7471/persetujuan"));
        assertThat(browser.pageSource()).doesNotContain("open-list-button");
    }

    private void awaitElement(String selector) {
        Eventually.await(
                Duration.ofSeconds(15),
                () -> browser.script("return document.querySelector(arguments[0]) !== null", selector),
                found -> Boolean.TRUE.equals(found));
    }
}
