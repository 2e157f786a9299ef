package id.lumbung.connectors.dukcapil;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.connectors.camel.AgencyPipeline;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.core.connector.ConnectorControl;
import id.lumbung.core.nikcheck.NikCheck;
import id.lumbung.core.nikcheck.NikCheckResult;
import id.lumbung.core.nikcheck.NikCheckService;
import id.lumbung.core.nikcheck.NikCheckStatus;
import id.lumbung.core.testing.DatabaseTest;
import id.lumbung.core.testing.Eventually;
import id.lumbung.core.testing.Tenants;
import id.lumbung.simulators.Faults;
import id.lumbung.simulators.dukcapil.CivilRecord;
import id.lumbung.simulators.dukcapil.DukcapilSimulator;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class DukcapilConnectorTest extends DatabaseTest {
    private static final Caller KENDARI = Caller.of("admin-7471", Role.TENANT_ADMIN, Set.of("7471"), null);
    private static final Caller KOLAKA = Caller.of("admin-7401", Role.TENANT_ADMIN, Set.of("7401"), null);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    NikCheckService nikChecks;

    @Inject
    DukcapilSimulator simulator;

    @Inject
    Tenants tenants;

    @Inject
    ConnectorControl control;

    @Inject
    id.lumbung.core.connector.ConnectorCredentials credentials;

    @Inject
    id.lumbung.core.protection.IdentifierProtection protection;

    @Inject
    java.util.List<AgencyPipeline> pipelines;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.ofEntries(
                Map.entry("lumbung.simulators.enabled", "true"),
                Map.entry("lumbung.connectors.dukcapil.poll-interval", "100ms"),
                Map.entry("lumbung.connectors.dukcapil.redelivery-delay", "20ms"),
                Map.entry("lumbung.connectors.dukcapil.breaker-open-for", "1s"),
                Map.entry("lumbung.connectors.dukcapil.max-retry-delay", "1s"),
                Map.entry("lumbung.connectors.dukcapil.rate-per-second", "500"),
                // Kolaka has its own agreement with Dukcapil, and a password that is wrong.
                Map.entry("lumbung.connectors.dukcapil.tenants.7401.user-id", "kolaka"),
                Map.entry("lumbung.connectors.dukcapil.tenants.7401.password", "salah"),
                // The test asks far more than a person would.
                Map.entry("lumbung.rate-limits.lookup-per-user", "1000000"),
                Map.entry("lumbung.rate-limits.lookup-per-tenant", "1000000"));
    }

    @BeforeAll
    void kendariIsATenant() {
        tenants.ensure("74.71");
        tenants.ensure("74.01");
        simulator.register(new CivilRecord(
                "7471011205850001", "7471010101200001", "LA ODE HASAN", "KENDARI", "12-05-1985", "LAKI-LAKI", false));
        simulator.register(new CivilRecord(
                "7471015106600002", "7471010101200001", "WA ODE SITTI", "KENDARI", "11-06-1960", "PEREMPUAN", true));
    }

    @AfterEach
    void noFaults() {
        simulator.faults(Faults.NONE);
        simulator.newDay();
        simulator.start();
        if (control.pauseOf("7471", "DUKCAPIL").isPresent()) {
            control.resume(KENDARI, "7471", "DUKCAPIL");
        }
        // Kendari's queue drains before the next test counts calls (Kolaka may stay paused).
        Eventually.await(
                PATIENCE,
                () -> control.queues(List.of("7471")).stream()
                        .filter(queue -> queue.agency().equals("DUKCAPIL"))
                        .mapToLong(ConnectorControl.Queue::waiting)
                        .sum(),
                waiting -> waiting == 0);
    }

    @Test
    void aBatchOf200OutlivesAnOutageAndEveryCheckIsAnsweredExactlyOnce() {
        AgencyPipeline dukcapil = pipelines.stream()
                .filter(pipeline -> pipeline.agency().equals("DUKCAPIL"))
                .findFirst()
                .orElseThrow();
        simulator.faults(Faults.NONE.withDown(true));
        long before = simulator.hits();
        List<NikCheck> checks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            checks.add(nikChecks.submit(KENDARI, "7471", i % 2 == 0 ? "7471011205850001" : "7471012208900009"));
        }

        // The breaker opens after a handful of failed calls, and while it is open nothing is called.
        Eventually.await(PATIENCE, () -> dukcapil.breaker().getState(), state -> state == CircuitBreaker.State.OPEN);
        long hitsWhenOpen = simulator.hits();
        long started = System.nanoTime();
        NikCheck meanwhile = nikChecks.find(KENDARI, "7471", checks.get(199).id());
        long readMillis = (System.nanoTime() - started) / 1_000_000;
        if (dukcapil.breaker().getState() == CircuitBreaker.State.OPEN) {
            assertThat(simulator.hits()).as("no call while the breaker is open").isEqualTo(hitsWhenOpen);
        }
        assertThat(readMillis).as("the API answers during the outage").isLessThan(2_000);
        assertThat(meanwhile.status()).isIn(NikCheckStatus.QUEUED, NikCheckStatus.RETRYING);
        assertThat(hitsWhenOpen - before)
                .as("calls before the breaker opened: at most every worker's call with its redeliveries")
                .isLessThanOrEqualTo(16 * 3 * 2);

        simulator.faults(Faults.NONE);

        List<NikCheck> done = checks.stream().map(this::answered).toList();
        assertThat(done).allSatisfy(check -> assertThat(check.status()).isEqualTo(NikCheckStatus.DONE));
        assertThat(done)
                .filteredOn(check -> check.result() == NikCheckResult.FOUND)
                .hasSize(100);
        assertThat(done)
                .filteredOn(check -> check.result() == NikCheckResult.NOT_FOUND)
                .hasSize(100);
        Set<java.util.UUID> ids = new java.util.HashSet<>();
        checks.forEach(check -> ids.add(check.id()));
        assertThat(control.deadLetters(KENDARI, "7471", false, id.lumbung.core.paging.PageRequest.first())
                        .items())
                .filteredOn(letter -> ids.contains(letter.aggregateId()))
                .isEmpty();
        assertThat(control.queues(List.of("7471")))
                .filteredOn(queue -> queue.agency().equals("DUKCAPIL"))
                .allSatisfy(queue -> assertThat(queue.waiting()).isZero());
    }

    @Test
    void loginGagalPausesThatTenantOnlyAndNothingIsRetriedUntilAnOperatorResumes() {
        List<NikCheck> kolaka = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            kolaka.add(nikChecks.submit(KOLAKA, "7401", "7471011205850001"));
        }
        NikCheck kendari = nikChecks.submit(KENDARI, "7471", "7471011205850001");

        var pause = Eventually.await(PATIENCE, () -> control.pauseOf("7401", "DUKCAPIL"), found -> found.isPresent());
        assertThat(pause.orElseThrow().reason()).isEqualTo(ConnectorControl.PauseReason.CONFIGURATION);
        assertThat(answered(kendari).result())
                .as("another tenant is not paused")
                .isEqualTo(NikCheckResult.FOUND);
        long hits = settledHits();
        hits = simulator.hitsBy("kolaka");
        sleep(1_500);
        assertThat(simulator.hitsBy("kolaka"))
                .as("no retry storm: no more calls while paused")
                .isEqualTo(hits)
                .isLessThanOrEqualTo(5);
        assertThat(kolaka).allSatisfy(check -> assertThat(status(KOLAKA, check))
                .isIn(NikCheckStatus.QUEUED, NikCheckStatus.RETRYING));
        assertThat(control.deadLetters(KOLAKA, "7401", false, id.lumbung.core.paging.PageRequest.first())
                        .items())
                .isEmpty();

        // Resumed with the password still wrong: one more call, and paused again.
        control.resume(KOLAKA, "7401", "DUKCAPIL");
        Eventually.await(PATIENCE, () -> control.pauseOf("7401", "DUKCAPIL"), found -> found.isPresent());
        assertThat(simulator.hitsBy("kolaka")).isGreaterThan(hits);
    }

    @Test
    void credentialsReplacedByAnotherProcessAreReadAgainWhenDukcapilRefusesTheOnesHeld() throws Exception {
        tenants.ensure("74.05");
        Caller bombana = Caller.of("admin-7405", Role.TENANT_ADMIN, Set.of("7405"), null);
        credentials.set(bombana, "7405", "DUKCAPIL", "bombana", "bombana-lama", null);
        // This process holds the old, wrong password (read for 30 s) ...
        assertThat(credentials.forCall("7405", "DUKCAPIL").orElseThrow().password())
                .isEqualTo("bombana-lama");
        // ... when the regency's admin enters the right one through another process (the API's).
        try (var owner = id.lumbung.core.testing.TestDatabase.get().ownerConnection();
                var update = owner.prepareStatement("UPDATE connector_credential SET password_encrypted = ?"
                        + " WHERE tenant_id = '7405' AND agency = 'DUKCAPIL'")) {
            update.setString(1, protection.encrypt("7405", "bombana-secret"));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        long before = simulator.hitsBy("bombana");

        NikCheck check = answered(nikChecks.submit(bombana, "7405", "7471011205850001"));

        assertThat(check.result()).isEqualTo(NikCheckResult.FOUND);
        assertThat(control.pauseOf("7405", "DUKCAPIL"))
                .as("not paused for the old password")
                .isEmpty();
        assertThat(simulator.hitsBy("bombana") - before)
                .as("refused once with the old password, answered with the new")
                .isEqualTo(2);
        credentials.remove(bombana, "7405", "DUKCAPIL");
    }

    @Test
    void whenDukcapilSaysTheQuotaIsUsedUpNoMoreCallsAreMadeUntilItResets() {
        simulator.faults(Faults.NONE.withDailyQuota(3));
        long before = simulator.hits();
        List<NikCheck> checks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            checks.add(nikChecks.submit(KENDARI, "7471", "7471011205850001"));
        }

        var pause = Eventually.await(PATIENCE, () -> control.pauseOf("7471", "DUKCAPIL"), found -> found.isPresent());
        assertThat(pause.orElseThrow().reason()).isEqualTo(ConnectorControl.PauseReason.QUOTA);
        assertThat(pause.orElseThrow().pausedUntil()).as("until midnight WIB").isAfter(java.time.Instant.now());
        // Calls sent together with the one that drew "kuota habis" may still be arriving.
        long hits = settledHits();
        sleep(1_500);
        assertThat(simulator.hits()).as("no call until the quota resets").isEqualTo(hits);
        assertThat(checks.stream().filter(check -> status(KENDARI, check) == NikCheckStatus.DONE))
                .hasSize(3);

        // A new day: the operator (or midnight) lifts the pause and the rest is answered.
        simulator.newDay();
        simulator.faults(Faults.NONE);
        control.resume(KENDARI, "7471", "DUKCAPIL");
        checks.forEach(this::answered);
        assertThat(simulator.hits() - before)
                .as("3 served, a few told 'kuota habis', 5 served after")
                .isLessThan(8 + 17);
    }

    @Test
    void aKnownNikIsFoundAndADeceasedPersonIsReportedAsDeceased() {
        NikCheck found = answered(nikChecks.submit(KENDARI, "7471", "7471011205850001"));
        NikCheck deceased = answered(nikChecks.submit(KENDARI, "7471", "7471015106600002"));

        assertThat(found.result()).isEqualTo(NikCheckResult.FOUND);
        assertThat(found.attempts()).isEqualTo(1);
        assertThat(deceased.result()).isEqualTo(NikCheckResult.DECEASED);
    }

    @Test
    void dataTidakDitemukanIsABusinessResultAndIsNotRetried() {
        long before = kendariHits();

        NikCheck check = answered(nikChecks.submit(KENDARI, "7471", "7471012208900009"));

        assertThat(check.result()).isEqualTo(NikCheckResult.NOT_FOUND);
        assertThat(kendariHits() - before).as("calls to the simulator").isEqualTo(1);
    }

    @Test
    void transientErrorsAreRedeliveredInsideTheBreakerAndTheSimulatorCountsEveryCall() {
        simulator.faults(Faults.NONE.withErrorRate(1.0));
        long before = simulator.hits();
        NikCheck check = nikChecks.submit(KENDARI, "7471", "7471011205850001");

        // One claim = the first call + 2 redeliveries, all answered 503.
        Eventually.await(PATIENCE, () -> simulator.hits() - before, hits -> hits >= 3);
        simulator.faults(Faults.NONE);
        NikCheck done = answered(check);

        assertThat(done.result()).isEqualTo(NikCheckResult.FOUND);
        assertThat(done.attempts()).isGreaterThanOrEqualTo(2);
        assertThat((simulator.hits() - before - 1) % 3)
                .as("every failed claim made exactly 3 calls, then one call succeeded")
                .isZero();
    }

    @Test
    void withDukcapilDownChecksWaitAndAllCompleteExactlyOnceWhenItReturns() {
        simulator.stop();
        List<NikCheck> checks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            checks.add(nikChecks.submit(KENDARI, "7471", i % 2 == 0 ? "7471011205850001" : "7471012208900009"));
        }
        Eventually.await(PATIENCE, () -> status(checks.get(0)), status -> status == NikCheckStatus.RETRYING);
        assertThat(checks)
                .allSatisfy(check -> assertThat(status(check)).isIn(NikCheckStatus.QUEUED, NikCheckStatus.RETRYING));

        simulator.start();

        List<NikCheck> done = checks.stream().map(this::answered).toList();
        assertThat(done).allSatisfy(check -> assertThat(check.status()).isEqualTo(NikCheckStatus.DONE));
        assertThat(done)
                .filteredOn(check -> check.result() == NikCheckResult.FOUND)
                .hasSize(5);
        assertThat(done)
                .filteredOn(check -> check.result() == NikCheckResult.NOT_FOUND)
                .hasSize(5);
    }

    private NikCheckStatus status(NikCheck check) {
        return status(KENDARI, check);
    }

    /** The simulator's call count once it stops moving (calls in flight have arrived). */
    private long settledHits() {
        long before;
        long after = simulator.hits();
        do {
            before = after;
            sleep(300);
            after = simulator.hits();
        } while (after != before);
        return after;
    }

    /** Calls with Kendari's credentials (the simulator's own), faulty ones included. */
    private long kendariHits() {
        return simulator.hitsBy(simulator.userId());
    }

    private NikCheckStatus status(Caller caller, NikCheck check) {
        return nikChecks.find(caller, check.tenantId(), check.id()).status();
    }

    private NikCheck answered(NikCheck check) {
        Caller caller =
                switch (check.tenantId()) {
                    case "7401" -> KOLAKA;
                    case "7405" -> Caller.of("admin-7405", Role.TENANT_ADMIN, Set.of("7405"), null);
                    default -> KENDARI;
                };
        return Eventually.await(
                PATIENCE,
                () -> nikChecks.find(caller, check.tenantId(), check.id()),
                current -> current.status() == NikCheckStatus.DONE);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
