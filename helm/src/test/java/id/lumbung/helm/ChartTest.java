package id.lumbung.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The chart is linted and rendered by real Helm (native library inside helm-java). */
class ChartTest {
    private static final Path CHART = Path.of("chart", "lumbung");

    @Test
    void theChartLintsClean() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void itRendersAnApiRoleWithoutConsumersAndAWorkerRole() {
        // The migration Job is a pre-install/pre-upgrade hook: helm-java's template leaves hooks out,
        // the strict lint above renders it.
        String manifests = new Helm(CHART).template().withName("kendari").call();

        assertThat(manifests)
                .contains("name: kendari-lumbung-api", "name: kendari-lumbung-worker")
                .contains("app.kubernetes.io/component: api", "app.kubernetes.io/component: worker")
                .contains("name: LUMBUNG_CONNECTORS_WORKER_ENABLED")
                .contains("name: LUMBUNG_PROTECTION_KEYS", "name: lumbung-protection")
                .doesNotContain("DUKCAPIL_BASE_URL")
                // The schema owner's login reaches only the migration job, never the api or workers.
                .doesNotContain("MIGRATION_USERNAME", "lumbung-database-owner");
    }

    @Test
    void aDukcapilEndpointBringsItsCredentialsFromASecret() {
        String manifests = new Helm(CHART)
                .template()
                .withName("kendari")
                .set("connectors.dukcapil.baseUrl", "https://dukcapil.example.invalid")
                .call();

        assertThat(manifests).contains("name: DUKCAPIL_BASE_URL", "key: userId");
    }

    @Test
    void valuesThatBreakTheSchemaAreRejected() {
        assertThatThrownBy(() -> new Helm(CHART)
                        .template()
                        .withName("kendari")
                        .set("database.url", "mysql://nope")
                        .call())
                .hasMessageContaining("/database/url");
    }
}
