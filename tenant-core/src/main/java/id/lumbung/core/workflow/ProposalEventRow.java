package id.lumbung.core.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.time.Instant;
import java.util.UUID;

/** One step in a proposal's history: who did what, for whom, and how long it had waited. */
@MappedEntity("proposal_event")
record ProposalEventRow(
        @Id @GeneratedValue(GeneratedValue.Type.IDENTITY) @Nullable Long seq,
        @TenantId String tenantId,
        UUID proposalId,
        String command,
        @Nullable String fromState,
        String toState,
        String actor,
        @Nullable String onBehalfOf,
        @GeneratedValue @Nullable Instant at,
        long waitedMs,
        @Nullable String note) {

    /** The first event of a proposal just opened: into its state, by {@code actor}. */
    static ProposalEventRow opening(ProposalRow row, String command, String actor, String note) {
        return new ProposalEventRow(
                null, row.tenantId(), row.id(), command, null, row.state(), actor, null, null, 0, note);
    }
}
