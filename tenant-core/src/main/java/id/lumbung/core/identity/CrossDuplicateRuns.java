package id.lumbung.core.identity;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.paging.Keyset;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantRepository;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same person registered in two regencies, for the province that oversees them: a search
 * reads the living members of the province's regencies (or of every regency, for a national
 * search) with the engine of a tenant's own search, and keeps only the persons whose records lie
 * in two regencies or more — at least one of them in the province. A member is shown with its
 * name and masked NIK only where the caller may read that regency's households (its own
 * province); elsewhere by regency and village alone. Reads are audited in each regency whose
 * people were shown. A decision says "the same person" (for the regencies to settle: one keeps
 * the family) or "two people" (remembered: no later search, of the province or of a regency,
 * joins them).
 */
@Singleton
public class CrossDuplicateRuns {
    private static final Logger LOG = LoggerFactory.getLogger(CrossDuplicateRuns.class);

    /** What the search covers. */
    public enum Scope {
        /** The regencies of the province, with each other. */
        PROVINCE,
        /** Every regency: the persons with a member in the province and one elsewhere. */
        NATIONAL
    }

    /** A province's decision on a person found in two regencies. */
    public enum Decision {
        /** One person registered twice: the regencies settle which keeps the family. */
        SAME,
        /** Two people: no later search joins them. */
        NOT_SAME
    }

    private final Authorizer access;
    private final TenantTransactions transactions;
    private final TenantRepository tenants;
    private final CrossDuplicateRows rows;
    private final DuplicateRows members;
    private final IdentifierProtection protection;
    private final id.lumbung.core.database.Statistics statistics;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Resolver.Thresholds thresholds;
    private final long maximumRecords;
    private final BackgroundRuns background = new BackgroundRuns("cross-duplicate-runs");

    CrossDuplicateRuns(
            Authorizer access,
            TenantTransactions transactions,
            TenantRepository tenants,
            CrossDuplicateRows rows,
            DuplicateRows members,
            IdentifierProtection protection,
            id.lumbung.core.database.Statistics statistics,
            AuditLog audit,
            JsonMapper json,
            @Value("${lumbung.identity.match-threshold:0.95}") double match,
            @Value("${lumbung.identity.review-threshold:0.5}") double review,
            @Value("${lumbung.identity.maximum-records:5000000}") long maximumRecords) {
        this.maximumRecords = Math.min(maximumRecords, People.MAXIMUM);
        this.access = access;
        this.transactions = transactions;
        this.tenants = tenants;
        this.rows = rows;
        this.members = members;
        this.protection = protection;
        this.statistics = statistics;
        this.audit = audit;
        this.json = json;
        this.thresholds = new Resolver.Thresholds(match, review);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        background.stop((owner, id) -> transactions.platform(connection -> {
            rows.fail(owner, id, BackgroundRuns.STOPPED);
            return null;
        }));
    }

    /**
     * The regencies of the province, for a caller holding {@code DUPLICATE_ACROSS} (a province
     * admin): refused (403) without the verb, 404 for another province than the caller's own.
     */
    private List<Tenant> province(Caller caller, String provinceId) {
        if (!access.holdsAnywhere(caller, Permission.DUPLICATE_ACROSS)) {
            throw Authorizer.denied(Permission.DUPLICATE_ACROSS);
        }
        if (provinceId == null || !provinceId.equals(caller.provinceId())) {
            throw new LumbungException(ErrorCode.PROVINCE_NOT_FOUND, "No province " + provinceId + " is visible");
        }
        return tenants.findAll().stream()
                .filter(tenant -> tenant.provinceId().equals(provinceId))
                .toList();
    }

