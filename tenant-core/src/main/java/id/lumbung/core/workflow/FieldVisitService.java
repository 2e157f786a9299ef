package id.lumbung.core.workflow;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Field visits of proposals in field verification: the checklist as a field worker filled it in
 * on a phone, maybe offline for hours and sent when the connection came back. The device names
 * each visit with an idempotency key: a resend — ten times, or two at once — records one visit
 * and answers it again. The proxy-means score and desil estimate are computed here, never
 * trusted from the device.
 */
@Singleton
public final class FieldVisitService {
    static final Duration OLDEST_VISIT = Duration.ofDays(90);
    private static final Argument<Map<String, String>> ANSWERS = Argument.mapOf(String.class, String.class);

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final AuditLog audit;
    private final ProposalService proposals;
    private final FieldVisitRows visits;
    private final ProposalEventRows events;
    private final EvidenceFiles files;
    private final ProxyMeans proxyMeans;
    private final JsonMapper json;

    FieldVisitService(
            TenantTransactions transactions,
            Authorizer access,
            AuditLog audit,
            ProposalService proposals,
            FieldVisitRows visits,
            ProposalEventRows events,
            EvidenceFiles files,
            ProxyMeans proxyMeans,
            JsonMapper json) {
        this.transactions = transactions;
        this.access = access;
        this.audit = audit;
        this.proposals = proposals;
        this.visits = visits;
        this.events = events;
        this.files = files;
        this.proxyMeans = proxyMeans;
        this.json = json;
    }

    /**
     * A visit as the device sends it.
     *
     * @param idempotencyKey made on the device when the form was saved; the same for every resend
     * @param visitedAt when the form was filled in (the device's clock), at most 90 days ago
     * @param answers each {@link VisitQuestion}'s code → its answer
     * @param membersPresent the members met at the house
     * @param latitude where (GPS), if the phone had a fix
     * @param longitude where (GPS)
     * @param photoBase64 a photo of the house (JPEG or PNG, base64, a data: URL allowed)
     * @param note what the field worker adds
     */
    public record Visit(
            UUID idempotencyKey,
            Instant visitedAt,
            Map<String, String> answers,
            Integer membersPresent,
            Double latitude,
            Double longitude,
            String photoBase64,
            String note) {}

    /** The questions of the checklist, as the offline page draws them. */
    public List<VisitQuestion.Shown> checklist(Caller caller, String tenantId) {
        access.grant(caller, Permission.FIELD_VISIT, tenantId);
        return java.util.Arrays.stream(VisitQuestion.values())
                .map(VisitQuestion::shown)
                .toList();
    }

