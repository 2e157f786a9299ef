package id.lumbung.core.workflow;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.household.ExportSheet;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The ministry's monthly determination read against what the regency sent: per village, the
 * households added, removed, changed, returned, whose desil changed, and the proposals still
 * waiting (a page and an .xlsx). Returned proposals become correction tasks for their village (a
 * draft with the ministry's reason). Corrections that stick: a record that comes back in a later
 * list after it was corrected or removed is flagged at once, with the date and evidence of the
 * correction, and a resubmission is prepared for the next approval list.
 */
@Singleton
public final class Determinations {
    static final String ACTOR = "kemensos";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", new java.util.Locale("id"))
            .withZone(ZoneId.of("Asia/Jakarta"));

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final AuditLog audit;
    private final DeterminationRows rows;
    private final ProposalRows proposals;
    private final ProposalEventRows events;

    Determinations(
            TenantTransactions transactions,
            Authorizer access,
            AuditLog audit,
            DeterminationRows rows,
            ProposalRows proposals,
            ProposalEventRows events) {
        this.transactions = transactions;
        this.access = access;
        this.audit = audit;
        this.rows = rows;
        this.proposals = proposals;
        this.events = events;
    }

    /** Per village: what the period's determination did with what was sent. */
    @Serdeable
    public record VillageOutcome(
            String villageCode,
            long added,
            long removed,
            long changed,
            long returned,
            long desilChanged,
            long waiting) {}

    /** A correction or removal the ministry brought back, and the resubmission prepared for it. */
    @Serdeable
    public record Comeback(
            UUID proposalId,
            String kind,
            String reason,
            String sentPeriod,
            Instant sentAt,
            String evidenceSha256,
            String cameBackPeriod,
            String cameBackAs,
            UUID resubmissionId,
            String message) {}

    /** The comparison of a period, and what settling it just did. */
    @Serdeable
    public record Comparison(
            String period,
            List<VillageOutcome> villages,
            List<Comeback> comebacks,
            long determined,
            long returned,
            long resubmitted) {}

    /**
     * Settles the sent proposals against the period's lists (imported or fetched before):
     * returned ones become {@code RETURNED} with a correction task each, settled ones {@code
     * DETERMINED}; ledger entries brought back are flagged and resubmitted. Run again, it changes
     * nothing more.
     */
    public Comparison settle(Caller caller, String tenantId, String period) {
        access.require(caller, ProposalCommand.DETERMINE.permission(), tenantId);
        requirePeriod(period);
        return transactions.inTenant(tenantId, connection -> {
            List<UUID> returned = rows.returned(tenantId, period);
            if (!returned.isEmpty()) {
                rows.settle(tenantId, ProposalState.RETURNED.name(), returned);
                rows.settled(
                        tenantId,
                        returned,
                        ProposalCommand.RETURN.name(),
                        ProposalState.RETURNED.name(),
                        ACTOR,
                        "Dikembalikan Kemensos " + period);
                for (ProposalRow back : proposals.findByIdIn(returned)) {
                    task(back, period);
                }
            }
            // Returned records of households no proposal covers: a correction task each, for its village.
            long tasks = 0;
            for (DeterminationRows.ReturnedHousehold household : rows.returnedWithoutProposal(tenantId, period)) {
                ProposalRow task = ProposalRow.opened(
                        tenantId,
                        household.villageCode(),
                        Proposal.Kind.CHANGE,
                        "DATA",
                        "RESUBMISSION",
                        household.householdId(),
                        null,
                        household.headName(),
                        household.address(),
                        new ProposalRow.Identifier(household.kkEncrypted(), household.kkIndex(), household.kkMasked()),
                        ProposalRow.Identifier.NONE,
                        "Dikembalikan Kemensos " + period + ": " + household.reasons(),
                        null,
                        ProposalState.DRAFT,
                        ACTOR);
                proposals.save(task);
                events.save(ProposalEventRow.opening(task, "CREATE", ACTOR, task.note()));
                tasks++;
            }
            List<UUID> determined = rows.determined(tenantId, period);
            if (!determined.isEmpty()) {
                rows.settle(tenantId, ProposalState.DETERMINED.name(), determined);
                rows.settled(
                        tenantId,
                        determined,
                        ProposalCommand.DETERMINE.name(),
                        ProposalState.DETERMINED.name(),
                        ACTOR,
                        "Penetapan Kemensos " + period);
            }
            long resubmitted = 0;
            for (CorrectionRow entry : rows.cameBack(tenantId, period)) {
                UUID resubmission = resubmit(entry, period);
                rows.flag(
                        tenantId,
                        entry.proposalId(),
                        period,
                        "REMOVAL".equals(entry.kind()) ? "DETERMINATION" : "RETURNED",
                        resubmission);
                resubmitted++;
            }
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "MINISTRY_DETERMINATION_SETTLE",
                    period + ": " + determined.size() + " determined, " + returned.size() + " returned, " + tasks
                            + " correction tasks, " + resubmitted + " came back",
                    List.of("proposals"),
                    "OK");
            return comparison(tenantId, period, determined.size(), returned.size(), resubmitted);
        });
    }

    /** The comparison of a period as it stands, without settling anything. */
    public Comparison read(Caller caller, String tenantId, String period) {
        access.require(caller, Permission.MINISTRY_READ, tenantId);
        requirePeriod(period);
        return transactions.inTenant(tenantId, connection -> comparison(tenantId, period, 0, 0, 0));
    }

    /** The comparison's lines (one village, or all) as an .xlsx: proposals and where they stand, desil changes. */
    public long write(Caller caller, String tenantId, String period, String village, OutputStream out)
            throws IOException {
        access.require(caller, Permission.MINISTRY_READ, tenantId);
        requirePeriod(period);
        List<DeterminationRows.Line> lines = transactions.inTenant(
                tenantId, connection -> rows.lines(tenantId, period, village == null ? "" : village.strip()));
        try (ExportSheet sheet = ExportSheet.Format.XLSX.open(out)) {
            sheet.row(List.of("kode_wilayah", "jenis", "nomor", "nama", "hasil", "keterangan"));
            for (DeterminationRows.Line line : lines) {
                sheet.row(List.of(
                        line.villageCode(),
                        line.what().equals("DESIL") ? "Desil" : ApprovalDocumentNames.kind(line.what()),
                        line.reference(),
                        line.name(),
                        OUTCOMES.getOrDefault(line.outcome(), line.outcome()),
                        line.detail() == null ? "" : line.detail()));
            }
        }
        audit.record(tenantId, caller, "MINISTRY_DETERMINATION_EXPORT", period, List.of("head_name"));
        return lines.size();
    }

    static final java.util.Map<String, String> OUTCOMES = java.util.Map.of(
            "SENT", "Masih menunggu",
            "DETERMINED", "Ditetapkan",
            "RETURNED", "Dikembalikan",
            "DESIL_CHANGED", "Desil berubah");

    private Comparison comparison(String tenantId, String period, long determined, long returned, long resubmitted) {
        List<VillageOutcome> villages = rows.villages(tenantId, period).stream()
                .map(v -> new VillageOutcome(
                        v.villageCode(),
                        v.added(),
                        v.removed(),
                        v.changed(),
                        v.returned(),
                        v.desilChanged(),
                        v.waiting()))
                .toList();
        List<Comeback> comebacks = new ArrayList<>();
        for (CorrectionRow entry : rows.comebacks(tenantId)) {
            comebacks.add(new Comeback(
                    entry.proposalId(),
                    entry.kind(),
                    entry.reason(),
                    entry.period(),
                    entry.sentAt(),
                    entry.evidenceSha256(),
                    entry.cameBackPeriod(),
                    entry.cameBackAs(),
                    entry.resubmissionId(),
                    message(entry)));
        }
        return new Comparison(period, villages, comebacks, determined, returned, resubmitted);
    }

    /** "Muncul kembali setelah dihapus 3 Des 2026, bukti: 5a83…" */
    static String message(CorrectionRow entry) {
        return "Muncul kembali di daftar " + entry.cameBackPeriod() + " setelah "
                + ("REMOVAL".equals(entry.kind()) ? "dihapus" : "dikoreksi") + " " + DAY.format(entry.sentAt())
                + ", bukti: "
                + (entry.evidenceSha256() == null
                        ? "tidak ada berkas"
                        : entry.evidenceSha256().substring(0, 12) + "…");
    }

    /** A returned proposal's correction task: a draft for its village with the ministry's reason. */
    private void task(ProposalRow back, String period) {
        ProposalRow draft = copy(
                back,
                ProposalState.DRAFT,
                ACTOR,
                "Dikembalikan Kemensos " + period + ": perbaiki data lalu ajukan kembali (usulan " + back.receipt()
                        + ")");
        proposals.save(draft);
        events.save(ProposalEventRow.opening(draft, "CREATE", ACTOR, draft.note()));
    }

    /** A resubmission of a correction the ministry brought back: verified already, it waits for the next list. */
    private UUID resubmit(CorrectionRow entry, String period) {
        ProposalRow original = proposals.findById(entry.proposalId()).orElseThrow();
        CorrectionRow flagged = new CorrectionRow(
                entry.proposalId(),
                entry.tenantId(),
                entry.kind(),
                entry.reason(),
                entry.householdId(),
                entry.nikIndex(),
                entry.evidenceSha256(),
                entry.period(),
                entry.sentAt(),
                period,
                Instant.now(),
                null,
                null);
        ProposalRow again = copy(original, ProposalState.VERIFIED, "lumbung", message(flagged));
        proposals.save(again);
        events.save(ProposalEventRow.opening(again, "RESUBMIT", "lumbung", again.note()));
        return again.id();
    }

    /** A new proposal made of another (a correction task, a resubmission), with its estimate kept. */
    private static ProposalRow copy(ProposalRow from, ProposalState state, String by, String note) {
        return ProposalRow.opened(
                        from.tenantId(),
                        from.villageCode(),
                        Proposal.Kind.valueOf(from.kind()),
                        from.reason(),
                        "RESUBMISSION",
                        from.householdId(),
                        from.musyawarahId(),
                        from.headName(),
                        from.address(),
                        from.kk(),
                        from.nik(),
                        note,
                        from.evidenceSha256(),
                        state,
                        by)
                .withDesilEstimate(from.desilEstimate());
    }

    private static void requirePeriod(String period) {
        if (period == null || !period.matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
            throw new LumbungException(ErrorCode.INVALID_PERIOD, "The period reads yyyy-mm, e.g. 2026-12");
        }
    }
}
