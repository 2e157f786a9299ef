package id.lumbung.core.workflow;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Reach;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.household.Household;
import id.lumbung.core.household.HouseholdService;
import id.lumbung.core.household.RegistryField;
import id.lumbung.core.paging.Keyset;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantVillages;
import id.lumbung.core.user.UserAccount;
import id.lumbung.core.user.UserRepository;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Proposals (usulan) of the DTKS cycle, from the village meeting to verification: recorded as
 * drafts, submitted (the automatic checks run), checked, sent to the field and verified or
 * rejected. Each step is a {@link ProposalCommand}: its verb, the states it starts from, the
 * version the caller saw (a stale one changes nothing: {@code 409 stale_update}), an event in
 * the history and an audit entry. Approval, the ministry and its determination act on whole
 * lists ({@link ApprovalService}).
 */
@Singleton
public final class ProposalService {
    private static final ErrorCode INVALID = ErrorCode.INVALID_PROPOSAL;
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final Argument<List<Proposal.Check>> CHECKS = Argument.listOf(Proposal.Check.class);
    private static final char[] RECEIPT_LETTERS = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Why a household is proposed, by kind. */
    static final Map<Proposal.Kind, Set<String>> REASONS = Map.of(
            Proposal.Kind.ADD, Set.of("NEW_HOUSEHOLD"),
            Proposal.Kind.CHANGE, Set.of("MEMBERS", "DATA", "NEW_HEAD", "NEW_KK"),
            Proposal.Kind.REMOVE, Set.of("DIED", "MOVED", "NOT_POOR", "DUPLICATE"));

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final AuditLog audit;
    private final ProposalRows rows;
    private final ProposalEventRows events;
    private final MusyawarahRows meetings;
    private final EvidenceFiles files;
    private final ProposalChecks checks;
    private final IdentifierProtection protection;
    private final TenantVillages villages;
    private final HouseholdService households;
    private final UserRepository users;
    private final FieldVisitRows visits;
    private final JsonMapper json;

    ProposalService(
            TenantTransactions transactions,
            Authorizer access,
            AuditLog audit,
            ProposalRows rows,
            ProposalEventRows events,
            MusyawarahRows meetings,
            EvidenceFiles files,
            ProposalChecks checks,
            IdentifierProtection protection,
            TenantVillages villages,
            HouseholdService households,
            UserRepository users,
            FieldVisitRows visits,
            JsonMapper json) {
        this.visits = visits;
        this.transactions = transactions;
        this.access = access;
        this.audit = audit;
        this.rows = rows;
        this.events = events;
        this.meetings = meetings;
        this.files = files;
        this.checks = checks;
        this.protection = protection;
        this.villages = villages;
        this.households = households;
        this.users = users;
        this.json = json;
    }

    /**
     * What a village proposes.
     *
     * @param kind add, change or remove a household
     * @param reason why (see {@link #REASONS})
     * @param village the village of a new household (a change or removal takes the household's)
     * @param householdId the registered household changed or removed
     * @param musyawarahId the village meeting that agreed it
     * @param headName the head of a new household (a change may name a new head)
     * @param address the address of a new household
     * @param nik the NIK of the head (or of the member concerned)
     * @param kk the KK number
     * @param note what changes, or why it is removed
     */
    public record Draft(
            Proposal.Kind kind,
            String reason,
            String village,
            UUID householdId,
            UUID musyawarahId,
            String headName,
            String address,
            String nik,
            String kk,
            String note) {}