    /** Records a visit once per idempotency key; a resend answers the visit recorded first. */
    public FieldVisit record(Caller caller, String tenantId, UUID proposalId, Visit visit) {
        Authorizer.Grant grant = access.grant(caller, Permission.FIELD_VISIT, tenantId);
        if (visit == null || visit.idempotencyKey() == null) {
            throw VisitQuestion.invalid("A visit carries the idempotency key its device made for it");
        }
        ProposalRow proposal = proposals.visible(caller, tenantId, proposalId);
        if (!ProposalService.reaches(grant.reach(), proposal)) {
            throw ProposalService.notFound(proposalId);
        }
        FieldVisit earlier = transactions.inTenant(tenantId, connection -> resend(proposalId, visit.idempotencyKey()));
        if (earlier != null) {
            return earlier;
        }
        if (proposal.currentState() != ProposalState.FIELD_VERIFICATION) {
            throw ProposalService.illegal(
                    proposal, "record a field visit", java.util.Set.of(ProposalState.FIELD_VERIFICATION));
        }
        Map<String, String> checked = new LinkedHashMap<>();
        for (VisitQuestion question : VisitQuestion.values()) {
            checked.put(question.code(), question.read(visit.answers()));
        }
        int members = visit.membersPresent() == null ? -1 : visit.membersPresent();
        if (members < 1 || members > 50) {
            throw VisitQuestion.invalid("membersPresent is the number of members met, 1 to 50");
        }
        Instant now = Instant.now();
        Instant visitedAt = visit.visitedAt() == null ? now : visit.visitedAt().truncatedTo(ChronoUnit.MICROS);
        if (visitedAt.isAfter(now.plus(Duration.ofMinutes(10))) || visitedAt.isBefore(now.minus(OLDEST_VISIT))) {
            throw VisitQuestion.invalid("visitedAt is a time of the last 90 days, not in the future");
        }
        if ((visit.latitude() == null) != (visit.longitude() == null)
                || (visit.latitude() != null
                        && (visit.latitude() < -11.5
                                || visit.latitude() > 6.5
                                || visit.longitude() < 94
                                || visit.longitude() > 141.5))) {
            throw VisitQuestion.invalid("latitude and longitude come together, and in Indonesia");
        }
        String note = ProposalService.text(visit.note(), 1000, "note", false);
        String photo = visit.photoBase64() == null || visit.photoBase64().isBlank()
                ? null
                : files.keep(
                                tenantId,
                                caller.username(),
                                new ByteArrayInputStream(EvidenceFiles.fromBase64(visit.photoBase64(), "photoBase64")))
                        .sha256();
        ProxyMeans.Estimate estimate = proxyMeans.estimate(checked, members);
        String answers = write(checked);
        UUID id = UUID.randomUUID();
        return transactions.inTenant(tenantId, connection -> {
            long inserted = visits.insertOnce(
                    tenantId,
                    id,
                    proposalId,
                    visit.idempotencyKey(),
                    caller.username(),
                    visitedAt,
                    answers,
                    members,
                    visit.latitude(),
                    visit.longitude(),
                    photo,
                    estimate.score(),
                    estimate.desil(),
                    estimate.version(),
                    note);
            if (inserted == 0) {
                return resend(proposalId, visit.idempotencyKey());
            }
            visits.estimate(tenantId, proposalId, estimate.desil());
            events.save(new ProposalEventRow(
                    null,
                    tenantId,
                    proposalId,
                    "FIELD_VISIT",
                    ProposalState.FIELD_VERIFICATION.name(),
                    ProposalState.FIELD_VERIFICATION.name(),
                    caller.username(),
                    null,
                    null,
                    0,
                    "Skor " + estimate.score() + ", desil " + estimate.desil() + " (" + estimate.version() + ")"));
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "FIELD_VISIT_RECORD",
                    proposal.receipt() + " desil " + estimate.desil(),
                    List.of("answers", "gps", "photo"),
                    "OK");
            return view(visits.findByIdempotencyKey(visit.idempotencyKey()).orElseThrow(), false);
        });
    }

    /** A proposal's visits, first first. */
    public List<FieldVisit> visits(Caller caller, String tenantId, UUID proposalId) {
        proposals.visible(caller, tenantId, proposalId);
        return transactions.inTenant(
                tenantId, connection -> visits.findByProposalIdOrderByReceivedAt(proposalId).stream()
                        .map(row -> view(row, false))
                        .toList());
    }

    /** The visit a key recorded before, or {@code null}; a key of another proposal is refused. */
    private FieldVisit resend(UUID proposalId, UUID key) {
        FieldVisitRow row = visits.findByIdempotencyKey(key).orElse(null);
        if (row == null) {
            return null;
        }
        if (!row.proposalId().equals(proposalId)) {
            throw new LumbungException(
                    ErrorCode.IDEMPOTENCY_KEY_REUSED, "This idempotency key recorded a visit of another proposal");
        }
        return view(row, true);
    }

    private FieldVisit view(FieldVisitRow row, boolean resent) {
        Map<String, String> answers;
        try {
            answers = json.readValue(row.answers(), ANSWERS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FieldVisit(
                row.id(),
                row.proposalId(),
                row.idempotencyKey(),
                row.visitedBy(),
                row.visitedAt(),
                row.receivedAt(),
                answers,
                row.membersPresent(),
                row.latitude(),
                row.longitude(),
                row.photoSha256(),
                row.score(),
                row.desil(),
                row.weightsVersion(),
                row.note(),
                resent);
    }

    private String write(Map<String, String> answers) {
        try {
            return json.writeValueAsString(answers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
