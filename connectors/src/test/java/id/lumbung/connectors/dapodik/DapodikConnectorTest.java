package id.lumbung.connectors.dapodik;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.core.connector.ConnectorControl;
import id.lumbung.core.student.StudentPulls;
import id.lumbung.core.student.StudentService;
import id.lumbung.core.testing.DatabaseTest;
import id.lumbung.core.testing.Eventually;
import id.lumbung.core.testing.FreePort;
import id.lumbung.core.testing.Tenants;
import id.lumbung.simulators.Faults;
import id.lumbung.simulators.dapodik.DapodikSimulator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pulls of students from the schools' Dapodik web services, against the Dapodik simulator over HTTP. */
@MicronautTest(transactional = false)
class DapodikConnectorTest extends DatabaseTest {
    private static final Caller KENDARI = Caller.of("admin-7471", Role.TENANT_ADMIN, Set.of("7471"), null);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String BIG = "40201001";
    private static final String ODD = "40201002";
    private static final String UNKNOWN = "40201003";
    private static final String WRONG_TOKEN = "40201004";
    private static final String GARBLED = "40201005";
    private static final int PORT = FreePort.pick();

    @Inject
    StudentPulls pulls;

    @Inject
    StudentService students;

    @Inject
    DapodikSimulator simulator;

    @Inject
    ConnectorControl control;