    /** Records a village meeting with its minutes (a PDF or a photo, checked by content). */
    public Musyawarah recordMeeting(
            Caller caller,
            String tenantId,
            String village,
            LocalDate heldOn,
            String place,
            int attendees,
            InputStream minutes) {
        Authorizer.Grant grant = access.grant(caller, Permission.PROPOSAL_WRITE, tenantId);
        String villageCode = villageInReach(grant, village);
        LocalDate today = LocalDate.now(JAKARTA);
        if (heldOn == null || heldOn.isAfter(today) || heldOn.isBefore(today.minusYears(2))) {
            throw new LumbungException(INVALID, "A meeting was held in the last two years, not in the future");
        }
        String cleanPlace = text(place, 200, "place", true);
        if (attendees < 1 || attendees > 10_000) {
            throw new LumbungException(INVALID, "A meeting has from 1 to 10,000 attendees");
        }
        if (minutes == null) {
            throw new LumbungException(INVALID, "Attach the minutes (berita acara): a PDF or a photo");
        }
        EvidenceFiles.Stored stored = files.keep(tenantId, caller.username(), minutes);
        MusyawarahRow row = new MusyawarahRow(
                UUID.randomUUID(),
                tenantId,
                villageCode,
                heldOn,
                cleanPlace,
                attendees,
                stored.sha256(),
                caller.username(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        transactions.inTenant(tenantId, connection -> {
            meetings.save(row);
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "MUSYAWARAH_CREATE",
                    villageCode + " " + heldOn,
                    List.of("minutes"),
                    "OK");
            return null;
        });
        return Musyawarah.of(row);
    }

    /** The meetings of the villages the caller reaches, latest first. */
    public List<Musyawarah> meetings(Caller caller, String tenantId) {
        Reach reach = access.grant(caller, Permission.PROPOSAL_READ, tenantId).reach();
        return transactions.inTenant(tenantId, connection -> (reach.everything()
                        ? meetings.findAllOrderByHeldOnDesc()
                        : meetings.findByVillageCodeInOrderByHeldOnDesc(reach.villages()))
                .stream().map(Musyawarah::of).toList());
    }

    /** Records a proposal as a draft in a village the caller reaches. */
    public Proposal create(Caller caller, String tenantId, Draft draft) {
        Authorizer.Grant grant = access.grant(caller, Permission.PROPOSAL_WRITE, tenantId);
        // Read and checked before the tenant's transaction: villages and households are looked up
        // in transactions of their own (a platform one would widen this one's scope).
        ProposalRow row = newRow(caller, grant, tenantId, draft, "OPERATOR");
        return transactions.inTenant(tenantId, connection -> {
            requireMeeting(row);
            rows.save(row);
            event(row, "CREATE", null, ProposalState.DRAFT, caller.username(), null, null);
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "PROPOSAL_CREATE",
                    row.receipt(),
                    List.of("head_name", "address", "nik", "kk"),
                    "OK");
            return view(row);
        });
    }

    /** The meeting a proposal names was held in its village (inside the tenant's transaction). */
    void requireMeeting(ProposalRow row) {
        if (row.musyawarahId() != null) {
            MusyawarahRow meeting = meetings.findById(row.musyawarahId())
                    .orElseThrow(() -> new LumbungException(
                            ErrorCode.MUSYAWARAH_NOT_FOUND, "Meeting " + row.musyawarahId() + " was not found"));
            if (!meeting.villageCode().equals(row.villageCode())) {
                throw new LumbungException(INVALID, "The meeting was held in another village");
            }
        }
    }

