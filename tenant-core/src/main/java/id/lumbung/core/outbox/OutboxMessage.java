package id.lumbung.core.outbox;

import java.util.UUID;

/**
 * A message to an agency, claimed from the outbox by a connector.
 *
 * @param tenantId the tenant it belongs to
 * @param id the message id (with the tenant, the idempotency key of its result)
 * @param agency the agency, e.g. {@code DUKCAPIL}
 * @param kind what to do, e.g. {@code NIK_CHECK}
 * @param aggregateId the domain object waiting for the result
 * @param payload the request as JSON
 * @param attempts how many times it has been claimed, this claim included
 * @param traceContext the W3C {@code traceparent} of the request that queued it, or {@code null}
 * @param requestId the id of that request, or {@code null}
 */
public record OutboxMessage(
        String tenantId,
        UUID id,
        String agency,
        String kind,
        UUID aggregateId,
        String payload,
        int attempts,
        String traceContext,
        String requestId) {

    /** Without the payload: it may hold a NIK. */
    @Override
    public String toString() {
        return "OutboxMessage[tenantId=" + tenantId + ", id=" + id + ", agency=" + agency + ", kind=" + kind
                + ", aggregateId=" + aggregateId + ", attempts=" + attempts + "]";
    }
}
