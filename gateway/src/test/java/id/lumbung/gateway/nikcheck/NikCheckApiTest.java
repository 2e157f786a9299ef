package id.lumbung.gateway.nikcheck;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import id.lumbung.core.testing.Eventually;
import id.lumbung.gateway.ApiTest;
import id.lumbung.simulators.dukcapil.DukcapilSimulator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

@MicronautTest(transactional = false)
class NikCheckApiTest extends ApiTest {
    private static final String CHECKS = "/api/v1/tenants/7471/nik-checks";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    DukcapilSimulator simulator;

    @Test
    void aNikGoesThroughTheOutboxToDukcapilAndItsResultIsReadable() {
        String kendari = login("admin-7471");
        var accepted = postJson(CHECKS, kendari, "{\"nik\":\"7471015106600002\"}");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        Map<String, Object> check = object(accepted);
        assertThat(check).containsEntry("status", "QUEUED").containsEntry("nik", "************0002");
        assertThat(accepted.headers().firstValue("Location")).hasValue(CHECKS + "/" + check.get("id"));

        Map<String, Object> done = awaitDone(kendari, (String) check.get("id"));
        assertThat(done).containsEntry("result", "DECEASED");
    }

    @Test
    void onlyAVerifierOrTheDpoSeesTheFullNikAndThatReadIsAudited() {
        String admin = login("admin-7471");
        String id = (String) object(postJson(CHECKS, admin, "{\"nik\":\"7471011205850001\"}"))
                .get("id");
        String name = "verifier-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        postJson(
                "/api/v1/tenants/7471/users",
                admin,
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"VERIFIER\"]}");
        String verifier = (String) object(postJson(
                        "/api/v1/auth/login",
                        null,
                        "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}"))
                .get("accessToken");

        assertProblem(get(CHECKS + "/" + id + "/nik", admin), 403, "permission_denied");
        assertProblem(get(CHECKS + "/" + id + "/nik", login("prov-74")), 403, "break_glass_required");
        var revealed = get(CHECKS + "/" + id + "/nik", verifier);
        assertThat(revealed.statusCode()).isEqualTo(200);
        assertThat(object(revealed)).containsEntry("nik", "7471011205850001");
    }

    @Test
    void theDatabaseNeverHoldsTheNikInTheClear() throws Exception {
        String kendari = login("admin-7471");
        simulator.stop();
        try {
            postJson(CHECKS, kendari, "{\"nik\":\"7471010303790003\"}");
            try (var owner = id.lumbung.core.testing.TestDatabase.get().ownerConnection();
                    var statement = owner.createStatement();
                    var rows = statement.executeQuery("SELECT (SELECT string_agg(payload::text, ' ') FROM outbox)"
                            + " || (SELECT string_agg(nik_encrypted || nik_index || nik_masked, ' ') FROM nik_check)"
                            + " || (SELECT string_agg(coalesce(subject_hash, ''), ' ') FROM audit_log)")) {
                rows.next();
                assertThat(rows.getString(1)).isNotBlank().doesNotContain("7471010303790003");
            }
        } finally {
            simulator.start();
        }
    }

    @ParameterizedTest(name = "{0} answers {1}")
    @CsvSource({
        "123, nik_not_16_digits",
        "747101120585000X, nik_not_16_digits",
        "7471011213850001, nik_invalid_birth_month",
        "7471013202850001, nik_invalid_birth_day",
        "7471017505850001, nik_invalid_birth_day"
    })
    void aNikOfTheWrongShapeIsRejectedNamingTheRule(String nik, String code) {
        var response = postJson(CHECKS, login("admin-7471"), "{\"nik\":\"" + nik + "\"}");
        assertProblem(response, 422, code);
        assertThat(response.body()).doesNotContain(nik);
    }

    @Test
    void anotherTenantsChecksAndPathsAnswer404() {
        String kendari = login("admin-7471");
        String kolaka = login("admin-7401");
        String id = (String) object(postJson(CHECKS, kendari, "{\"nik\":\"7471011205850001\"}"))
                .get("id");

        assertProblem(get(CHECKS + "/" + id, kolaka), 404, "tenant_not_found");
        assertProblem(get("/api/v1/tenants/7401/nik-checks/" + id, kolaka), 404, "nik_check_not_found");
        assertProblem(postJson(CHECKS, kolaka, "{\"nik\":\"7471011205850001\"}"), 404, "tenant_not_found");
        assertProblem(get("/api/v1/tenants/9999/nik-checks/" + id, kendari), 404, "tenant_not_found");
        assertProblem(get(CHECKS + "/not-a-uuid", kendari), 404, "nik_check_not_found");
    }

    @Test
    void aProvinceAdminReadsButCannotSubmit() {
        String kendari = login("admin-7471");
        String id = (String) object(postJson(CHECKS, kendari, "{\"nik\":\"7471011205850001\"}"))
                .get("id");
        String province = login("prov-74");

        assertProblem(get(CHECKS + "/" + id, province), 403, "break_glass_required");
        var access = postJson(
                "/api/v1/tenants/7471/break-glass",
                province,
                "{\"reason\":\"Memeriksa pengaduan NIK tidak padan di Kendari\",\"minutes\":15}");
        assertThat(access.statusCode()).as(access.body()).isEqualTo(201);
        try {
            assertThat(get(CHECKS + "/" + id, province).statusCode()).isEqualTo(200);
            assertProblem(postJson(CHECKS, province, "{\"nik\":\"7471011205850001\"}"), 403, "permission_denied");
        } finally {
            postJson("/api/v1/tenants/7471/break-glass/" + object(access).get("id") + "/close", province, "");
        }
    }

    @Test
    void withDukcapilStoppedChecksWaitAndCompleteWhenItComesBack() {
        String kendari = login("admin-7471");
        simulator.stop();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                ids.add((String) object(postJson(CHECKS, kendari, "{\"nik\":\"7471011205850001\"}"))
                        .get("id"));
            }
            Eventually.await(
                    PATIENCE,
                    () -> object(get(CHECKS + "/" + ids.get(0), kendari)).get("status"),
                    "RETRYING"::equals);
            for (String id : ids) {
                assertThat(object(get(CHECKS + "/" + id, kendari)).get("status"))
                        .isIn("QUEUED", "RETRYING");
            }
        } finally {
            simulator.start();
        }
        for (String id : ids) {
            assertThat(awaitDone(kendari, id)).containsEntry("result", "FOUND");
        }
    }

    @Test
    void noLogLineCarriesAFullNik() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        try {
            String kendari = login("admin-7471");
            String id = (String) object(postJson(CHECKS, kendari, "{\"nik\":\"7471011205850001\"}"))
                    .get("id");
            awaitDone(kendari, id);
            postJson(CHECKS, kendari, "{\"nik\":\"7471011213850001\"}");
        } finally {
            root.detachAppender(captured);
        }
        assertThat(captured.list).isNotEmpty();
        assertThat(captured.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.matches("(?s).*(?<![0-9])[0-9]{16}(?![0-9]).*"));
    }

    private Map<String, Object> awaitDone(String token, String id) {
        return Eventually.await(
                PATIENCE, () -> object(get(CHECKS + "/" + id, token)), check -> "DONE".equals(check.get("status")));
    }
}
