package id.lumbung.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.connectors.camel.ConnectorMetrics;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.connector.ConnectorControl;
import id.lumbung.core.operations.Watch;
import id.lumbung.core.testing.Tenants;
import id.lumbung.core.testing.TestDatabase;
import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The gauges behind the alert rules read what they say, from the database as it is. */
@MicronautTest(transactional = false)
class WatchGaugesTest extends ApiTest {
    private static final String TENANT = "7410";

    @Inject
    WatchGauges gauges;

    @Inject
    AuditLog audit;

    @Inject
    Tenants tenants;

    @Inject
    ConnectorControl control;

    @Inject
    Watch watch;

    @Inject
    ConnectorMetrics connectorMetrics;

    @Override
    protected Map<String, String> extraProperties() {
        return with("lumbung.secrets.expiry.dukcapil", "2027-06-30");
    }

    @Test
    void aBrokenAuditChainAMessageWaitingTwoHoursAndASecretsExpiryShowInTheMetrics() throws Exception {
        tenants.ensure("74.10");
        Caller admin = Caller.of("admin-" + TENANT, Role.TENANT_ADMIN, Set.of(TENANT), "74");
        for (int i = 0; i < 3; i++) {
            audit.record(TENANT, admin, "TEST_ACT", "subject-" + i, List.of());
        }
        try (var owner = TestDatabase.get().ownerConnection();
                var statement = owner.createStatement()) {
            statement.executeUpdate(
                    "UPDATE audit_log SET actor = 'someone-else' WHERE tenant_id = '" + TENANT + "' AND seq = 2");
            statement.executeUpdate(
                    "INSERT INTO outbox (tenant_id, id, agency, kind, aggregate_id, payload, status, created_at)"
                            + " VALUES ('" + TENANT
                            + "', gen_random_uuid(), 'WATCHED', 'TEST', gen_random_uuid(), '{}', 'QUEUED',"
                            + " now() - interval '2 hours')");
        }
        try {
            // Two worker replicas: the first claims the verification, the second finds it claimed.
            statement("UPDATE audit_verification SET started_at = NULL, verified_at = NULL, broken = NULL");
            assertThat(watch.claimAuditVerification(Duration.ofHours(6))).isTrue();
            assertThat(watch.claimAuditVerification(Duration.ofHours(6))).isFalse();
            gauges.verifyAuditChains();
            assertThat(watch.lastAuditVerification().verifiedAt()).isNull();
            statement("UPDATE audit_verification SET started_at = NULL");
            gauges.verifyAuditChains();
            assertThat(watch.lastAuditVerification().broken()).isGreaterThanOrEqualTo(1);
            gauges.refresh();
            // What the connectors' gauges read every 15 s, read now.
            connectorMetrics.refresh(control.queues(null), control.pauses(null));

            String metrics = prometheus();
            assertThat(value(metrics, "lumbung_audit_chains_broken")).isGreaterThanOrEqualTo(1);
            assertThat(value(metrics, "lumbung_audit_chains_verified")).isGreaterThan(0);
            assertThat(value(metrics, "lumbung_connector_oldest_waiting_seconds\\{agency=\"WATCHED\",?\\}"))
                    .isBetween(7_100.0, 7_400.0);
            assertThat(value(metrics, "lumbung_secret_expiry\\{secret=\"dukcapil\",?\\}"))
                    .isEqualTo((double) LocalDate.of(2027, 6, 30)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toEpochSecond());
            assertThat(value(metrics, "lumbung_jobs_stuck\\{kind=\"import\",?\\}"))
                    .isGreaterThanOrEqualTo(0);
        } finally {
            try (var owner = TestDatabase.get().ownerConnection();
                    var statement = owner.createStatement()) {
                statement.executeUpdate("DELETE FROM outbox WHERE agency = 'WATCHED'");
            }
        }
    }

    private String prometheus() throws Exception {
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + "/prometheus"))
                        .header("Authorization", "Bearer " + login("admin"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        return metrics.body();
    }

    private static double value(String metrics, String series) {
        Matcher line = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics);
        assertThat(line.find()).as("%s in the metrics", series).isTrue();
        return Double.parseDouble(line.group(1));
    }

    private static void statement(String sql) throws java.sql.SQLException {
        try (var owner = TestDatabase.get().ownerConnection();
                var statement = owner.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
