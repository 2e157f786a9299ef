package id.lumbung.core.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * A proposal as Micronaut Data maps it ({@code tenantId} from the enclosing tenant transaction).
 * NIK and KK are here only encrypted, as their blind index and masked; {@code checks} is the JSON
 * of the automatic checks run on submission.
 */
@MappedEntity("proposal")
record ProposalRow(
        @Id UUID id,
        @TenantId String tenantId,
        String receipt,
        String villageCode,
        String kind,
        String reason,
        String source,
        @Nullable UUID householdId,
        @Nullable UUID musyawarahId,
        String headName,
        String address,
        @Nullable String kkEncrypted,
        @Nullable String kkIndex,
        @Nullable String kkMasked,
        @Nullable String nikEncrypted,
        @Nullable String nikIndex,
        @Nullable String nikMasked,
        @Nullable String note,
        @Nullable String evidenceSha256,
        String state,
        @Nullable String checks,
        @Nullable String assignedTo,
        @Nullable UUID batchId,
        @Nullable Integer desilEstimate,
        int version,
        String createdBy,
        Instant createdAt,
        Instant stateSince) {

    /** The same proposal with the checks run on it (JSON). */
    ProposalRow withChecks(String found) {
        return new ProposalRow(
                id,
                tenantId,
                receipt,
                villageCode,
                kind,
                reason,
                source,
                householdId,
                musyawarahId,
                headName,
                address,
                kkEncrypted,
                kkIndex,
                kkMasked,
                nikEncrypted,
                nikIndex,
                nikMasked,
                note,
                evidenceSha256,
                state,
                found,
                assignedTo,
                batchId,
                desilEstimate,
                version,
                createdBy,
                createdAt,
                stateSince);
    }

    ProposalState currentState() {
        return ProposalState.valueOf(state);
    }
}
