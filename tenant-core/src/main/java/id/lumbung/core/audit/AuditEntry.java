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
 * @param subjectHash keyed hash (HMAC) of the subject (a person's NIK, an object id), never the subject itself
 * @param fields the fields read or changed
 * @param result {@code OK} or the refusal's code
 * @param requestId the request's correlation id
 * @param prevHash the previous entry's hash ({@code 64 zeros} for the first)
 * @param hash HMAC-SHA256 (under {@code keyId}) over the previous hash and this entry's content
 * @param keyId the audit key that sealed the entry; {@code null} for entries sealed before keys (plain SHA-256)
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
        String hash,
        @io.micronaut.core.annotation.Nullable String keyId) {

    /** The text the hash covers: every field but the hash itself, in a fixed order (the key id too, once keyed). */
    String canonical() {
        String text = String.join(
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
        return keyId == null ? text : text + "\u001f" + keyId;
    }

    /** The same entry sealed with {@code hash}. */
    AuditEntry sealed(String hash) {
        return new AuditEntry(
                tenantId,
                seq,
                occurredAt,
                actor,
                roles,
                action,
                purpose,
                subjectHash,
                fields,
                result,
                requestId,
                prevHash,
                hash,
                keyId);
    }
}
