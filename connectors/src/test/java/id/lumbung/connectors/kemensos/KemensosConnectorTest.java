package id.lumbung.connectors.kemensos;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.core.connector.ConnectorControl;
import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.ministry.MinistryExchange;
import id.lumbung.core.ministry.MinistryListService;
import id.lumbung.core.testing.DatabaseTest;
import id.lumbung.core.testing.Eventually;
import id.lumbung.core.testing.FreePort;
import id.lumbung.core.testing.Tenants;
import id.lumbung.simulators.Faults;
import id.lumbung.simulators.kemensos.KemensosSimulator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The file exchange with the ministry, against the Kemensos simulator over HTTP, with a tenant's own account key. */
@MicronautTest(transactional = false)
class KemensosConnectorTest extends DatabaseTest {
    private static final Caller KENDARI = Caller.of("admin-7471", Role.TENANT_ADMIN, Set.of("7471"), null);
    private static final Caller KOLAKA = Caller.of("admin-7401", Role.TENANT_ADMIN, Set.of("7401"), null);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int PORT = FreePort.pick();
    private static final String DETERMINATION = "iddtks;id_art;nomor_nik;nama;program;desil\r\n"
            + "DTKS-KEM-1;ART-1;7471011205850001;LA ODE HASAN;PKH;1\r\n"
            + "DTKS-KEM-1;ART-2;7471019905850002;NIK SALAH;PKH;1\r\n"
            + "DTKS-KEM-2;ART-3;;WA ODE SITTI;BPNT;2\r\n";
    private static final String RETURNED =
            "iddtks;id_art;nomor_nik;nama;alasan\r\n" + "DTKS-KEM-2;ART-3;;WA ODE SITTI;NIK tidak padan\r\n";

    @Inject
    MinistryExchange exchanges;

    @Inject
    KemensosSimulator simulator;

    @Inject
    KemensosClient client;

    @Inject
    ConnectorControl control;

    @Inject
    TenantTransactions transactions;