    /** A new draft's row, every field read by the catalogue's rules (outside any transaction). */
    ProposalRow newRow(Caller caller, Authorizer.Grant grant, String tenantId, Draft draft, String source) {
        if (draft == null || draft.kind() == null) {
            throw new LumbungException(INVALID, "Say what is proposed: kind ADD, CHANGE or REMOVE");
        }
        String reason = draft.reason() == null || draft.reason().isBlank()
                ? (draft.kind() == Proposal.Kind.ADD ? "NEW_HOUSEHOLD" : null)
                : draft.reason().strip().toUpperCase(java.util.Locale.ROOT);
        if (reason == null || !REASONS.get(draft.kind()).contains(reason)) {
            throw new LumbungException(
                    INVALID,
                    "A reason of " + draft.kind() + " is one of " + new java.util.TreeSet<>(REASONS.get(draft.kind())));
        }
        String villageCode;
        String headName;
        String address;
        UUID householdId = null;
        if (draft.kind() == Proposal.Kind.ADD) {
            if (draft.householdId() != null) {
                throw new LumbungException(INVALID, "A new household names no registered household");
            }
            villageCode = villageInReach(grant, draft.village());
            headName = (String) RegistryField.NAMA.require(draft.headName(), INVALID);
            address = (String) RegistryField.ALAMAT.require(draft.address(), INVALID);
            if (blank(draft.nik()) || blank(draft.kk())) {
                throw new LumbungException(
                        INVALID, "A new household is proposed with its head's NIK and its KK number");
            }
        } else {
            if (draft.householdId() == null) {
                throw new LumbungException(INVALID, "Name the registered household (householdId) to change or remove");
            }
            Household household = households.get(caller, tenantId, draft.householdId());
            villageCode = villageInReach(grant, household.villageCode());
            householdId = household.id();
            headName = blank(draft.headName())
                    ? household.headName()
                    : (String) RegistryField.NAMA.require(draft.headName(), INVALID);
            address = blank(draft.address())
                    ? household.address()
                    : (String) RegistryField.ALAMAT.require(draft.address(), INVALID);
            if (blank(draft.note())) {
                throw new LumbungException(INVALID, "Say what changes, or why the household leaves (note)");
            }
        }
        String nik = blank(draft.nik()) ? null : (String) RegistryField.NOMOR_NIK.require(draft.nik(), INVALID);
        String kk = blank(draft.kk()) ? null : (String) RegistryField.NOMOR_KK.require(draft.kk(), INVALID);
        return ProposalRow.opened(
                tenantId,
                villageCode,
                draft.kind(),
                reason,
                source,
                householdId,
                draft.musyawarahId(),
                headName,
                address,
                ProposalRow.Identifier.of(protection, tenantId, kk),
                ProposalRow.Identifier.of(protection, tenantId, nik),
                blank(draft.note()) ? null : text(draft.note(), 2000, "note", false),
                null,
                ProposalState.DRAFT,
                caller.username());
    }

    /** Attaches the evidence of a draft (a death certificate, a letter): a PDF or a photo, by content. */
    public Proposal attachEvidence(Caller caller, String tenantId, UUID id, int version, InputStream content) {
        Authorizer.Grant grant = access.grant(caller, Permission.PROPOSAL_WRITE, tenantId);
        ProposalRow row = visible(caller, tenantId, id);
        villageInReach(grant, row.villageCode());
        if (row.currentState() != ProposalState.DRAFT) {
            throw illegal(row, "attach evidence to", Set.of(ProposalState.DRAFT));
        }
        EvidenceFiles.Stored stored = files.keep(tenantId, caller.username(), content);
        return transactions.inTenant(tenantId, connection -> {
            if (rows.attachEvidence(tenantId, id, stored.sha256(), version) == 0) {
                throw stale(id);
            }
            audit.record(connection, tenantId, caller, "PROPOSAL_EVIDENCE", row.receipt(), List.of("evidence"), "OK");
            return view(rows.findById(id).orElseThrow());
        });
    }

    /** The file a proposal's evidence or its meeting's minutes is, if the caller may see the proposal. */
    public EvidenceFiles.Content file(Caller caller, String tenantId, UUID id, boolean minutes) {
        ProposalRow row = visible(caller, tenantId, id);
        String sha256 = minutes
                ? row.musyawarahId() == null
                        ? null
                        : transactions.inTenant(tenantId, connection -> meetings.findById(row.musyawarahId())
                                .map(MusyawarahRow::minutesSha256)
                                .orElse(null))
                : row.evidenceSha256();
        if (sha256 == null) {
            throw new LumbungException(ErrorCode.PROPOSAL_NOT_FOUND, "This proposal has no such file");
        }
        audit.record(
                tenantId,
                caller,
                minutes ? "MUSYAWARAH_MINUTES_READ" : "PROPOSAL_EVIDENCE_READ",
                row.receipt(),
                List.of("file"));
        return files.read(tenantId, sha256);
    }

