package id.lumbung.connectors.dukcapil;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.core.nikcheck.NikCheck;
import id.lumbung.core.nikcheck.NikCheckService;
import id.lumbung.core.nikcheck.NikCheckStatus;
import id.lumbung.core.testing.DatabaseTest;
import id.lumbung.core.testing.Tenants;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A worker installed before the regency's agreement with Dukcapil starts, and keeps its checks. */
@MicronautTest(transactional = false)
class UnconfiguredDukcapilTest extends DatabaseTest {
    @Inject
    ApplicationContext context;

    @Inject
    NikCheckService nikChecks;

    @Inject
    Tenants tenants;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "lumbung.simulators.enabled", "false",
                "lumbung.connectors.dukcapil.base-url", "",
                "lumbung.connectors.worker.enabled", "true");
    }

    @Test
    void withoutABaseUrlTheWorkerStartsWithoutDukcapilAndTheChecksWait() throws Exception {
        tenants.ensure("74.03");
        assertThat(context.findBean(DukcapilRoutes.class)).isEmpty();
        assertThat(context.getBean(DukcapilAbsence.class).configured()).isFalse();
        assertThat(context.getBean(org.apache.camel.CamelContext.class)
                        .getStatus()
                        .isStarted())
                .as("the other connectors run")
                .isTrue();
        Caller konaweSelatan = Caller.of("admin-7403", Role.TENANT_ADMIN, Set.of("7403"), null);

        NikCheck check = nikChecks.submit(konaweSelatan, "7403", "7403011205850001");
        Thread.sleep(1_000);

        assertThat(nikChecks.find(konaweSelatan, "7403", check.id()).status()).isEqualTo(NikCheckStatus.QUEUED);
    }
}
