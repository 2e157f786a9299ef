package id.lumbung.connectors.bank;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.core.connector.ConnectorControl;
import id.lumbung.core.disbursement.Disbursement;
import id.lumbung.core.disbursement.DisbursementService;
import id.lumbung.core.testing.DatabaseTest;
import id.lumbung.core.testing.Eventually;
import id.lumbung.core.testing.Tenants;
import id.lumbung.simulators.bank.BankFaults;
import id.lumbung.simulators.bank.BankSimulator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Payments through the SNAP bank simulator: paid once, whatever happens on the way. */
@MicronautTest(transactional = false)
class BankConnectorTest extends DatabaseTest {
    private static final Caller KENDARI = Caller.of("admin-7471", Role.TENANT_ADMIN, Set.of("7471"), null);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    DisbursementService disbursements;

    @Inject
    BankSimulator bank;

    @Inject
    ConnectorControl control;

    @Inject
    Tenants tenants;

    @Inject
    id.lumbung.core.database.TenantTransactions transactions;

    @Inject
    id.lumbung.core.audit.AuditLog audit;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "lumbung.simulators.enabled", "true",
                "lumbung.connectors.banks.bni.simulated", "true",
                "lumbung.connectors.banks.bni.request-timeout", "1s",
                "lumbung.connectors.banks.bni.follow-up", "1s",
                "lumbung.rate-limits.lookup-per-user", "1000000",
                "lumbung.rate-limits.lookup-per-tenant", "1000000");
    }

    @BeforeAll
    void kendariIsATenant() {
        tenants.ensure("74.71");
    }

    @AfterEach
    void noFaults() {
        bank.faults(BankFaults.NONE);
    }

    @Test
    void aPaymentIsMadeOnceAndAnInvalidAccountFailsWithoutARetry() {
        long calls = bank.transferCalls();
        List<Disbursement> asked = disbursements.submit(
                KENDARI, "7471", List.of(payment("1234567890", "150000"), payment("0001234567", "150000")));

        Disbursement paid = finished(asked.get(0));
        Disbursement refused = finished(asked.get(1));

        assertThat(paid.status()).isEqualTo("SUCCEEDED");
        assertThat(paid.bankReferenceNo()).startsWith("BNK");
        assertThat(paid.accountMasked()).isEqualTo("******7890");
        assertThat(bank.requestsFor(paid.partnerReferenceNo())).isEqualTo(1);
        assertThat(refused.status()).isEqualTo("FAILED");
        assertThat(refused.responseCode()).isEqualTo("4041811");
        assertThat(bank.transferCalls() - calls)
                .as("one call each, no retry of a refusal")
                .isEqualTo(2);
    }

    @Test
    void moneyAndTheAuditLogCommitSynchronouslyOnAServerThatDoesNot() {
        Disbursement asked = finished(disbursements
                .submit(KENDARI, "7471", List.of(payment("1234567896", "100000")))
                .get(0));

        assertThat(settingAfter(connection -> {}))
                .as("a transaction of neither")
                .isEqualTo("off");
        assertThat(settingAfter(connection -> disbursements.markResent("7471", asked.id())))
                .as("a payment's mark")
                .isEqualTo("on");
        assertThat(settingAfter(connection -> audit.record(
                        connection,
                        "7471",
                        KENDARI,
                        "DURABILITY_TEST",
                        asked.id().toString(),
                        List.of(),
                        "OK")))
                .as("an audit entry")
                .isEqualTo("on");
    }

    /**
     * {@code synchronous_commit} read back at the end of a transaction that starts as on a server
     * running with it off (the embedded one) and then does the work (joining the transaction).
     */
    private String settingAfter(Work work) {
        return transactions.inTenant("7471", connection -> {
            try (var off = connection.createStatement()) {
                off.execute("SET LOCAL synchronous_commit TO off");
            }
            work.run(connection);
            try (var read = connection.createStatement();
                    var row = read.executeQuery("SHOW synchronous_commit")) {
                row.next();
                return row.getString(1);
            }
        });
    }

    private interface Work {
        void run(java.sql.Connection connection) throws java.sql.SQLException;
    }

    @Test
    void aTransferWhoseAnswerNeverComesIsAskedForUnderTheSameReferenceAndNeverSentAgain() {
        bank.faults(BankFaults.NONE.withHangAfterTransferMs(3_000));
        long inquiries = bank.statusCalls();
        Disbursement asked = disbursements
                .submit(KENDARI, "7471", List.of(payment("1234567891", "200000")))
                .get(0);

        Disbursement paid = finished(asked);

        assertThat(paid.status()).isEqualTo("SUCCEEDED");
        assertThat(paid.statusSource()).isEqualTo("STATUS_INQUIRY");
        assertThat(bank.requestsFor(asked.partnerReferenceNo()))
                .as("the transfer reached the bank once")
                .isEqualTo(1);
        assertThat(bank.statusCalls() - inquiries).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aDuplicateReferenceIsReconciledAsAlreadyProcessedNotFailed() {
        // The bank already carried this payment out (through another channel, or an attempt whose
        // mark was lost): our transfer answers 409 "duplicate partnerReferenceNo".
        control.pause("7471", "BANK_BNI", ConnectorControl.PauseReason.OPERATOR, "test", null);
        Disbursement asked = disbursements
                .submit(KENDARI, "7471", List.of(payment("1234567892", "250000")))
                .get(0);
        bank.carriedOutElsewhere(asked.partnerReferenceNo(), "250000.00", null);
        control.resume(KENDARI, "7471", "BANK_BNI");

        Disbursement reconciled = finished(asked);

        assertThat(reconciled.status()).isEqualTo("SUCCEEDED");
        assertThat(reconciled.statusSource()).isEqualTo("STATUS_INQUIRY");
        assertThat(bank.requestsFor(asked.partnerReferenceNo())).isEqualTo(1);
    }

    @Test
    void aProcessThatDiedAfterTheCallBeforeWritingTheResultLeavesAPaymentThatIsAskedForNotPaidAgain() {
        // The state such a crash leaves: the transfer marked sent (committed before the call), the
        // bank carried it out, the answer never written, the outbox message claimed again.
        control.pause("7471", "BANK_BNI", ConnectorControl.PauseReason.OPERATOR, "test", null);
        Disbursement asked = disbursements
                .submit(KENDARI, "7471", List.of(payment("1234567893", "275000")))
                .get(0);
        // Marked with the X-EXTERNAL-ID its transfer carried; the inquiry must name that one.
        disbursements.markSent("7471", asked.id(), "1000000000000000001");
        bank.carriedOutElsewhere(asked.partnerReferenceNo(), "275000.00", "1000000000000000001");
        control.resume(KENDARI, "7471", "BANK_BNI");

        Disbursement paid = finished(asked);

        assertThat(paid.status()).isEqualTo("SUCCEEDED");
        assertThat(paid.statusSource()).isEqualTo("STATUS_INQUIRY");
        assertThat(bank.requestsFor(asked.partnerReferenceNo()))
                .as("no second transfer request")
                .isZero();
    }

    @Test
    void aProcessThatDiedAfterMarkingTheTransferSentButBeforeTheCallSendsItUnderTheSameReference() {
        control.pause("7471", "BANK_BNI", ConnectorControl.PauseReason.OPERATOR, "test", null);
        Disbursement asked = disbursements
                .submit(KENDARI, "7471", List.of(payment("1234567894", "125000")))
                .get(0);
        disbursements.markSent("7471", asked.id(), "1000000000000000002");
        control.resume(KENDARI, "7471", "BANK_BNI");

        Disbursement paid = finished(asked);

        assertThat(paid.status()).isEqualTo("SUCCEEDED");
        assertThat(bank.requestsFor(asked.partnerReferenceNo())).isEqualTo(1);
    }

    @Test
    void aPaymentInProgressWhoseNotificationNeverComesIsAskedForAgain() {
        bank.notificationUrl(null);
        bank.faults(BankFaults.NONE.withInProgress(true));
        Disbursement asked = disbursements
                .submit(KENDARI, "7471", List.of(payment("1234567895", "175000")))
                .get(0);

        Disbursement paid = finished(asked);

        assertThat(paid.status()).isEqualTo("SUCCEEDED");
        assertThat(paid.statusSource()).as("settled by the follow-up inquiry").isEqualTo("STATUS_INQUIRY");
        assertThat(bank.requestsFor(asked.partnerReferenceNo())).isEqualTo(1);
    }

    private Disbursement finished(Disbursement asked) {
        return Eventually.await(PATIENCE, () -> disbursements.find(KENDARI, "7471", asked.id()), Disbursement::isFinal);
    }

    private static DisbursementService.NewDisbursement payment(String account, String amount) {
        return new DisbursementService.NewDisbursement(
                "BNI", null, "PKH", "2026-11", account, "WA ODE SITTI", new BigDecimal(amount));
    }
}
