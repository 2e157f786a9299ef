package id.lumbung.core.workflow;

import id.lumbung.core.nik.Nik;
import id.lumbung.core.protection.IdentifierProtection;
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

    /** A NIK or KK as a proposal keeps it: encrypted, as its blind index and masked (all null when absent). */
    record Identifier(String encrypted, String index, String masked) {
        static final Identifier NONE = new Identifier(null, null, null);

        /** The value protected for the tenant; {@link #NONE} when there is none. */
        static Identifier of(IdentifierProtection protection, String tenantId, String value) {
            return value == null
                    ? NONE
                    : new Identifier(
                            protection.encrypt(tenantId, value), protection.blindIndex(value), Nik.mask(value));
        }
    }

    /**
     * A proposal as it is first written, whoever opens it (an operator, a citizen, a life event, the
     * ministry's answer): a new id and receipt, version 0, not yet checked, assigned or listed.
     */
    static ProposalRow opened(
            String tenantId,
            String villageCode,
            Proposal.Kind kind,
            String reason,
            String source,
            UUID householdId,
            UUID musyawarahId,
            String headName,
            String address,
            Identifier kk,
            Identifier nik,
            String note,
            String evidenceSha256,
            ProposalState state,
            String createdBy) {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return new ProposalRow(
                UUID.randomUUID(),
                tenantId,
                ProposalService.receipt(tenantId),
                villageCode,
                kind.name(),
                reason,
                source,
                householdId,
                musyawarahId,
                headName,
                address,
                kk.encrypted(),
                kk.index(),
                kk.masked(),
                nik.encrypted(),
                nik.index(),
                nik.masked(),
                note,
                evidenceSha256,
                state.name(),
                null,
                null,
                null,
                null,
                0,
                createdBy,
                now,
                now);
    }

    Identifier kk() {
        return new Identifier(kkEncrypted, kkIndex, kkMasked);
    }

    Identifier nik() {
        return new Identifier(nikEncrypted, nikIndex, nikMasked);
    }

    /** The same proposal with the checks run on it (JSON). */
    ProposalRow withChecks(String found) {
        return with(found, desilEstimate);
    }

    /** The same proposal with a desil estimate (a copy keeps its original's). */
    ProposalRow withDesilEstimate(Integer estimate) {
        return with(checks, estimate);
    }

    private ProposalRow with(String newChecks, Integer newEstimate) {
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
                newChecks,
                assignedTo,
                batchId,
                newEstimate,
                version,
                createdBy,
                createdAt,
                stateSince);
    }

    ProposalState currentState() {
        return ProposalState.valueOf(state);
    }
}