    /** Starts a search; one runs at a time per province (409 otherwise). */
    public CrossDuplicateRun start(Caller caller, String provinceId, Scope scope) {
        List<Tenant> own = province(caller, provinceId);
        List<String> covered = (scope == Scope.NATIONAL ? tenants.findAll() : own)
                .stream().map(Tenant::id).toList();
        // Every record compared is held in memory: a search larger than this process may hold is
        // refused before it starts, not left to fail half-way.
        long records = covered.isEmpty() ? 0 : transactions.inTenants(covered, connection -> members.living(covered));
        if (records > maximumRecords) {
            throw new LumbungException(
                    ErrorCode.BAD_REQUEST,
                    "This search would compare " + records + " records; one search holds at most " + maximumRecords
                            + ": search the province (scope PROVINCE)");
        }
        UUID id = UUID.randomUUID();
        transactions.platform(connection -> {
            rows.lockProvince(provinceId);
            for (UUID running : rows.runningIds(provinceId)) {
                // A run no process of ours holds, older than its time, died with its process.
                if (background.holds(running) || rows.abandon(provinceId, running) == 0) {
                    throw new LumbungException(
                            ErrorCode.DUPLICATE_RUN_RUNNING, "A search across the regencies is still running");
                }
            }
            rows.open(
                    provinceId,
                    id,
                    scope.name(),
                    covered.size(),
                    thresholds.match(),
                    thresholds.review(),
                    caller.username());
            return null;
        });
        Set<String> ownIds = new HashSet<>(own.stream().map(Tenant::id).toList());
        for (String tenantId : ownIds) {
            audit.record(tenantId, caller, "DUPLICATE_ACROSS_RUN", id.toString(), List.of());
        }
        background.submit(id, provinceId, () -> run(provinceId, id, covered, ownIds));
        return find(caller, provinceId, id);
    }

    private void run(String provinceId, UUID id, List<String> covered, Set<String> own) {
        try {
            List<String[]> decided = new ArrayList<>();
            transactions
                    .platform(connection -> rows.apart())
                    .forEach(pair -> decided.add(new String[] {pair.memberA(), pair.memberB()}));
            for (String tenantId : covered) {
                transactions
                        .inTenant(tenantId, connection -> members.apart(tenantId))
                        .forEach(pair -> decided.add(
                                new String[] {tenantId + "/" + pair.memberA(), tenantId + "/" + pair.memberB()}));
            }
            Set<String> wanted = new HashSet<>();
            decided.forEach(pair -> wanted.addAll(List.of(pair)));
            Registers.Read read = Registers.read(transactions, members, protection, statistics, covered, true, wanted);
            People people = read.people();
            long[] apart = Registers.apart(read.numbers(), decided);
            Resolver.Resolution resolution = Resolver.resolve(
                    people,
                    thresholds,
                    apart,
                    stage -> transactions.platform(connection -> {
                        rows.stage(provinceId, id, stage, people.size());
                        return null;
                    }));
            Instant now = Instant.now();
            List<CrossClusterRow> found =
                    Findings.of(resolution, apart, ids -> acrossRegencies(ids, own), DuplicateRuns.MAXIMUM_REVIEW)
                            .stream()
                            .map(f -> new CrossClusterRow(
                                    UUID.randomUUID(),
                                    provinceId,
                                    id,
                                    f.kind(),
                                    String.join(",", f.ids()),
                                    f.probability(),
                                    Findings.write(json, f.reasons()),
                                    CrossClusterRow.OPEN,
                                    null,
                                    null,
                                    null,
                                    now))
                            .toList();
            int review = (int)
                    found.stream().filter(row -> "REVIEW".equals(row.kind())).count();
            transactions.platform(connection -> {
                for (int from = 0; from < found.size(); from += 1000) {
                    rows.saveAll(found.subList(from, Math.min(found.size(), from + 1000)));
                }
                int finished = rows.finish(
                        provinceId,
                        id,
                        resolution.stats().candidatePairs(),
                        found.size() - review,
                        review,
                        resolution.model().describe());
                if (finished == 0) {
                    // Failed meanwhile (a shutdown, a start that took it for dead): keep nothing.
                    throw new IllegalStateException("The run is no longer running");
                }
                return null;
            });
            LOG.info(
                    "Search across regencies {} of province {}: {} records of {} regencies, {} persons in two or more",
                    id,
                    provinceId,
                    people.size(),
                    covered.size(),
                    found.size() - review);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.error("Search across regencies {} of province {} failed", id, provinceId, e);
            transactions.platform(connection -> {
                rows.fail(provinceId, id, "Pencarian gagal: " + e.getClass().getSimpleName());
                return null;
            });
        }
    }

    /** Records in two regencies or more, one of them the province's own. */
    static boolean acrossRegencies(List<String> ids, Set<String> own) {
        Set<String> regencies = new HashSet<>();
        boolean ours = false;
        for (String id : ids) {
            String tenant = CrossClusterRow.tenantOf(id);
            regencies.add(tenant);
            ours |= own.contains(tenant);
        }
        return ours && regencies.size() > 1;
    }

