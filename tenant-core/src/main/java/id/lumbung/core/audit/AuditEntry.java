package id.lumbung.core.audit;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One line of a tenant's audit log.
 *
 * @param tenantId the tenant
 * @param seq position in the tenant's chain, from 1
 * @param occurredAt when (UTC)
 * @param actor who
 * @param roles with which roles
 * @param action what, e.g. {@code NIK_CHECK_READ}
 * @param purpose why, as the caller stated it or the action implies
 * @param subjectHash SHA-256 of the subject (a person's NIK, an object id), never the subject itself
 * @param fields the fields read or changed
 * @param result {@code OK} or the refusal's code
 * @param requestId the request's correlation id
 * @param prevHash the previous entry's hash ({@code 64 zeros} for the first)
 * @param hash SHA-256 over the previous hash and this entry's content
 */
@Serdeable
public record AuditEntry(
        String tenantId,
        long seq,
        Instant occurredAt,
        String actor,
        String roles,
        String action,
        String purpose,
        String subjectHash,
        String fields,
        String result,
        String requestId,
        String prevHash,
        String hash) {

    /** The text the hash covers: every field but the hash itself, in a fixed order. */
    String canonical() {
        return String.join(
                "\u001f",
                tenantId,
                Long.toString(seq),
                occurredAt.toString(),
                actor,
                roles,
                action,
                purpose,
                subjectHash == null ? "" : subjectHash,
                fields,
                result,
                requestId,
                prevHash);
    }
}
