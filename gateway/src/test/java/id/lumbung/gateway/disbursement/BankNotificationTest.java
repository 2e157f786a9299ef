package id.lumbung.gateway.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.testing.Eventually;
import id.lumbung.gateway.ApiTest;
import id.lumbung.simulators.bank.BankFaults;
import id.lumbung.simulators.bank.BankSimulator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The banks' signed notifications: applied once however often they come, refused unsigned or stale. */
@MicronautTest(transactional = false)
class BankNotificationTest extends ApiTest {
    private static final String PATH = "/api/v1/partners/banks/BNI/notifications";

    @Inject
    BankSimulator bank;

    @Inject
    TenantTransactions transactions;

    @AfterEach
    void noFaults() {
        bank.faults(BankFaults.NONE);
    }

    @Test
    void theSameNotification100TimesOf20AtOnceChangesTheStatusOnce() throws Exception {
        String admin = login("admin-7471");
        Map<String, Object> payment = inProgress(admin, "1234500001");
        String reference = (String) payment.get("partnerReferenceNo");
        BankSimulator.Notification notification = bank.notification(PATH, reference, "00", "EXT-" + reference);

        ExecutorService twenty = Executors.newFixedThreadPool(20);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                answers.add(twenty.submit((Callable<Integer>) () -> deliver(notification)));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            twenty.shutdownNow();
        }

        Map<String, Object> paid = object(get("/api/v1/tenants/7471/disbursements/" + payment.get("id"), admin));
        assertThat(paid).containsEntry("status", "SUCCEEDED").containsEntry("statusSource", "BANK_NOTIFICATION");
        assertThat(count("SELECT count(*) FROM bank_notification WHERE partner_reference_no = ?", reference))
                .as("kept once")
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM bank_notification WHERE partner_reference_no = ? AND applied", reference))
                .as("one state change")
                .isEqualTo(1);