    @Inject
    Tenants tenants;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.ofEntries(
                Map.entry("lumbung.simulators.enabled", "true"),
                Map.entry("lumbung.simulators.dapodik.port", String.valueOf(PORT)),
                Map.entry("lumbung.connectors.dapodik.page-size", "50"),
                Map.entry("lumbung.connectors.dapodik.poll-interval", "100ms"),
                Map.entry("lumbung.connectors.dapodik.redelivery-delay", "20ms"),
                Map.entry("lumbung.connectors.dapodik.max-retry-delay", "500ms"),
                Map.entry("lumbung.connectors.dapodik.schools." + BIG + ".tenant-id", "7471"),
                Map.entry("lumbung.connectors.dapodik.schools." + BIG + ".name", "SD NEGERI 1 KENDARI"),
                Map.entry("lumbung.connectors.dapodik.schools." + ODD + ".tenant-id", "7471"),
                Map.entry("lumbung.connectors.dapodik.schools." + UNKNOWN + ".tenant-id", "7471"),
                Map.entry("lumbung.connectors.dapodik.schools." + GARBLED + ".tenant-id", "7471"),
                // A real address (the simulator's) with a token the school never gave.
                Map.entry("lumbung.connectors.dapodik.schools." + WRONG_TOKEN + ".tenant-id", "7471"),
                Map.entry("lumbung.connectors.dapodik.schools." + WRONG_TOKEN + ".url", "http://127.0.0.1:" + PORT),
                Map.entry("lumbung.connectors.dapodik.schools." + WRONG_TOKEN + ".token", "not-the-schools-token"));
    }

    @BeforeAll
    void schools() {
        tenants.ensure("74.71");
        simulator.register(BIG, "SD NEGERI 1 KENDARI", DapodikSimulator.pupils(BIG, "747101", 240, 7));
        simulator.register(WRONG_TOKEN, "SD NEGERI 9 KENDARI", DapodikSimulator.pupils(WRONG_TOKEN, "747101", 3, 9));
        // A school whose answer has upper-case field names and rows that cannot be kept.
        List<Map<String, Object>> odd = new ArrayList<>();
        for (Map<String, Object> pupil : DapodikSimulator.pupils(ODD, "747102", 4, 11)) {
            Map<String, Object> upper = new LinkedHashMap<>();
            pupil.forEach((name, value) -> upper.put(name.toUpperCase(java.util.Locale.ROOT), value));
            odd.add(upper);
        }
        odd.get(1).put("NISN", "12345");
        odd.get(2).put("NIK", "7471021313120003");
        odd.add(new LinkedHashMap<>(odd.get(0)));
        simulator.register(ODD, "SD NEGERI 5 KENDARI", odd);
        // A school whose answer has rows, but none of the fields a student needs.
        simulator.register(GARBLED, "SD NEGERI 7 KENDARI", List.of(Map.of("kolom", "isi"), Map.of("kolom", "lain")));
    }

    @AfterEach
    void noFaults() {
        simulator.faults(Faults.NONE);
        simulator.start();
    }

    @Test
    void aSchoolIsReadPageByPageOnceAndReadingItAgainChangesNothing() {
        long before = simulator.hits();
        StudentPulls.Pull pull = done(pulls.start(KENDARI, "7471", List.of(BIG)).get(0));

        assertThat(pull.status()).isEqualTo("DONE");
        assertThat(pull.students()).isEqualTo(240);
        assertThat(pull.changed()).isEqualTo(240);
        assertThat(pull.rejected()).isZero();
        assertThat(pull.attempts()).isEqualTo(1);
        assertThat(simulator.hits() - before)
                .as("5 pages of 50, one request each")
                .isEqualTo(5);

        StudentPulls.Pull again =
                done(pulls.start(KENDARI, "7471", List.of(BIG)).get(0));
        assertThat(again.students()).isEqualTo(240);
        assertThat(again.changed()).as("nothing changed at the school").isZero();

        String nisn =
                (String) DapodikSimulator.pupils(BIG, "747101", 240, 7).get(239).get("nisn");
        assertThat(students.find(KENDARI, "7471", null, nisn)).singleElement().satisfies(student -> {
            assertThat(student.npsn()).isEqualTo(BIG);
            assertThat(student.schoolName()).isEqualTo("SD NEGERI 1 KENDARI");
            assertThat(student.nikMasked()).startsWith("************");
        });
    }

    @Test
    void fieldNamesInAnyCaseAreReadAndBadRowsAreReportedByTheirRowInTheAnswer() {
        StudentPulls.Pull pull = done(pulls.start(KENDARI, "7471", List.of(ODD)).get(0));

        assertThat(pull.students()).isEqualTo(5);
        assertThat(pull.changed()).isEqualTo(2);
        assertThat(pull.rejected()).isEqualTo(3);
        assertThat(pull.issues())
                .containsExactly(
                        "row 2, nisn: A NISN has exactly 10 digits",
                        "row 3, nik: Digits 9-10 of a NIK are the birth month, 01 to 12",
                        "row 5, nisn: The same record is on line 1")
                .noneMatch(issue -> issue.matches(".*[0-9]{16}.*"));
    }

    @Test
    void aRefusedTokenOrAnUnknownSchoolFailsThatSchoolAtOnceWithoutPausingTheOthers() {
        long before = simulator.hits();
        List<StudentPulls.Pull> started = pulls.start(KENDARI, "7471", List.of(WRONG_TOKEN, UNKNOWN, ODD));

        StudentPulls.Pull refused = settled(started.stream()
                .filter(pull -> pull.npsn().equals(WRONG_TOKEN))
                .findFirst()
                .orElseThrow());
        StudentPulls.Pull unknown = settled(started.stream()
                .filter(pull -> pull.npsn().equals(UNKNOWN))
                .findFirst()
                .orElseThrow());
        StudentPulls.Pull other = settled(started.stream()
                .filter(pull -> pull.npsn().equals(ODD))
                .findFirst()
                .orElseThrow());

        assertThat(refused.status()).isEqualTo("FAILED");
        assertThat(refused.lastError()).contains("refused our token (HTTP 401)").doesNotContain("not-the-schools");
        assertThat(unknown.status()).isEqualTo("FAILED");
        assertThat(unknown.lastError()).contains("HTTP 404");
        assertThat(other.status()).as("the tenant's other school is read").isEqualTo("DONE");
        assertThat(simulator.hits() - before)
                .as("no retry of a refusal: one call each")
                .isEqualTo(3);
        assertThat(control.pauseOf("7471", "DAPODIK")).isEmpty();
        assertThat(control.deadLetters(KENDARI, "7471", false, id.lumbung.core.paging.PageRequest.first())
                        .items())
                .filteredOn(letter -> letter.aggregateId().equals(refused.id()))
                .singleElement()
                .satisfies(letter -> assertThat(letter.reason()).contains("HTTP 401"));
    }

    @Test
    void aSchoolThatIsOffOrFailingIsReadOnceItAnswersAndEveryPageCounts() {
        simulator.stop();
        StudentPulls.Pull waiting = pulls.start(KENDARI, "7471", List.of(BIG)).get(0);
        Eventually.await(PATIENCE, () -> pulls.get(KENDARI, "7471", waiting.id()), pull -> pull.attempts() >= 2);
        assertThat(pulls.get(KENDARI, "7471", waiting.id()).status()).isEqualTo("QUEUED");

        simulator.faults(Faults.NONE.withErrorRate(0.3));
        simulator.start();
        StudentPulls.Pull pull = done(waiting);

        assertThat(pull.students()).isEqualTo(240);
        assertThat(pull.lastError()).isNull();
    }

    @Test
    void anAnswerThatCannotBeKeptFailsThePullOnceAndIsNotFetchedAgain() {
        long before = simulator.hits();
        StudentPulls.Pull pull =
                settled(pulls.start(KENDARI, "7471", List.of(GARBLED)).get(0));

        assertThat(pull.status()).isEqualTo("FAILED");
        assertThat(pull.lastError()).contains("wrong_header").contains("nisn");
        assertThat(simulator.hits() - before).as("read once, never again").isEqualTo(1);
        sleep(1_500);
        assertThat(simulator.hits() - before).isEqualTo(1);
    }

    @Test
    void aSchoolNotConfiguredForTheTenantIsRefused() {
        assertThat(pulls.schools(KENDARI, "7471"))
                .extracting(StudentPulls.School::npsn)
                .contains(BIG, ODD);
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> pulls.start(KENDARI, "7471", List.of("99999999")), id.lumbung.core.error.LumbungException.class);
        assertThat(thrown.code()).isEqualTo("unknown_school");
    }

    private StudentPulls.Pull done(StudentPulls.Pull pull) {
        StudentPulls.Pull settled = settled(pull);
        assertThat(settled.status()).as(String.valueOf(settled.lastError())).isEqualTo("DONE");
        return settled;
    }

    private StudentPulls.Pull settled(StudentPulls.Pull pull) {
        return Eventually.await(
                PATIENCE, () -> pulls.get(KENDARI, "7471", pull.id()), found -> !"QUEUED".equals(found.status()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
