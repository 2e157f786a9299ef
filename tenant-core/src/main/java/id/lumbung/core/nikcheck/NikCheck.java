package id.lumbung.core.nikcheck;

import java.time.Instant;
import java.util.UUID;

/**
 * A request to verify a NIK against Dukcapil, and its outcome.
 *
 * @param tenantId the tenant that asked
 * @param id the check's id
 * @param nikMasked the NIK, masked (the full value lives only in the outbox until answered)
 * @param status where the check is
 * @param result Dukcapil's answer once {@link NikCheckStatus#DONE}
 * @param attempts how many times it was sent
 * @param lastError the last transport failure, if any
 * @param createdAt when it was asked
 * @param completedAt when it was answered
 */
public record NikCheck(
        String tenantId,
        UUID id,
        String nikMasked,
        NikCheckStatus status,
        NikCheckResult result,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant completedAt) {}