    /**
     * Runs one step on one proposal: its verb, its starting states, four eyes (whoever made a
     * proposal never checks it), the version the caller saw, then the event and the audit entry.
     *
     * @param note why (required to reject)
     * @param assignee the field worker a proposal is sent to ({@link ProposalCommand#SEND_TO_FIELD})
     */
    public Proposal act(
            Caller caller,
            String tenantId,
            UUID id,
            ProposalCommand command,
            int version,
            String note,
            String assignee) {
        if (command == null) {
            throw new LumbungException(
                    INVALID, "Name the step: one of SUBMIT, WITHDRAW, TAKE, SEND_TO_FIELD, VERIFY, REJECT");
        }
        Authorizer.Grant grant = access.grant(caller, command.permission(), tenantId);
        ProposalRow row = visible(caller, tenantId, id);
        if (Set.of(ProposalCommand.APPROVE, ProposalCommand.SEND, ProposalCommand.DETERMINE, ProposalCommand.RETURN)
                .contains(command)) {
            throw new LumbungException(
                    ErrorCode.ILLEGAL_TRANSITION, command + " is decided for a whole approval list, not one proposal");
        }
        if (command.permission().scoped()) {
            villageInReach(grant, row.villageCode());
        } else if (!grant.reach().everything()) {
            throw Authorizer.denied(command.permission());
        }
        if (!command.startsFrom(row.currentState())) {
            throw illegal(row, command.name(), command.from());
        }
        if (row.version() != version) {
            throw stale(id);
        }
        boolean checking = command.permission() == Permission.PROPOSAL_CHECK;
        if (checking && row.createdBy().equals(caller.username())) {
            throw new LumbungException(ErrorCode.OWN_PROPOSAL, "Whoever made a proposal never checks it");
        }
        String cleanNote = blank(note) ? null : text(note, 2000, "note", false);
        String worker = null;
        switch (command) {
            case REJECT -> {
                if (cleanNote == null) {
                    throw new LumbungException(INVALID, "Say why the proposal is rejected (note)");
                }
            }
            case SEND_TO_FIELD -> worker = fieldWorker(tenantId, assignee, row.villageCode());
            case VERIFY -> {
                if (Proposal.Kind.valueOf(row.kind()) == Proposal.Kind.ADD
                        && transactions.inTenant(tenantId, connection -> visits.countByProposalId(id)) == 0) {
                    throw new LumbungException(
                            ErrorCode.FIELD_VISIT_MISSING, "A new household is verified after a field visit");
                }
            }
            case SUBMIT -> requireComplete(row);
            default -> {}
        }
        List<Proposal.Check> found = command == ProposalCommand.SUBMIT ? submissionChecks(grant.tenant(), row) : null;
        String assignedTo = worker;
        return transactions.inTenant(tenantId, connection -> {
            String checksJson = null;
            if (found != null) {
                List<Proposal.Check> all = new ArrayList<>(found);
                all.addAll(checks.inTenant(tenantId, row));
                if (row.nikEncrypted() != null) {
                    all.add(checks.askDukcapil(
                            connection, caller, tenantId, protection.decrypt(tenantId, row.nikEncrypted())));
                }
                checksJson = checks.write(all);
            }
            if (rows.transition(tenantId, id, row.state(), command.to().name(), version, assignedTo, checksJson) == 0) {
                throw stale(id);
            }
            event(row, command.name(), row.currentState(), command.to(), caller.username(), null, cleanNote);
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "PROPOSAL_" + command.name(),
                    row.receipt() + " " + row.state() + "→" + command.to(),
                    List.of("state"),
                    "OK");
            return view(rows.findById(id).orElseThrow());
        });
    }

    /** One proposal with its checks (Dukcapil's answer read in) and its history. */
    public Proposal get(Caller caller, String tenantId, UUID id) {
        ProposalRow row = visible(caller, tenantId, id);
        return transactions.inTenant(tenantId, connection -> view(row));
    }

    private static final String LIST = "FROM proposal WHERE tenant_id = ? AND (? OR village_code = ANY (?)"
            + " OR assigned_to = ?) AND (?::text IS NULL OR state = ?::text) AND (?::text IS NULL OR village_code = ?::text)";

    /** The proposals the caller reaches, newest first, optionally of one state and one village. */
    public Page<Proposal> page(
            Caller caller, String tenantId, ProposalState state, String village, PageRequest request) {
        Authorizer.Grant grant = access.grant(caller, Permission.PROPOSAL_READ, tenantId);
        Reach reach = grant.reach();
        String villageCode = blank(village) ? null : villages.require(grant.tenant(), village);
        String stateName = state == null ? null : state.name();
        return transactions.inTenant(tenantId, connection -> {
            Keyset.Ids page = Keyset.newestIds(
                    connection,
                    LIST,
                    request,
                    tenantId,
                    reach.everything(),
                    connection.createArrayOf("text", reach.villages().toArray()),
                    reach.assignedTo() == null ? "" : reach.assignedTo(),
                    stateName,
                    stateName,
                    villageCode,
                    villageCode);
            List<Proposal> read = page.inOrder(rows.findByIdIn(page.ids()), ProposalRow::id).stream()
                    .map(row -> summary(row))
                    .toList();
            return Page.of(
                    read,
                    request,
                    page.total(),
                    proposal -> PageRequest.cursor(
                            proposal.createdAt().toString(), proposal.id().toString()));
        });
    }

    /** Where proposals wait: how many in each state, and since when the oldest of them. */
    public record Waiting(ProposalState state, long proposals, Instant oldestSince) {}

    /** The proposals the caller reaches, counted by state (the head of office's view of where things wait). */
    public List<Waiting> waiting(Caller caller, String tenantId) {
        Reach reach = access.grant(caller, Permission.PROPOSAL_READ, tenantId).reach();
        List<String> villagesReached = reach.villages().isEmpty() ? List.of("") : List.copyOf(reach.villages());
        return transactions.inTenant(tenantId, connection -> rows
                .waiting(
                        tenantId,
                        reach.everything(),
                        villagesReached,
                        reach.assignedTo() == null ? "" : reach.assignedTo())
                .stream()
                .map(count -> new Waiting(ProposalState.valueOf(count.state()), count.proposals(), count.oldest()))
                .sorted(java.util.Comparator.comparing(Waiting::state))
                .toList());
    }

    /** The proposal if the caller may read it (its villages, or assigned to it); otherwise not found. */
    ProposalRow visible(Caller caller, String tenantId, UUID id) {
        Reach reach = access.grant(caller, Permission.PROPOSAL_READ, tenantId).reach();
        return transactions
                .inTenant(tenantId, connection -> rows.findById(id))
                .filter(row -> reaches(reach, row))
                .orElseThrow(() -> notFound(id));
    }

    static boolean reaches(Reach reach, ProposalRow row) {
        return reach.everything()
                || reach.villages().contains(row.villageCode())
                || (reach.assignedTo() != null && reach.assignedTo().equals(row.assignedTo()));
    }

    /** Province-wide and rule checks, read before the submission's own transaction. */
    private List<Proposal.Check> submissionChecks(Tenant tenant, ProposalRow row) {
        String nik = row.nikEncrypted() == null ? null : protection.decrypt(tenant.id(), row.nikEncrypted());
        String kk = row.kkEncrypted() == null ? null : protection.decrypt(tenant.id(), row.kkEncrypted());
        List<Proposal.Check> found = new ArrayList<>(ProposalChecks.rules(nik, kk));
        found.addAll(checks.acrossProvince(tenant, row, nik));
        return found;
    }

    private static void requireComplete(ProposalRow row) {
        Proposal.Kind kind = Proposal.Kind.valueOf(row.kind());
        if ("OPERATOR".equals(row.source()) && kind != Proposal.Kind.CHANGE && row.musyawarahId() == null) {
            throw new LumbungException(
                    INVALID, "A proposal to add or remove a household names the village meeting that agreed it");
        }
        if (kind == Proposal.Kind.REMOVE && row.evidenceSha256() == null && "OPERATOR".equals(row.source())) {
            throw new LumbungException(INVALID, "A removal is submitted with its evidence (a letter, a certificate)");
        }
    }

    private String fieldWorker(String tenantId, String username, String villageCode) {
        if (blank(username)) {
            throw new LumbungException(INVALID, "Name the field worker (assignee) who visits the household");
        }
        UserAccount user = users.requireInTenant(tenantId, username.strip());
        if (!access.takeAssignments(user.roles())) {
            throw new LumbungException(ErrorCode.NOT_A_FIELD_WORKER, username + " is not a field worker");
        }
        if (!user.villageCodes().contains(villageCode)) {
            throw new LumbungException(
                    ErrorCode.HOUSEHOLD_OUTSIDE_WORKER_VILLAGES,
                    "The proposal's village is not one of " + username + "'s");
        }
        return user.username();
    }

    private void event(
            ProposalRow row,
            String command,
            ProposalState from,
            ProposalState to,
            String actor,
            String onBehalfOf,
            String note) {
        long waited =
                Math.max(0, Instant.now().toEpochMilli() - row.stateSince().toEpochMilli());
        events.save(new ProposalEventRow(
                null,
                row.tenantId(),
                row.id(),
                command,
                from == null ? null : from.name(),
                to.name(),
                actor,
                onBehalfOf,
                null,
                from == null ? 0 : waited,
                note));
    }

    /** The proposal as shown, with its history and its checks (inside a tenant transaction). */
    Proposal view(ProposalRow row) {
        List<Proposal.Event> history = events.findByProposalIdOrderBySeq(row.id()).stream()
                .map(event -> new Proposal.Event(
                        event.command(),
                        event.fromState() == null ? null : ProposalState.valueOf(event.fromState()),
                        ProposalState.valueOf(event.toState()),
                        event.actor(),
                        event.onBehalfOf(),
                        event.at(),
                        event.waitedMs(),
                        event.note()))
                .toList();
        return shown(row, checks.withAnswers(read(row.checks())), history);
    }

    /** The proposal as a list shows it: no history, its checks as stored. */
    static Proposal summary(ProposalRow row) {
        return shown(row, List.of(), List.of());
    }

    private static Proposal shown(ProposalRow row, List<Proposal.Check> checks, List<Proposal.Event> history) {
        return new Proposal(
                row.id(),
                row.receipt(),
                row.villageCode(),
                Proposal.Kind.valueOf(row.kind()),
                row.reason(),
                row.source(),
                row.householdId(),
                row.musyawarahId(),
                row.headName(),
                row.address(),
                row.nikMasked(),
                row.kkMasked(),
                row.note(),
                row.evidenceSha256(),
                row.currentState(),
                row.assignedTo(),
                row.batchId(),
                row.desilEstimate(),
                row.version(),
                row.createdBy(),
                row.createdAt(),
                row.stateSince(),
                checks,
                history);
    }

    private List<Proposal.Check> read(String stored) {
        if (stored == null) {
            return List.of();
        }
        try {
            return json.readValue(stored, CHECKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String villageInReach(Authorizer.Grant grant, String village) {
        String villageCode = villages.require(grant.tenant(), village);
        if (!grant.reach().coversVillage(villageCode)) {
            throw new LumbungException(
                    ErrorCode.VILLAGE_NOT_IN_SCOPE, "Village " + villageCode + " is not assigned to you");
        }
        return villageCode;
    }

    /** A free text of a form: stripped, within its length, no control character but line breaks. */
    static String text(String value, int maximum, String field, boolean required) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty()) {
            if (required) {
                throw new LumbungException(INVALID, field + " is required");
            }
            return null;
        }
        if (stripped.length() > maximum) {
            throw new LumbungException(INVALID, field + " has at most " + maximum + " characters");
        }
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new LumbungException(ErrorCode.CONTROL_CHARACTER, field + " holds a control character");
            }
        }
        return stripped;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A receipt a citizen can read out on the phone: USL-7471-7K3M9Q2H. */
    static String receipt(String tenantId) {
        StringBuilder code = new StringBuilder("USL-").append(tenantId).append('-');
        for (int i = 0; i < 8; i++) {
            code.append(RECEIPT_LETTERS[RANDOM.nextInt(RECEIPT_LETTERS.length)]);
        }
        return code.toString();
    }

    static LumbungException illegal(ProposalRow row, String step, Set<ProposalState> from) {
        return new LumbungException(
                ErrorCode.ILLEGAL_TRANSITION,
                "A proposal in state " + row.state() + " cannot " + step.toLowerCase(java.util.Locale.ROOT)
                        + " (only from " + from + ")");
    }

    static LumbungException stale(UUID id) {
        return new LumbungException(
                ErrorCode.STALE_UPDATE, "Proposal " + id + " was changed by someone else first: read it again");
    }

    static LumbungException notFound(UUID id) {
        return new LumbungException(ErrorCode.PROPOSAL_NOT_FOUND, "Proposal " + id + " was not found");
    }
}