        // A late "pending" notification (another id) is acknowledged and changes nothing.
        assertThat(deliver(bank.notification(PATH, reference, "03", "EXT-LATE-" + reference)))
                .isEqualTo(200);
        assertThat(object(get("/api/v1/tenants/7471/disbursements/" + payment.get("id"), admin)))
                .containsEntry("status", "SUCCEEDED");
    }

    @Test
    void aTamperedOrStaleNotificationIsRefusedAndChangesNothing() throws Exception {
        String admin = login("admin-7471");
        Map<String, Object> payment = inProgress(admin, "1234500002");
        String reference = (String) payment.get("partnerReferenceNo");

        BankSimulator.Notification genuine = bank.notification(PATH, reference, "06", "EXT-T-" + reference);
        BankSimulator.Notification tampered =
                new BankSimulator.Notification(PATH, genuine.body().replace("\"06\"", "\"00\""), genuine.headers());
        assertThat(deliver(tampered)).isEqualTo(401);

        BankSimulator.Notification stale = bank.notification(
                PATH, reference, "00", "EXT-S-" + reference, ZonedDateTime.now().minusMinutes(10));
        assertThat(deliver(stale)).isEqualTo(401);

        BankSimulator.Notification otherBank = new BankSimulator.Notification(
                "/api/v1/partners/banks/XYZ/notifications", genuine.body(), genuine.headers());
        assertThat(deliver(otherBank)).isEqualTo(404);

        assertThat(object(get("/api/v1/tenants/7471/disbursements/" + payment.get("id"), admin)))
                .containsEntry("status", "IN_PROGRESS");
        assertThat(count("SELECT count(*) FROM bank_notification WHERE partner_reference_no = ?", reference))
                .isZero();
    }

    @Test
    void anotherTenantsPaymentIsNotFoundAndAMalformedBatchIsRefusedWhole() {
        String kendari = login("admin-7471");
        Map<String, Object> payment = inProgress(kendari, "1234500003");
        assertProblem(
                get("/api/v1/tenants/7471/disbursements/" + payment.get("id"), login("admin-7401")),
                404,
                "tenant_not_found");
        assertProblem(
                get("/api/v1/tenants/7401/disbursements/" + payment.get("id"), login("admin-7401")),
                404,
                "disbursement_not_found");
        assertProblem(
                postJson(
                        "/api/v1/tenants/7471/disbursements",
                        kendari,
                        "{\"payments\":[" + payment("1234500004", "1000") + "," + payment("12AB", "1000") + "]}"),
                422,
                "invalid_account");
        assertThat(get("/api/v1/tenants/7471/disbursements", kendari).body()).doesNotContain("1234500004");
        assertProblem(
                postJson(
                        "/api/v1/tenants/7471/disbursements",
                        kendari,
                        "{\"payments\":[" + payment("1234500005", "1000").replace("\"BNI\"", "\"XYZ\"") + "]}"),
                422,
                "unknown_bank");
    }

    @Test
    void aResultFileIsHeldAgainstThePaymentsAndAFileWhoseTrailerDisagreesIsRefused() {
        String admin = login("admin-7471");
        var asked = postJson(
                "/api/v1/tenants/7471/disbursements",
                admin,
                "{\"payments\":[" + payment("1234500011", "100000") + "," + payment("1234500012", "200000") + ","
                        + payment("1234500013", "300000") + "," + payment("1234500014", "400000") + "]}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        List<String> references = new ArrayList<>();
        for (Map<String, Object> payment : array(asked)) {
            references.add((String) payment.get("partnerReferenceNo"));
            Eventually.await(
                    Duration.ofSeconds(30),
                    () -> object(get("/api/v1/tenants/7471/disbursements/" + payment.get("id"), admin)),
                    current -> "SUCCEEDED".equals(current.get("status")));
        }
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Jakarta"))
                .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        String rows = "D|" + references.get(0) + "|1234500011|100000.00|00|B1\n"
                + "D|" + references.get(1) + "|1234500012|250000.00|00|B2\n"
                + "D|" + references.get(2) + "|1234500013|300000.00|06|B3\n"
                + "D|" + references.get(0) + "|1234500011|100000.00|00|B1\n"
                + "D|LBGNOSUCHREFERENCE|9999999999|50000.00|00|B9\n";
        String file = "H|BNI|" + today + "|5|800000.00\n" + rows + "T|5|800000.00\n";

        var report = postFile(
                "/api/v1/tenants/7471/disbursements/reconciliations?bank=BNI",
                admin,
                "hasil.txt",
                file.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        Map<String, Object> reconciliation = object(report);
        assertThat(reconciliation).containsEntry("rows", 5).containsEntry("matched", 1);
        String issues = reconciliation.get("issues").toString();
        assertThat(issues)
                .contains("line=3, code=amount_mismatch, partnerReferenceNo=" + references.get(1))
                .contains("line=4, code=status_mismatch, partnerReferenceNo=" + references.get(2))
                .contains("line=5, code=duplicate_row, partnerReferenceNo=" + references.get(0))
                .contains("line=6, code=extra, partnerReferenceNo=LBGNOSUCHREFERENCE")
                .contains("code=missing, partnerReferenceNo=" + references.get(3));

        String truncated = "H|BNI|" + today + "|5|800000.00\n" + rows + "T|4|700000.00\n";
        assertProblem(
                postFile(
                        "/api/v1/tenants/7471/disbursements/reconciliations?bank=BNI",
                        admin,
                        "hasil.txt",
                        truncated.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                400,
                "reconciliation_file_refused");
    }

    /** A payment the bank answered "in progress" (it settles by notification). */
    private Map<String, Object> inProgress(String token, String account) {
        bank.notificationUrl(null);
        bank.faults(BankFaults.NONE.withInProgress(true));
        var asked = postJson(
                "/api/v1/tenants/7471/disbursements", token, "{\"payments\":[" + payment(account, "300000") + "]}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        String id = (String) array(asked).get(0).get("id");
        return Eventually.await(
                Duration.ofSeconds(30),
                () -> object(get("/api/v1/tenants/7471/disbursements/" + id, token)),
                current -> "IN_PROGRESS".equals(current.get("status")));
    }

    private static String payment(String account, String amount) {
        return "{\"bankCode\":\"BNI\",\"programme\":\"PKH\",\"period\":\"2026-11\",\"accountNo\":\"" + account
                + "\",\"beneficiaryName\":\"WA ODE SITTI\",\"amount\":" + amount + "}";
    }

    private int deliver(BankSimulator.Notification notification) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.getPort() + notification.path()))
                .POST(HttpRequest.BodyPublishers.ofString(notification.body()));
        notification.headers().forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private long count(String sql, String reference) {
        return transactions.acrossAllTenants(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setString(1, reference);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }
}
