package id.lumbung.connectors.dukcapil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.core.connector.ConnectorControl;
import id.lumbung.core.error.LumbungException;
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
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A message that keeps failing becomes a dead letter with its reason; an operator retries it. */
@MicronautTest(transactional = false)
class DeadLetterTest extends DatabaseTest {
    private static final Caller KENDARI = Caller.of("admin-7471", Role.TENANT_ADMIN, Set.of("7471"), null);
    private static final Caller KOLAKA = Caller.of("admin-7401", Role.TENANT_ADMIN, Set.of("7401"), null);

    @Inject
    NikCheckService nikChecks;

    @Inject
    DukcapilSimulator simulator;

    @Inject
    ConnectorControl control;

    @Inject
    Tenants tenants;

    @Inject
    java.util.List<id.lumbung.core.connector.AgencyConnector> connectors;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "lumbung.simulators.enabled", "true",
                "lumbung.connectors.dukcapil.poll-interval", "50ms",
                "lumbung.connectors.dukcapil.redelivery-delay", "10ms",
                "lumbung.connectors.dukcapil.breaker-open-for", "1s",
                "lumbung.connectors.dukcapil.max-retry-delay", "100ms",
                "lumbung.connectors.dukcapil.max-attempts", "2");
    }

    @BeforeAll
    void tenantsExist() {
        tenants.ensure("74.71");
        tenants.ensure("74.01");
        simulator.register(new CivilRecord(
                "7471011205850001", "7471010101200001", "LA ODE HASAN", "KENDARI", "12-05-1985", "LAKI-LAKI", false));
    }

    @Test
    void afterItsAttemptsAMessageIsADeadLetterWithItsReasonAndARetryAnswersIt() {
        long deadBefore = dukcapilQueue().deadLetters();
        simulator.faults(Faults.NONE.withErrorRate(1.0));
        long before = simulator.hits();
        NikCheck check = nikChecks.submit(KENDARI, "7471", "7471011205850001");

        NikCheck failed = Eventually.await(
                Duration.ofSeconds(30),
                () -> nikChecks.find(KENDARI, "7471", check.id()),
                current -> current.status() == NikCheckStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(2);
        // Other tests' dead letters of this tenant (other agencies, other checks) may be there too.
        List<ConnectorControl.DeadLetter> dead =
                control.deadLetters(KENDARI, "7471", false, id.lumbung.core.paging.PageRequest.first()).items().stream()
                        .filter(letter -> letter.aggregateId().equals(check.id()))
                        .toList();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).aggregateId()).isEqualTo(check.id());
        assertThat(dead.get(0).reason()).contains("HTTP 503");
        assertThat(dead.get(0).attempts()).isEqualTo(2);
        assertThat(simulator.hits() - before)
                .as("2 attempts of 3 calls each (1 + 2 redeliveries)")
                .isEqualTo(6);
        assertThat(dukcapilQueue().deadLetters()).isEqualTo(deadBefore + 1);
        // The connector's page says what the last failure was: the agency's transport, not ours.
        var status = connectors.stream()
                .filter(connector -> connector.agency().equals("DUKCAPIL"))
                .findFirst()
                .orElseThrow()
                .status();
        assertThat(status.lastErrorKind()).isEqualTo("TRANSPORT");
        assertThat(status.lastError()).contains("503");

        // Another tenant neither sees nor retries it.
        assertThat(control.deadLetters(KOLAKA, "7401", false, id.lumbung.core.paging.PageRequest.first())
                        .items())
                .isEmpty();
        assertThatThrownBy(() ->
                        control.retryDeadLetter(KOLAKA, "7401", dead.get(0).id()))
                .isInstanceOfSatisfying(
                        LumbungException.class, e -> assertThat(e.code()).isEqualTo("dead_letter_not_found"));

        simulator.faults(Faults.NONE);
        control.retryDeadLetter(KENDARI, "7471", dead.get(0).id());

        NikCheck done = Eventually.await(
                Duration.ofSeconds(30),
                () -> nikChecks.find(KENDARI, "7471", check.id()),
                current -> current.status() == NikCheckStatus.DONE);
        assertThat(done.result()).isEqualTo(NikCheckResult.FOUND);
        assertThat(
                        control
                                .deadLetters(KENDARI, "7471", false, id.lumbung.core.paging.PageRequest.first())
                                .items()
                                .stream()
                                .filter(letter -> letter.id().equals(dead.get(0).id()))
                                .findFirst()
                                .orElseThrow()
                                .retriedBy())
                .isEqualTo("admin-7471");
        assertThatThrownBy(() ->
                        control.retryDeadLetter(KENDARI, "7471", dead.get(0).id()))
                .as("a dead letter is retried once")
                .isInstanceOf(LumbungException.class);
    }

    private ConnectorControl.Queue dukcapilQueue() {
        return control.queues(List.of("7471")).stream()
                .filter(queue -> queue.agency().equals("DUKCAPIL"))
                .findFirst()
                .orElse(new ConnectorControl.Queue("DUKCAPIL", "7471", 0, 0, 0, null, null));
    }
}
