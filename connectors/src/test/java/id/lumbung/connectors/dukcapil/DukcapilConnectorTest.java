package id.lumbung.connectors.dukcapil;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.connectors.dukcapil.simulator.CivilRecord;
import id.lumbung.connectors.dukcapil.simulator.DukcapilSimulator;
import id.lumbung.connectors.dukcapil.simulator.Faults;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.core.nikcheck.NikCheck;
import id.lumbung.core.nikcheck.NikCheckResult;
import id.lumbung.core.nikcheck.NikCheckService;
import id.lumbung.core.nikcheck.NikCheckStatus;
import id.lumbung.core.testing.DatabaseTest;
import id.lumbung.core.testing.Eventually;
import id.lumbung.core.testing.Tenants;
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
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    NikCheckService nikChecks;

    @Inject
    DukcapilSimulator simulator;

    @Inject
    Tenants tenants;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "lumbung.simulators.enabled", "true",
                "lumbung.simulators.dukcapil.port", "0",
                "lumbung.connectors.dukcapil.poll-interval", "100ms",
                "lumbung.connectors.dukcapil.redelivery-delay", "20ms",
                "lumbung.connectors.dukcapil.breaker-open-for", "1s",
                "lumbung.connectors.dukcapil.max-retry-delay", "1s");
    }

    @BeforeAll
    void kendariIsATenant() {
        tenants.ensure("74.71");
        simulator.register(new CivilRecord(
                "7471011205850001", "7471010101200001", "LA ODE HASAN", "KENDARI", "12-05-1985", "LAKI-LAKI", false));
        simulator.register(new CivilRecord(
                "7471015106600002", "7471010101200001", "WA ODE SITTI", "KENDARI", "11-06-1960", "PEREMPUAN", true));
    }

    @AfterEach
    void noFaults() {
        simulator.faults(Faults.NONE);
        simulator.start();
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
        long before = simulator.hits();

        NikCheck check = answered(nikChecks.submit(KENDARI, "7471", "7471012208900009"));

        assertThat(check.result()).isEqualTo(NikCheckResult.NOT_FOUND);
        assertThat(simulator.hits() - before).as("calls to the simulator").isEqualTo(1);
    }

    @Test
    void transientErrorsAreRedeliveredInsideTheBreakerAndTheSimulatorCountsEveryCall() {
        simulator.faults(new Faults(0, 1.0, false));
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
        return nikChecks.find(KENDARI, check.tenantId(), check.id()).status();
    }

    private NikCheck answered(NikCheck check) {
        return Eventually.await(
                PATIENCE,
                () -> nikChecks.find(KENDARI, check.tenantId(), check.id()),
                current -> current.status() == NikCheckStatus.DONE);
    }
}
