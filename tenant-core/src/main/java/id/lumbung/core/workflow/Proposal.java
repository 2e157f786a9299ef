package id.lumbung.core.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A proposal (usulan) as the API and the pages show it: NIK and KK masked; its checks, each with
 * its outcome; its history; and the version to name in the next step (a stale one is refused).
 */
@Serdeable
public record Proposal(
        UUID id,
        String receipt,
        String villageCode,
        Kind kind,
        String reason,
        String source,
        @Nullable UUID householdId,
        @Nullable UUID musyawarahId,
        String headName,
        String address,
        @Nullable String nikMasked,
        @Nullable String kkMasked,
        @Nullable String note,
        @Nullable String evidenceSha256,
        ProposalState state,
        @Nullable String assignedTo,
        @Nullable UUID batchId,
        @Nullable Integer desilEstimate,
        int version,
        String createdBy,
        Instant createdAt,
        Instant stateSince,
        List<Check> checks,
        List<Event> history) {

    /** What the village asks. */
    public enum Kind {
        /** A household not in the DTKS yet. */
        ADD,
        /** A change of a registered household's members or data. */
        CHANGE,
        /** A household to take out: died, moved, no longer poor. */
        REMOVE
    }

    /**
     * One automatic check of the proposal.
     *
     * @param code what was checked, e.g. {@code nik_rules}, {@code duplicate_province}, {@code dukcapil}
     * @param field the field it concerns ({@code nik}, {@code kk}, {@code household}), or {@code null}
     * @param outcome {@code OK}, {@code WARNING}, {@code FAILED}, or {@code PENDING} (an agency has not answered yet)
     * @param message what it found, in Bahasa Indonesia
     * @param reference the agency request it waits for (a NIK check), if any
     */
    @Serdeable
    public record Check(String code, @Nullable String field, String outcome, String message, @Nullable UUID reference) {
        Check answered(String newOutcome, String newMessage) {
            return new Check(code, field, newOutcome, newMessage, reference);
        }
    }

    /** A step of its history: who did what, for whom, when, and how long it had waited before. */
    @Serdeable
    public record Event(
            String command,
            @Nullable ProposalState from,
            ProposalState to,
            String actor,
            @Nullable String onBehalfOf,
            Instant at,
            long waitedMs,
            @Nullable String note) {}
}