    /** The province's searches, newest first. */
    public Page<CrossDuplicateRun> page(Caller caller, String provinceId, PageRequest request) {
        province(caller, provinceId);
        return transactions.platform(connection -> {
            Keyset.Ids page =
                    Keyset.newestIds(connection, "FROM cross_duplicate_run WHERE province_id = ?", request, provinceId);
            List<CrossDuplicateRun> read = page.inOrder(runs(provinceId, page.ids()), CrossDuplicateRun::id);
            return Page.of(
                    read,
                    request,
                    page.total(),
                    run -> PageRequest.cursor(
                            run.createdAt().toString(), run.id().toString()));
        });
    }

    public CrossDuplicateRun find(Caller caller, String provinceId, UUID id) {
        province(caller, provinceId);
        return transactions.platform(connection -> runs(provinceId, List.of(id))).stream()
                .findFirst()
                .orElseThrow(() -> DuplicateRuns.runNotFound(id));
    }

    private List<CrossDuplicateRun> runs(String provinceId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Map<String, Long>> states = new HashMap<>();
        for (DuplicateRows.Decided decided : rows.decided(provinceId, ids)) {
            states.computeIfAbsent(decided.runId(), run -> new HashMap<>()).put(decided.state(), decided.clusters());
        }
        return rows.runs(provinceId, ids).stream()
                .map(run -> {
                    Map<String, Long> by = states.getOrDefault(run.id(), Map.of());
                    return new CrossDuplicateRun(
                            run.id(),
                            provinceId,
                            run.scope(),
                            run.status(),
                            run.stage(),
                            run.tenants(),
                            run.records(),
                            run.compared(),
                            run.clusters(),
                            run.review(),
                            by.getOrDefault(CrossClusterRow.OPEN, 0L),
                            by.getOrDefault(CrossClusterRow.SAME, 0L),
                            by.getOrDefault(CrossClusterRow.NOT_SAME, 0L),
                            run.matchThreshold(),
                            run.reviewThreshold(),
                            run.error(),
                            run.requestedBy(),
                            run.createdAt(),
                            run.finishedAt());
                })
                .toList();
    }

    /** A search's persons found in two regencies, newest first, a page at a time. */
    public Page<DuplicateRun.Cluster> clusters(
            Caller caller, String provinceId, UUID run, String state, String kind, PageRequest request) {
        find(caller, provinceId, run);
        String onlyState = DuplicateRuns.upper(state);
        String onlyKind = DuplicateRuns.upper(kind);
        if (!onlyState.isEmpty() && !Set.of("OPEN", "SAME", "NOT_SAME").contains(onlyState)) {
            throw new LumbungException(ErrorCode.INVALID_PAGE, "state is OPEN, SAME or NOT_SAME");
        }
        if (!onlyKind.isEmpty() && !Set.of("MATCH", "REVIEW").contains(onlyKind)) {
            throw new LumbungException(ErrorCode.INVALID_PAGE, "kind is MATCH or REVIEW");
        }
        return shownPage(
                caller,
                run.toString(),
                tenantId -> readsEveryHousehold(caller, tenantId),
                "FROM cross_duplicate_cluster WHERE province_id = ? AND run_id = ? AND (? = '' OR state = ?)"
                        + " AND (? = '' OR kind = ?)",
                request,
                provinceId,
                run,
                onlyState,
                onlyState,
                onlyKind,
                onlyKind);
    }

    /** A page of clusters ({@code FROM cross_duplicate_cluster …}, newest first), shown as {@link #shown} does. */
    private Page<DuplicateRun.Cluster> shownPage(
            Caller caller,
            String subject,
            java.util.function.Predicate<String> readable,
            String from,
            PageRequest request,
            Object... parameters) {
        Page<CrossClusterRow> page = transactions.platform(connection -> {
            Keyset.Ids ids = Keyset.newestIds(connection, from, request, parameters);
            List<CrossClusterRow> read = ids.inOrder(rows.findByIdIn(ids.ids()), CrossClusterRow::id);
            return Page.of(
                    read,
                    request,
                    ids.total(),
                    cluster -> PageRequest.cursor(
                            cluster.createdAt().toString(), cluster.id().toString()));
        });
        return new Page<>(
                shown(caller, subject, page.items(), readable),
                page.total(),
                page.totalAtLeast(),
                page.next(),
                page.previous());
    }

