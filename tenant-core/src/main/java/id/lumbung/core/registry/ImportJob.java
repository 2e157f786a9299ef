package id.lumbung.core.registry;

import java.time.Instant;
import java.util.UUID;

/**
 * An import of a registry file and how far it got.
 *
 * @param tenantId the tenant
 * @param id the job's id
 * @param fileName the uploaded file's name
 * @param format CSV or XLSX
 * @param mode keep the good rows, or change nothing if any row is refused
 * @param status QUEUED, RUNNING, SUCCEEDED, REJECTED (all-or-nothing with refused rows) or FAILED
 * @param phase what a running job does: READING (each row read and checked), CHECKING (duplicates
 *     and households over the whole file), SAVING (households and members written), then DONE
 * @param rowsTotal rows read so far (all rows once finished)
 * @param rowsProcessed rows checked so far
 * @param rowsAccepted rows imported
 * @param rowsRejected rows refused
 * @param warnings warnings raised
 * @param householdsCreated new households
 * @param householdsUpdated households that changed
 * @param membersCreated new members
 * @param membersUpdated members that changed
 * @param message why a job failed or was rejected, else {@code null}
 * @param requestedBy who uploaded it
 * @param createdAt when
 * @param finishedAt when it ended, else {@code null}
 */
public record ImportJob(
        String tenantId,
        UUID id,
        String fileName,
        String format,
        String mode,
        String status,
        String phase,
        long rowsTotal,
        long rowsProcessed,
        long rowsAccepted,
        long rowsRejected,
        long warnings,
        long householdsCreated,
        long householdsUpdated,
        long membersCreated,
        long membersUpdated,
        String message,
        String requestedBy,
        Instant createdAt,
        Instant finishedAt) {

    public boolean finished() {
        return status.equals("SUCCEEDED") || status.equals("REJECTED") || status.equals("FAILED");
    }
}
