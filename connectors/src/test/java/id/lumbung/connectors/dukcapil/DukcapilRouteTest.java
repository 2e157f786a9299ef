package id.lumbung.connectors.dukcapil;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.connectors.camel.LumbungHeaders;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.core.nikcheck.NikCheck;
import id.lumbung.core.nikcheck.NikCheckService;
import id.lumbung.core.nikcheck.NikCheckStatus;
import id.lumbung.core.testing.DatabaseTest;
import id.lumbung.core.testing.Tenants;
import id.lumbung.simulators.Faults;
import id.lumbung.simulators.dukcapil.CivilRecord;
import id.lumbung.simulators.dukcapil.DukcapilSimulator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.Builder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * The agency pipeline's routes, watched with Camel's own test tools (a mock endpoint woven into
 * the call route): each attempt of a message enters the call route once, its redeliveries stay
 * inside that call, a message is given up after its attempts, and an answer settles it at once.
 */
@MicronautTest(transactional = false)
class DukcapilRouteTest extends DatabaseTest {
    /** A tenant of this test alone: other tests' messages left in the shared database are not counted. */
    private static final String KONAWE = "7402";

    private static final Caller ADMIN = Caller.of("admin-7402", Role.TENANT_ADMIN, Set.of(KONAWE), null);
    private static final String NIK = "7471014408900002";

    @Inject
    CamelContext camel;

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
                "lumbung.connectors.dukcapil.poll-interval", "50ms",
                "lumbung.connectors.dukcapil.redelivery-delay", "10ms",
                "lumbung.connectors.dukcapil.redeliveries", "2",
                "lumbung.connectors.dukcapil.max-attempts", "2",
                "lumbung.connectors.dukcapil.max-retry-delay", "200ms",
                "lumbung.connectors.dukcapil.breaker-minimum-calls", "50");
    }

    @Test
    void eachAttemptIsOneCallWithItsRedeliveriesInsideAndAnAnswerSettlesIt() throws Exception {
        tenants.ensure("74.02");
        simulator.register(
                new CivilRecord(NIK, "7471010101900002", "WA ODE RAMLAH", "KENDARI", "04-08-1990", "PEREMPUAN", false));
        AdviceWith.adviceWith(camel, "dukcapil.call", route -> route.weaveAddFirst()
                .filter(Builder.header(LumbungHeaders.TENANT_ID).isEqualTo(KONAWE))
                .to("mock:attempt")
                .end());
        MockEndpoint attempts = camel.getEndpoint("mock:attempt", MockEndpoint.class);

        // The agency fails every request: two attempts, three requests each (1 + 2 redeliveries).
        assertThat(requests(attempts, Faults.NONE.withErrorRate(1.0), 2, NikCheckStatus.FAILED))
                .isEqualTo(6);
        // The agency answers: one attempt, one request, and the answer is written.
        assertThat(requests(attempts, Faults.NONE, 1, NikCheckStatus.DONE)).isEqualTo(1);
    }

    /**
     * Submits a check while the agency behaves as {@code faults}, waits for it to end in {@code
     * status} after exactly {@code expectedAttempts} entries into the call route (and no more
     * after), and answers how many requests reached the agency.
     */
    private long requests(MockEndpoint attempts, Faults faults, int expectedAttempts, NikCheckStatus status)
            throws InterruptedException {
        simulator.faults(faults);
        attempts.reset();
        attempts.expectedMessageCount(expectedAttempts);
        attempts.setAssertPeriod(500);
        long before = simulator.hits();
        NikCheck check = nikChecks.submit(ADMIN, KONAWE, NIK);
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(20),
                () -> nikChecks.find(ADMIN, KONAWE, check.id()).status(),
                status::equals);
        attempts.assertIsSatisfied(5_000);
        return simulator.hits() - before;
    }
}