    /**
     * What the provinces found about a regency: the persons it registered that another regency
     * holds too — those the province decided are one person ({@code SAME}, the default: for the
     * two regencies to settle, one keeping the family, e.g. by a transfer) or, with {@code OPEN},
     * those of each province's latest search still undecided. A cluster found again by a later
     * search shows once. The regency's own members carry their names (for a caller reading all
     * its households; the read audited); the other regency's, their regency and village alone.
     */
    public Page<DuplicateRun.Cluster> aboutRegency(Caller caller, String tenantId, String state, PageRequest request) {
        access.require(caller, Permission.DUPLICATE_RUN, tenantId);
        String only = DuplicateRuns.upper(state).isEmpty() ? CrossClusterRow.SAME : DuplicateRuns.upper(state);
        if (!Set.of(CrossClusterRow.OPEN, CrossClusterRow.SAME).contains(only)) {
            throw new LumbungException(ErrorCode.INVALID_PAGE, "state is SAME or OPEN");
        }
        boolean readsOwn = access.permits(caller, Permission.HOUSEHOLD_READ, tenantId)
                && access.grant(caller, Permission.HOUSEHOLD_READ, tenantId)
                        .reach()
                        .everything();
        return shownPage(
                caller,
                "regency " + tenantId,
                regency -> readsOwn && regency.equals(tenantId),
                "FROM cross_duplicate_cluster c WHERE c.state = ?"
                        + " AND position(',' || ? || '/' in ',' || c.member_ids) > 0"
                        + " AND (c.state <> 'OPEN' OR c.run_id IN (SELECT DISTINCT ON (r.province_id) r.id"
                        + " FROM cross_duplicate_run r WHERE r.status = 'DONE'"
                        + " ORDER BY r.province_id, r.created_at DESC))"
                        + " AND NOT EXISTS (SELECT 1 FROM cross_duplicate_cluster d WHERE d.member_ids = c.member_ids"
                        + " AND d.state = c.state AND (d.created_at, d.id) > (c.created_at, c.id))",
                request,
                only,
                tenantId);
    }

    /**
     * The clusters with their members: each regency's rows read in that regency's transaction;
     * name, NIK (masked), birth date and sex only where the caller may read its households (and
     * that read audited there).
     */
    private List<DuplicateRun.Cluster> shown(
            Caller caller, String subject, List<CrossClusterRow> read, java.util.function.Predicate<String> readable) {
        Map<String, List<UUID>> byTenant = new LinkedHashMap<>();
        for (CrossClusterRow row : read) {
            for (String member : row.members()) {
                byTenant.computeIfAbsent(CrossClusterRow.tenantOf(member), t -> new ArrayList<>())
                        .add(CrossClusterRow.memberOf(member));
            }
        }
        Map<String, String> names = new HashMap<>();
        tenants.findAll().forEach(tenant -> names.put(tenant.id(), tenant.name()));
        Map<String, DuplicateRun.Member> shown = new HashMap<>();
        for (Map.Entry<String, List<UUID>> entry : byTenant.entrySet()) {
            String tenantId = entry.getKey();
            boolean full = readable.test(tenantId);
            for (DuplicateRows.Shown m :
                    transactions.inTenant(tenantId, connection -> members.shown(tenantId, entry.getValue()))) {
                shown.put(
                        tenantId + "/" + m.id(),
                        full
                                ? new DuplicateRun.Member(
                                        m.id(),
                                        m.householdId(),
                                        m.fullName(),
                                        m.nikMasked(),
                                        m.birthDate(),
                                        m.sex(),
                                        m.villageCode(),
                                        m.relationship(),
                                        m.duplicateOf(),
                                        tenantId,
                                        names.get(tenantId))
                                : new DuplicateRun.Member(
                                        m.id(),
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        m.villageCode(),
                                        null,
                                        null,
                                        tenantId,
                                        names.get(tenantId)));
            }
            if (full) {
                audit.record(tenantId, caller, "DUPLICATE_ACROSS_READ", subject, List.of("full_name", "nik_masked"));
            }
        }
        return read.stream()
                .map(row -> new DuplicateRun.Cluster(
                        row.id(),
                        row.kind(),
                        Math.round(row.probability() * 1000) / 1000.0,
                        row.state(),
                        null,
                        row.decidedBy(),
                        row.decidedAt(),
                        row.members().stream()
                                .map(shown::get)
                                .filter(java.util.Objects::nonNull)
                                .toList(),
                        Findings.read(json, row.reasons()),
                        row.createdAt()))
                .toList();
    }

