package id.lumbung.core.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An approval list: verified proposals approved together, step by step along the tenant's chain.
 * {@code listSha256} is the SHA-256 of the list's lines (see {@code docs/api.md}); the PDF prints
 * it, and each decision names the hash its official approved.
 */
@Serdeable
public record ApprovalList(
        UUID id,
        String title,
        String state,
        int proposals,
        String listSha256,
        String createdBy,
        Instant createdAt,
        @Nullable Step nextStep,
        Instant stepSince,
        List<Step> chain,
        List<Decision> decisions,
        @Nullable UUID exchangeId,
        @Nullable String sentBy,
        @Nullable Instant sentAt,
        int version) {

    /** A step of the chain: the role that decides there. */
    @Serdeable
    public record Step(int position, String role, String label) {}

    /** A decision: who took it (for whom, under a delegation), when, and how long the list had waited. */
    @Serdeable
    public record Decision(
            int position,
            String role,
            String label,
            String decidedBy,
            @Nullable String onBehalfOf,
            Instant decidedAt,
            long waitedMs,
            String listSha256) {}
}