    @Inject
    Tenants tenants;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.ofEntries(
                Map.entry("lumbung.simulators.enabled", "true"),
                Map.entry("lumbung.simulators.kemensos.port", String.valueOf(PORT)),
                // Configured as a real ministry would be: an address, and each tenant's own key.
                Map.entry("lumbung.connectors.kemensos.base-url", "http://127.0.0.1:" + PORT),
                Map.entry("lumbung.connectors.kemensos.tenants.7471.key", "kendari-key"),
                Map.entry("lumbung.connectors.kemensos.tenants.7401.key", "a-key-the-ministry-never-gave"),
                Map.entry("lumbung.connectors.kemensos.poll-interval", "100ms"),
                Map.entry("lumbung.connectors.kemensos.redelivery-delay", "20ms"),
                Map.entry("lumbung.connectors.kemensos.max-retry-delay", "500ms"));
    }

    @BeforeAll
    void accounts() {
        tenants.ensure("74.71");
        tenants.ensure("74.01");
        simulator.account("7471", "kendari-key");
        simulator.account("7401", "kolaka-key");
    }

    @AfterEach
    void noFaults() {
        simulator.faults(Faults.NONE);
        Map.of("7471", KENDARI, "7401", KOLAKA).forEach((tenantId, caller) -> {
            if (control.pauseOf(tenantId, "KEMENSOS").isPresent()) {
                control.resume(caller, tenantId, "KEMENSOS");
            }
        });
    }

    @Test
    void filesOfferedTwiceAndOutOfOrderAreImportedOnceEachIntoItsOwnPeriod() {
        simulator.offer("7471", "PENETAPAN_7471_2026-11.csv", "PENETAPAN", "2026-11", DETERMINATION);
        simulator.offer("7471", "PENGEMBALIAN_7471_2026-10.csv", "PENGEMBALIAN", "2026-10", RETURNED);
        simulator.faults(Faults.NONE.withDuplicates(true));
        long before = simulator.hits();

        MinistryExchange.Exchange first = done(exchanges.fetch(KENDARI, "7471"));

        assertThat(file(first, "PENGEMBALIAN_7471_2026-10.csv"))
                .isEqualTo(new MinistryExchange.FileResult(
                        "PENGEMBALIAN_7471_2026-10.csv",
                        MinistryListService.Kind.RETURNED,
                        "2026-10",
                        "IMPORTED",
                        1,
                        1,
                        0,
                        1,
                        0,
                        0,
                        null));
        assertThat(file(first, "PENETAPAN_7471_2026-11.csv"))
                .isEqualTo(new MinistryExchange.FileResult(
                        "PENETAPAN_7471_2026-11.csv",
                        MinistryListService.Kind.DETERMINATION,
                        "2026-11",
                        "IMPORTED",
                        3,
                        2,
                        1,
                        2,
                        0,
                        0,
                        null));
        assertThat(simulator.hits() - before)
                .as("one listing, each file downloaded once")
                .isEqualTo(3);
        assertThat(records()).containsEntry("DETERMINATION 2026-11", 2L).containsEntry("RETURNED 2026-10", 1L);

        long again = simulator.hits();
        MinistryExchange.Exchange second = done(exchanges.fetch(KENDARI, "7471"));
        assertThat(second.files()).isEmpty();
        assertThat(second.filesSkipped()).isGreaterThanOrEqualTo(2);
        assertThat(simulator.hits() - again).as("the listing only").isEqualTo(1);
        assertThat(records()).containsEntry("DETERMINATION 2026-11", 2L).containsEntry("RETURNED 2026-10", 1L);
    }

    @Test
    void aFileWithAWrongHeaderIsRefusedWholeAndNothingOfItIsImported() {
        simulator.offer("7471", "PENETAPAN_7471_2026-09.csv", "PENETAPAN", "2026-09", "iddtks;nomor_nik\r\nX;\r\n");

        MinistryExchange.Exchange fetched = done(exchanges.fetch(KENDARI, "7471"));

        assertThat(file(fetched, "PENETAPAN_7471_2026-09.csv")).satisfies(file -> {
            assertThat(file.status()).isEqualTo("REFUSED");
            assertThat(file.reason()).isEqualTo("The header lacks the column(s) nama");
        });
        assertThat(records()).doesNotContainKey("DETERMINATION 2026-09");
    }

    @Test
    void theSameProposalsSentAgainGetTheFirstReceiptAndNeverASecondFile() throws Exception {
        Path file = Files.createTempFile("usulan", ".csv");
        try {
            Files.writeString(file, "iddtks;id_art;nomor_nik;nama\r\nD1;A1;7471011205850001;LA ODE HASAN\r\n");
            KemensosClient.Receipt first = client.upload("7471", "USULAN_7471_2026-12_test.csv", "2026-12", file);
            KemensosClient.Receipt again = client.upload("7471", "USULAN_7471_2026-12_test.csv", "2026-12", file);

            assertThat(first.earlier()).isFalse();
            assertThat(again.earlier()).isTrue();
            assertThat(again.receipt()).isEqualTo(first.receipt());
            assertThat(simulator.rowsReceived("7471", "USULAN_7471_2026-12_test.csv"))
                    .isEqualTo(1);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aRefusedAccountPausesThatTenantOnlyAndMaintenancePausesUntilLater() {
        MinistryExchange.Exchange kolaka = exchanges.fetch(KOLAKA, "7401");
        var pause = Eventually.await(PATIENCE, () -> control.pauseOf("7401", "KEMENSOS"), found -> found.isPresent());
        assertThat(pause.orElseThrow().reason()).isEqualTo(ConnectorControl.PauseReason.CONFIGURATION);
        assertThat(exchanges.get(KOLAKA, "7401", kolaka.id()).status()).isEqualTo("QUEUED");
        assertThat(done(exchanges.fetch(KENDARI, "7471")).status())
                .as("the other tenant is served")
                .isEqualTo("DONE");

        simulator.faults(Faults.NONE.withOutsideHours(true));
        exchanges.fetch(KENDARI, "7471");
        var maintenance =
                Eventually.await(PATIENCE, () -> control.pauseOf("7471", "KEMENSOS"), found -> found.isPresent());
        assertThat(maintenance.orElseThrow().reason()).isEqualTo(ConnectorControl.PauseReason.OUTSIDE_HOURS);
        assertThat(maintenance.orElseThrow().pausedUntil()).isAfter(java.time.Instant.now());
    }

    @Test
    void aFailingExchangeIsRetriedAndDoneOnce() {
        simulator.offer("7471", "PENETAPAN_7471_2026-08.csv", "PENETAPAN", "2026-08", DETERMINATION);
        simulator.faults(Faults.NONE.withErrorRate(1.0));
        MinistryExchange.Exchange fetch = exchanges.fetch(KENDARI, "7471");
        Eventually.await(PATIENCE, () -> exchanges.get(KENDARI, "7471", fetch.id()), found -> found.attempts() >= 1);
        assertThat(exchanges.get(KENDARI, "7471", fetch.id()).lastError()).contains("HTTP 503");

        simulator.faults(Faults.NONE);
        MinistryExchange.Exchange done = done(fetch);

        assertThat(file(done, "PENETAPAN_7471_2026-08.csv").rows()).isEqualTo(3);
        assertThat(records()).containsEntry("DETERMINATION 2026-08", 2L);
    }

    @Test
    void aCorrectedFileRemovesTheRecordsItNoLongerListsAndOneFetchRunsAtATime() {
        String header = "iddtks;id_art;nomor_nik;nama;program;desil\r\n";
        simulator.offer(
                "7471",
                "PENETAPAN_7471_2026-06.csv",
                "PENETAPAN",
                "2026-06",
                header + "K6-1;K6-1-01;;SATU;PKH;1\r\nK6-2;K6-2-01;;DUA;PKH;1\r\nK6-3;K6-3-01;;TIGA;PKH;1\r\n");
        done(exchanges.fetch(KENDARI, "7471"));
        assertThat(records()).containsEntry("DETERMINATION 2026-06", 3L);

        // The ministry reissues the list: TIGA is no longer determined, DUA moves to desil 2.
        simulator.offer(
                "7471",
                "PENETAPAN_7471_2026-06.csv",
                "PENETAPAN",
                "2026-06",
                header + "K6-1;K6-1-01;;SATU;PKH;1\r\nK6-2;K6-2-01;;DUA;PKH;2\r\n");
        MinistryExchange.Exchange corrected = done(exchanges.fetch(KENDARI, "7471"));

        assertThat(file(corrected, "PENETAPAN_7471_2026-06.csv")).satisfies(file -> {
            assertThat(file.changed()).isEqualTo(1);
            assertThat(file.removed()).isEqualTo(1);
        });
        assertThat(records()).containsEntry("DETERMINATION 2026-06", 2L);

        // While one fetch waits (the ministry is away), a second is refused.
        simulator.stop();
        try {
            MinistryExchange.Exchange waiting = exchanges.fetch(KENDARI, "7471");
            var refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> exchanges.fetch(KENDARI, "7471"), id.lumbung.core.error.LumbungException.class);
            assertThat(refused.code()).isEqualTo("fetch_in_progress");
            simulator.start();
            done(waiting);
        } finally {
            simulator.start();
        }
    }

    private static MinistryExchange.FileResult file(MinistryExchange.Exchange exchange, String name) {
        return exchange.files().stream()
                .filter(file -> file.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + exchange.files()));
    }

    private MinistryExchange.Exchange done(MinistryExchange.Exchange exchange) {
        MinistryExchange.Exchange settled =
                Eventually.await(PATIENCE, () -> exchanges.get(KENDARI, "7471", exchange.id()), found -> !"QUEUED"
                        .equals(found.status()));
        assertThat(settled.status()).as(String.valueOf(settled.lastError())).isEqualTo("DONE");
        return settled;
    }

    private Map<String, Long> records() {
        return transactions.inTenant("7471", connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT kind || ' ' || period, count(*)"
                    + " FROM ministry_record WHERE tenant_id = '7471' GROUP BY 1")) {
                Map<String, Long> counts = new java.util.HashMap<>();
                Rows.list(query, row -> counts.put(row.getString(1), row.getLong(2)));
                return counts;
            }
        });
    }
}