    /**
     * Whether the caller sees the tenant's members in full here: a regency of the province it
     * searches across (deciding whether two records are one person needs their names; each read
     * is audited in the regency) — not those of another province, and without a break-glass.
     */
    private boolean readsEveryHousehold(Caller caller, String tenantId) {
        try {
            return access.grant(caller, Permission.DUPLICATE_ACROSS, tenantId)
                    .reach()
                    .everything();
        } catch (LumbungException e) {
            return false;
        }
    }

    /** Decides an open cluster (409 when decided already); audited in each regency of the cluster. */
    public DuplicateRun.Cluster decide(Caller caller, String provinceId, UUID run, UUID cluster, Decision decision) {
        find(caller, provinceId, run);
        CrossClusterRow decided = transactions.platform(connection -> {
            CrossClusterRow row =
                    rows.lock(provinceId, run, cluster).orElseThrow(() -> DuplicateRuns.clusterNotFound(cluster));
            if (!CrossClusterRow.OPEN.equals(row.state())) {
                throw new LumbungException(
                        ErrorCode.DUPLICATE_ALREADY_DECIDED, "This cluster was decided already (" + row.state() + ")");
            }
            List<String> effects = new ArrayList<>();
            if (decision == Decision.NOT_SAME) {
                Findings.eachPair(row.members(), (a, b) -> {
                    if (!CrossClusterRow.tenantOf(a).equals(CrossClusterRow.tenantOf(b))
                            && rows.apart(a, b, caller.username()) == 1) {
                        effects.add(a + "|" + b);
                    }
                });
            }
            rows.decide(provinceId, cluster, decision.name(), caller.username(), String.join(",", effects));
            return rows.findByIdIn(List.of(cluster)).get(0);
        });
        for (String tenantId : decided.tenants()) {
            audit.record(tenantId, caller, "DUPLICATE_ACROSS_" + decision.name(), cluster.toString(), List.of());
        }
        return shown(caller, run.toString(), List.of(decided), tenantId -> readsEveryHousehold(caller, tenantId))
                .get(0);
    }

    /** Undoes a decision (only what it changed itself); {@code expected}, when given, the state the caller saw. */
    public DuplicateRun.Cluster undo(Caller caller, String provinceId, UUID run, UUID cluster, String expected) {
        find(caller, provinceId, run);
        String seen = DuplicateRuns.upper(expected);
        if (!seen.isEmpty() && !Set.of("SAME", "NOT_SAME").contains(seen)) {
            throw new LumbungException(ErrorCode.BAD_REQUEST, "expected is one of SAME, NOT_SAME");
        }
        CrossClusterRow undone = transactions.platform(connection -> {
            CrossClusterRow row =
                    rows.lock(provinceId, run, cluster).orElseThrow(() -> DuplicateRuns.clusterNotFound(cluster));
            if (CrossClusterRow.OPEN.equals(row.state())) {
                throw new LumbungException(ErrorCode.DUPLICATE_NOT_MERGED, "This cluster has no decision to undo");
            }
            if (!seen.isEmpty() && !seen.equals(row.state())) {
                throw new LumbungException(
                        ErrorCode.DUPLICATE_ALREADY_DECIDED,
                        "The decision changed meanwhile (now " + row.state() + "): reload before undoing");
            }
            if (row.effects() != null && !row.effects().isEmpty()) {
                for (String pair : row.effects().split(",")) {
                    String[] ab = pair.split("\\|");
                    var also = rows.apartAlso(provinceId, cluster, ab[0], ab[1]);
                    if (also.isPresent()) {
                        rows.handOver(provinceId, also.get(), pair); // another decision still says two people
                    } else {
                        rows.together(ab[0], ab[1]);
                    }
                }
            }
            rows.decide(provinceId, cluster, CrossClusterRow.OPEN, null, null);
            return rows.findByIdIn(List.of(cluster)).get(0);
        });
        for (String tenantId : undone.tenants()) {
            audit.record(tenantId, caller, "DUPLICATE_ACROSS_UNDO", cluster.toString(), List.of());
        }
        return shown(caller, run.toString(), List.of(undone), tenantId -> readsEveryHousehold(caller, tenantId))
                .get(0);
    }
}
