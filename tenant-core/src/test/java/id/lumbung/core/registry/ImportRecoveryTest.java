package id.lumbung.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.testing.DatabaseTest;
import id.lumbung.core.testing.Eventually;
import id.lumbung.core.testing.Tenants;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A process that stopped mid-import left its jobs RUNNING (its transaction rolled back, so
 * nothing was applied). At the next start the job whose file is still there runs again to the
 * end; the one whose file is gone is failed with a message.
 */
@MicronautTest(transactional = false)
class ImportRecoveryTest extends DatabaseTest {
    private static final Path DIRECTORY = temporaryDirectory();

    @Inject
    ImportService imports;

    @Inject
    ImportRepository jobs;

    @Inject
    ImportJobRows rows;

    @Inject
    TenantTransactions transactions;

    @Inject
    Tenants tenants;

    private final Caller admin = Caller.of("admin-test", Role.TENANT_ADMIN, Set.of("7471"), null);

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("lumbung.imports.directory", DIRECTORY.toString());
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("lumbung-imports");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void interruptedJobsRunAgainOrFailCleanlyAtTheNextStart() throws IOException {
        tenants.ensure("74.71");
        Path file = DIRECTORY.resolve("interrupted.upload");
        Files.writeString(
                file,
                "iddtks;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;jenis_kelamin;"
                        + "hubungan_keluarga;nama_ibu_kandung;desil\n"
                        + "RECOVER1;74.71.01.1005;Jl. Ulang;1;1;7471010101990001;7471011203800901;LA ODE ULANG;KENDARI;"
                        + "12-03-1980;L;Kepala Keluarga;WA ODE;3\n",
                StandardCharsets.UTF_8);
        UUID resumable = runningJob(file.toString());
        UUID orphan = runningJob(DIRECTORY.resolve("gone.upload").toString());
        Path stray = DIRECTORY.resolve("7471-stray.upload");
        Files.writeString(stray, "a file a process stopped between upload and job left behind");

        imports.resumeUnfinished(null);

        assertThat(stray).as("a file no job names is swept at start-up").doesNotExist();
        assertThat(java.nio.file.Files.getPosixFilePermissions(DIRECTORY))
                .as("the folder of uploads is the process's alone")
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

        ImportJob resumed = Eventually.await(
                Duration.ofSeconds(20), () -> imports.status(admin, "7471", resumable), ImportJob::finished);
        assertThat(resumed.status()).isEqualTo("SUCCEEDED");
        assertThat(resumed.membersCreated()).isEqualTo(1);
        assertThat(Files.exists(file))
                .as("the file with NIKs is deleted once the job ends")
                .isFalse();

        ImportJob failed = imports.status(admin, "7471", orphan);
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.message()).contains("nothing was changed");
    }

    private UUID runningJob(String path) {
        UUID id = UUID.randomUUID();
        transactions.inTenant("7471", connection -> {
            // Queued, then started, as a run does it; then the process stops.
            rows.save(ImportJobRow.queued("7471", id, "dtks.csv", path, "CSV", "KEEP_GOOD_ROWS", "admin-test"));
            jobs.started(connection, "7471", id);
            return null;
        });
        return id;
    }
}
