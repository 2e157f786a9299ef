package id.lumbung.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart, linted and rendered by real Helm (the native library inside helm-java), its objects
 * parsed and read as Kubernetes would — for the default values, a regency's production values
 * ({@code production.yaml}) and a small pilot's ({@code minimal.yaml}).
 */
class ChartTest {
    private static final Path CHART = Path.of("chart", "lumbung");
    private static final Path PRODUCTION = Path.of("src", "test", "resources", "production.yaml");
    private static final Path MINIMAL = Path.of("src", "test", "resources", "minimal.yaml");

    @Test
    void theChartLintsClean() {
        // helm-java lints the default values; the others are rendered (and checked against the schema) below.
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed())
                .as(String.join("\n", result.getMessages()))
                .isFalse();
    }

    @Test
    void byDefaultAnAutoscaledApiWithoutConsumersAWorkerAndPoliciesThatKeepTheAgenciesToTheWorker() {
        Manifests rendered = render(null);

        Map<String, Object> api = rendered.one("Deployment", "kendari-lumbung-api");
        assertThat(api.get("spec"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .doesNotContainKey("replicas"); // the HorizontalPodAutoscaler sets it
        assertThat(env(api))
                .containsEntry("LUMBUNG_CONNECTORS_WORKER_ENABLED", "false")
                .containsEntry("LUMBUNG_MANAGEMENT_PORT", "8081")
                .containsKeys("DATASOURCE_URL", "LUMBUNG_JWT_SECRET", "LUMBUNG_PROTECTION_KEYS", "LUMBUNG_AUDIT_KEYS")
                .doesNotContainKeys("DUKCAPIL_BASE_URL", "LUMBUNG_BOOTSTRAP_USERNAME", "MIGRATION_USERNAME");
        Map<String, Object> worker = rendered.one("Deployment", "kendari-lumbung-worker");
        assertThat(env(worker))
                .as("an agency left unconfigured: its connector is off, the worker starts")
                .doesNotContainKeys("DUKCAPIL_BASE_URL", "KEMENSOS_BASE_URL", "MIGRATION_USERNAME");
        for (Map<String, Object> deployment : List.of(api, worker)) {
            Map<String, Object> pod = map(deployment, "spec", "template", "spec");
            assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true);
            Map<String, Object> container = container(deployment);
            assertThat(map(container, "securityContext"))
                    .containsEntry("readOnlyRootFilesystem", true)
                    .containsEntry("allowPrivilegeEscalation", false);
            assertThat(map(container, "readinessProbe", "httpGet"))
                    .containsEntry("path", "/health/readiness")
                    .containsEntry("port", "management");
            assertThat(list(container, "volumeMounts"))
                    .extracting(m -> m.get("mountPath"))
                    .contains("/data", "/tmp");
        }
        assertThat(map(rendered.one("HorizontalPodAutoscaler", "kendari-lumbung-api"), "spec"))
                .containsEntry("minReplicas", 2)
                .containsEntry("maxReplicas", 6);
        assertThat(map(rendered.one("PodDisruptionBudget", "kendari-lumbung-api"), "spec"))
                .containsEntry("minAvailable", 1);
        assertThat(rendered.named("PodDisruptionBudget")).contains("kendari-lumbung-worker");
        assertThat(rendered.named("Ingress")).isEmpty();
        assertThat(rendered.named("NetworkPolicy"))
                .containsExactlyInAnyOrder(
                        "kendari-lumbung-api", "kendari-lumbung-worker", "kendari-lumbung-migrations");
        assertThat(egressCidrs(rendered.one("NetworkPolicy", "kendari-lumbung-api")))
                .as("the API reaches the database alone (and DNS)")
                .containsExactly("0.0.0.0/0");
        assertThat(egressRules(rendered.one("NetworkPolicy", "kendari-lumbung-api")))
                .hasSize(2);
        assertThat(egressRules(rendered.one("NetworkPolicy", "kendari-lumbung-worker")))
                .hasSize(3);
    }

    @Test
    void aRegencysProductionValuesReachTheRolesThatNeedThem() {
        Manifests rendered = render(PRODUCTION);

        Map<String, Object> api = rendered.one("Deployment", "kendari-lumbung-api");
        Map<String, Object> worker = rendered.one("Deployment", "kendari-lumbung-worker");
        assertThat(container(api).get("image")).isEqualTo("registry.dinsos.example.go.id/lumbung:0.1.0");
        assertThat(list(map(api, "spec", "template", "spec"), "imagePullSecrets").stream()
                        .map(secret -> secret.get("name")))
                .containsExactly("registry-dinsos");
        // The agencies go to the worker; a bank's keys to both (the API checks its notifications).
        assertThat(env(worker))
                .containsEntry("DUKCAPIL_BASE_URL", "https://dukcapil.example.go.id:8443")
                .containsEntry("LUMBUNG_CONNECTORS_DUKCAPIL_INSTITUTION", "1234")
                .containsEntry("KEMENSOS_BASE_URL", "https://siks.example.go.id")
                .containsKey("LUMBUNG_CONNECTORS_KEMENSOS_TENANTS_7471_KEY")
                .containsEntry("LUMBUNG_CONNECTORS_DAPODIK_SCHOOLS_40201001_TENANT_ID", "7471")
                .containsEntry("LUMBUNG_CONNECTORS_DAPODIK_SCHOOLS_40201001_URL", "http://10.100.30.40:5774")
                .containsEntry("LUMBUNG_CONNECTORS_BANKS_BRI_PARTNER_ID", "DINSOS7471")
                .containsEntry("LUMBUNG_CONNECTORS_DUKCAPIL_BREAKER_OPEN_FOR", "30s")
                .doesNotContainKeys("LUMBUNG_BOOTSTRAP_USERNAME", "LUMBUNG_OIDC_JWKS_URL");
        assertThat(secretOf(worker, "DUKCAPIL_PASSWORD")).containsEntry("name", "lumbung-dukcapil");
        assertThat(secretOf(worker, "LUMBUNG_CONNECTORS_BANKS_BRI_PRIVATE_KEY"))
                .containsEntry("name", "lumbung-bank-bri")
                .containsEntry("key", "privateKey");
        assertThat(env(api))
                .containsKeys("LUMBUNG_CONNECTORS_BANKS_BRI_BANK_PUBLIC_KEY", "LUMBUNG_BOOTSTRAP_PASSWORD")
                .containsEntry("LUMBUNG_OIDC_PROVINCE", "74")
                .containsEntry("LUMBUNG_CONNECTORS_DUKCAPIL_BREAKER_OPEN_FOR", "30s")
                .doesNotContainKeys("DUKCAPIL_BASE_URL", "DUKCAPIL_PASSWORD", "KEMENSOS_BASE_URL");
        assertThat(secretOf(api, "LUMBUNG_BOOTSTRAP_PASSWORD")).containsEntry("name", "lumbung-bootstrap");
        for (Map<String, Object> deployment : List.of(api, worker)) {
            assertThat(list(container(deployment), "envFrom").stream()
                            .map(from -> String.valueOf(((Map<?, ?>) from.get("secretRef")).get("name"))))
                    .containsExactly("lumbung-extra");
        }

        Map<String, Object> ingress = rendered.one("Ingress", "kendari-lumbung-api");
        assertThat(map(ingress, "spec")).containsEntry("ingressClassName", "nginx");
        assertThat(list(map(ingress, "spec"), "tls")).singleElement().satisfies(tls -> assertThat(tls)
                .containsEntry("secretName", "lumbung-dinsos-tls")
                .containsEntry("hosts", List.of("lumbung.dinsos.kendarikota.example.go.id")));
        assertThat(map(ingress, "metadata", "annotations"))
                .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "200m");
        assertThat(map(rendered.one("HorizontalPodAutoscaler", "kendari-lumbung-api"), "spec"))
                .containsEntry("minReplicas", 3);

        // An API pod drains before it stops, within the time Kubernetes gives it.
        assertThat(env(api)).containsEntry("LUMBUNG_SHUTDOWN_DRAIN_SECONDS", "10");
        assertThat(map(api, "spec", "template", "spec")).containsEntry("terminationGracePeriodSeconds", 40);
        // Logs as JSON and traces to the collector, from both roles; the worker watches the secrets.
        for (Map<String, Object> deployment : List.of(api, worker)) {
            assertThat(env(deployment))
                    .containsEntry("LUMBUNG_LOG_FORMAT", "json")
                    .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.monitoring:4318")
                    .containsEntry("LUMBUNG_SECRETS_EXPIRY_DUKCAPIL", "2027-06-30");
        }

        assertThat(egressCidrs(rendered.one("NetworkPolicy", "kendari-lumbung-worker")))
                .containsExactlyInAnyOrder("10.20.0.0/16", "10.30.0.0/16", "10.100.0.0/16", "203.0.113.0/24");
        assertThat(egressCidrs(rendered.one("NetworkPolicy", "kendari-lumbung-api")))
                .as("never an agency: the database, the collector and the single sign-on's keys")
                .containsExactlyInAnyOrder("10.20.0.0/16", "10.30.0.0/16", "198.51.100.10/32");
        assertThat(egressCidrs(rendered.one("NetworkPolicy", "kendari-lumbung-migrations")))
                .containsExactlyInAnyOrder("10.20.0.0/16");
    }

    @Test
    void aPilotsMinimalValuesGiveFixedReplicasAndNothingElse() {
        Manifests rendered = render(MINIMAL);

        assertThat(map(rendered.one("Deployment", "kendari-lumbung-api"), "spec"))
                .containsEntry("replicas", 1);
        assertThat(rendered.named("HorizontalPodAutoscaler")).isEmpty();
        assertThat(rendered.named("NetworkPolicy")).isEmpty();
        assertThat(rendered.kinds()).containsOnly("Deployment", "Service", "PodDisruptionBudget");
    }

    @Test
    void valuesThatBreakTheSchemaAreRejected() {
        assertThatThrownBy(() -> new Helm(CHART)
                        .template()
                        .withName("kendari")
                        .set("database.url", "mysql://nope")
                        .call())
                .hasMessageContaining("/database/url");
        assertThatThrownBy(() -> new Helm(CHART)
                        .template()
                        .withName("kendari")
                        .set("networkPolicy.agencyCidrs[0]", "dukcapil.go.id")
                        .call())
                .hasMessageContaining("agencyCidrs");
        assertThatThrownBy(() -> new Helm(CHART)
                        .template()
                        .withName("kendari")
                        .set("connectors.banks.BRI.baseUrl", "https://bri.example")
                        .call())
                .as("a bank without its partner id, channel, account and secret")
                .hasMessageContaining("partnerId");
        assertThatThrownBy(() -> new Helm(CHART)
                        .template()
                        .withName("kendari")
                        .set("connectors.dukcapil.baseURL", "https://dukcapil.example")
                        .call())
                .as("a misspelt value is not silently ignored")
                .hasMessageContaining("baseURL");
    }

    private static Manifests render(Path values) {
        TemplateCommand template = new Helm(CHART).template().withName("kendari");
        if (values != null) {
            template = template.withValuesFile(values);
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(template.call())) {
            if (document instanceof Map<?, ?> object) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) object;
                objects.add(typed);
            }
        }
        return new Manifests(objects);
    }

    private record Manifests(List<Map<String, Object>> objects) {
        Map<String, Object> one(String kind, String name) {
            return objects.stream()
                    .filter(o -> kind.equals(o.get("kind"))
                            && name.equals(map(o, "metadata").get("name")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + kinds()));
        }

        List<String> named(String kind) {
            return objects.stream()
                    .filter(o -> kind.equals(o.get("kind")))
                    .map(o -> (String) map(o, "metadata").get("name"))
                    .toList();
        }

        List<String> kinds() {
            return objects.stream().map(o -> (String) o.get("kind")).distinct().toList();
        }
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        return list(map(deployment, "spec", "template", "spec"), "containers").get(0);
    }

    /** The container's environment: a value, or "secret:name/key" for one read from a Secret. */
    private static Map<String, String> env(Map<String, Object> deployment) {
        return list(container(deployment), "env").stream()
                .collect(Collectors.toMap(
                        e -> (String) e.get("name"),
                        e -> e.containsKey("value")
                                ? String.valueOf(e.get("value"))
                                : "secret:"
                                        + map(e, "valueFrom", "secretKeyRef").get("name") + "/"
                                        + map(e, "valueFrom", "secretKeyRef").get("key")));
    }

    private static Map<String, Object> secretOf(Map<String, Object> deployment, String variable) {
        return list(container(deployment), "env").stream()
                .filter(e -> variable.equals(e.get("name")))
                .map(e -> map(e, "valueFrom", "secretKeyRef"))
                .findFirst()
                .orElseThrow();
    }

    private static List<Map<String, Object>> egressRules(Map<String, Object> policy) {
        return list(map(policy, "spec"), "egress");
    }

    private static List<String> egressCidrs(Map<String, Object> policy) {
        List<String> cidrs = new ArrayList<>();
        for (Map<String, Object> rule : egressRules(policy)) {
            if (rule.get("to") instanceof List<?> to) {
                for (Object peer : to) {
                    cidrs.add((String) ((Map<?, ?>) ((Map<?, ?>) peer).get("ipBlock")).get("cidr"));
                }
            }
        }
        return cidrs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> from, String... path) {
        Map<String, Object> at = from;
        for (String key : path) {
            at = (Map<String, Object>) at.get(key);
            if (at == null) {
                throw new AssertionError("no " + String.join(".", path) + " in " + from);
            }
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> from, String key) {
        Object value = from.get(key);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }
}
