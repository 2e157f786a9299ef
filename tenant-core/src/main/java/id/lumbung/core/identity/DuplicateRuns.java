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
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Duplicates within a tenant: a run reads every living member (NIK and KK decrypted in memory
 * only), resolves identities ({@link Resolver}) in the background and stores the persons found
 * more than once with why; a person then keeps them as listed, merges them into one record
 * (the others point at it; reversible) or says they are two people (remembered: no later run
 * joins them). Every decision is audited and written to the members' history.
 */
@Singleton
public class DuplicateRuns {
    private static final Logger LOG = LoggerFactory.getLogger(DuplicateRuns.class);
    /** Review pairs kept per run, most likely first: a person reads them one by one. */
    static final int MAXIMUM_REVIEW = 20_000;

    private final Authorizer access;
    private final TenantTransactions transactions;
    private final DuplicateRows rows;
    private final IdentifierProtection protection;
    private final id.lumbung.core.database.Statistics statistics;
    private final AuditLog audit;
    private final JsonMapper json;
    private final IdentitySettings settings;
    private final BackgroundRuns background = new BackgroundRuns("duplicate-runs");

    DuplicateRuns(
            Authorizer access,
            TenantTransactions transactions,
            DuplicateRows rows,
            IdentifierProtection protection,
            id.lumbung.core.database.Statistics statistics,
            AuditLog audit,
            JsonMapper json,
            IdentitySettings settings) {
        this.access = access;
        this.transactions = transactions;
        this.rows = rows;
        this.protection = protection;
        this.statistics = statistics;
        this.audit = audit;
        this.json = json;
        this.settings = settings;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        background.stop((owner, id) -> transactions.inTenant(owner, connection -> {
            rows.fail(owner, id, BackgroundRuns.STOPPED);
            return null;
        }));
    }

    /** Starts a run over the whole registry; one runs at a time per tenant (409 otherwise). */
    public DuplicateRun start(Caller caller, String tenantId) {
        access.require(caller, Permission.DUPLICATE_RUN, tenantId);
        UUID id = UUID.randomUUID();
        Resolver.Thresholds thresholds = settings.of(tenantId);
        transactions.inTenant(tenantId, connection -> {
            rows.lockTenant(tenantId);
            for (UUID running : rows.runningIds(tenantId)) {
                // A run no process of ours holds, older than its time, died with its process.
                if (background.holds(running) || rows.abandon(tenantId, running) == 0) {
                    throw new LumbungException(
                            ErrorCode.DUPLICATE_RUN_RUNNING,
                            "A search for duplicates of this registry is still running");
                }
            }
            rows.open(tenantId, id, thresholds.match(), thresholds.review(), caller.username());
            return null;
        });
        audit.record(tenantId, caller, "DUPLICATE_RUN", id.toString(), List.of());
        background.submit(id, tenantId, () -> run(tenantId, id, thresholds));
        return find(caller, tenantId, id);
    }

    private void run(String tenantId, UUID id, Resolver.Thresholds thresholds) {
        try {
            List<String[]> decided = transactions.inTenant(tenantId, connection -> rows.apart(tenantId)).stream()
                    .map(pair -> new String[] {
                        pair.memberA().toString(), pair.memberB().toString()
                    })
                    .toList();
            Set<String> wanted = new HashSet<>();
            decided.forEach(pair -> wanted.addAll(List.of(pair)));
            Registers.Read read =
                    Registers.read(transactions, rows, protection, statistics, List.of(tenantId), false, wanted);
            People people = read.people();
            long[] apart = Registers.apart(read.numbers(), decided);
            Resolver.Resolution resolution = Resolver.resolve(people, thresholds, apart, stage -> {
                transactions.inTenant(tenantId, connection -> {
                    rows.stage(tenantId, id, stage, people.size());
                    return null;
                });
            });
            Instant now = Instant.now();
            List<DuplicateClusterRow> found = Findings.of(resolution, apart, ids -> true, MAXIMUM_REVIEW).stream()
                    .map(f -> new DuplicateClusterRow(
                            UUID.randomUUID(),
                            tenantId,
                            id,
                            f.kind(),
                            String.join(",", f.ids()),
                            f.probability(),
                            write(f.reasons()),
                            DuplicateClusterRow.OPEN,
                            null,
                            null,
                            null,
                            null,
                            now))
                    .toList();
            int review = (int)
                    found.stream().filter(row -> "REVIEW".equals(row.kind())).count();
            transactions.inTenant(tenantId, connection -> {
                for (int from = 0; from < found.size(); from += 1000) {
                    rows.saveAll(found.subList(from, Math.min(found.size(), from + 1000)));
                }
                int finished = rows.finish(
                        tenantId,
                        id,
                        resolution.stats().candidatePairs(),
                        found.size() - review,
                        review,
                        resolution.model().describe(),
                        resolution.model().write());
                if (finished == 0) {
                    // Failed meanwhile (a shutdown, a start that took it for dead): keep nothing.
                    throw new IllegalStateException("The run is no longer running");
                }
                return null;
            });
            LOG.info(
                    "Duplicate run {} of {}: {} records, {} persons found twice or more, {} pairs to review",
                    id,
                    tenantId,
                    people.size(),
                    found.size() - review,
                    review);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.error("Duplicate run {} of {} failed", id, tenantId, e);
            transactions.inTenant(tenantId, connection -> {
                rows.fail(tenantId, id, "Pencarian gagal: " + e.getClass().getSimpleName());
                return null;
            });
        }
    }

    /** The tenant's runs, newest first. */
    public Page<DuplicateRun> page(Caller caller, String tenantId, PageRequest request) {
        access.require(caller, Permission.DUPLICATE_RUN, tenantId);
        return transactions.inTenant(tenantId, connection -> {
            Keyset.Ids page = Keyset.newestIds(connection, "FROM duplicate_run WHERE tenant_id = ?", request, tenantId);
            List<DuplicateRun> read = page.inOrder(runs(tenantId, page.ids()), DuplicateRun::id);
            return Page.of(
                    read,
                    request,
                    page.total(),
                    run -> PageRequest.cursor(
                            run.createdAt().toString(), run.id().toString()));
        });
    }

    public DuplicateRun find(Caller caller, String tenantId, UUID id) {
        access.require(caller, Permission.DUPLICATE_RUN, tenantId);
        return transactions.inTenant(tenantId, connection -> runs(tenantId, List.of(id))).stream()
                .findFirst()
                .orElseThrow(() -> runNotFound(id));
    }

    private List<DuplicateRun> runs(String tenantId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Map<String, Long>> states = new HashMap<>();
        for (DuplicateRows.Decided decided : rows.decided(tenantId, ids)) {
            states.computeIfAbsent(decided.runId(), run -> new HashMap<>()).put(decided.state(), decided.clusters());
        }
        return rows.runs(tenantId, ids).stream()
                .map(run -> {
                    Map<String, Long> by = states.getOrDefault(run.id(), Map.of());
                    return new DuplicateRun(
                            run.id(),
                            run.status(),
                            run.stage(),
                            run.records(),
                            run.compared(),
                            run.clusters(),
                            run.review(),
                            by.getOrDefault(DuplicateClusterRow.OPEN, 0L),
                            by.getOrDefault(DuplicateClusterRow.KEPT, 0L),
                            by.getOrDefault(DuplicateClusterRow.MERGED, 0L),
                            by.getOrDefault(DuplicateClusterRow.NOT_SAME, 0L),
                            run.matchThreshold(),
                            run.reviewThreshold(),
                            run.error(),
                            run.requestedBy(),
                            run.createdAt(),
                            run.finishedAt());
                })
                .toList();
    }

    /**
     * A run's persons found, newest first, a page at a time: {@code state} OPEN for what waits
     * for a decision, {@code kind} MATCH or REVIEW. Reading them is audited (names, masked NIKs).
     */
    public Page<DuplicateRun.Cluster> clusters(
            Caller caller, String tenantId, UUID run, String state, String kind, PageRequest request) {
        find(caller, tenantId, run);
        String onlyState = upper(state);
        String onlyKind = upper(kind);
        if (!onlyState.isEmpty()
                && !Set.of("OPEN", "KEPT", "MERGED", "NOT_SAME").contains(onlyState)) {
            throw new LumbungException(ErrorCode.INVALID_PAGE, "state is OPEN, KEPT, MERGED or NOT_SAME");
        }
        if (!onlyKind.isEmpty() && !Set.of("MATCH", "REVIEW").contains(onlyKind)) {
            throw new LumbungException(ErrorCode.INVALID_PAGE, "kind is MATCH or REVIEW");
        }
        Page<DuplicateRun.Cluster> page = transactions.inTenant(tenantId, connection -> {
            Keyset.Ids ids = Keyset.newestIds(
                    connection,
                    "FROM duplicate_cluster WHERE tenant_id = ? AND run_id = ? AND (? = '' OR state = ?)"
                            + " AND (? = '' OR kind = ?)",
                    request,
                    tenantId,
                    run,
                    onlyState,
                    onlyState,
                    onlyKind,
                    onlyKind);
            List<DuplicateClusterRow> read = ids.inOrder(rows.findByIdIn(ids.ids()), DuplicateClusterRow::id);
            List<DuplicateRun.Cluster> shown = shown(tenantId, read);
            return Page.of(
                    shown,
                    request,
                    ids.total(),
                    cluster -> PageRequest.cursor(
                            cluster.createdAt().toString(), cluster.id().toString()));
        });
        audit.record(tenantId, caller, "DUPLICATE_READ", run.toString(), List.of("full_name", "nik_masked"));
        return page;
    }

    private List<DuplicateRun.Cluster> shown(String tenantId, List<DuplicateClusterRow> read) {
        Set<UUID> members = new HashSet<>();
        read.forEach(row -> members.addAll(row.members()));
        Map<UUID, DuplicateRows.Shown> byId = new HashMap<>();
        if (!members.isEmpty()) {
            rows.shown(tenantId, members).forEach(member -> byId.put(member.id(), member));
        }
        return read.stream().map(row -> view(row, byId)).toList();
    }

    private DuplicateRun.Cluster view(DuplicateClusterRow row, Map<UUID, DuplicateRows.Shown> byId) {
        List<DuplicateRun.Member> members = new ArrayList<>();
        for (UUID id : row.members()) {
            DuplicateRows.Shown m = byId.get(id);
            if (m != null) {
                members.add(new DuplicateRun.Member(
                        m.id(),
                        m.householdId(),
                        m.fullName(),
                        m.nikMasked(),
                        m.birthDate(),
                        m.sex(),
                        m.villageCode(),
                        m.relationship(),
                        m.duplicateOf(),
                        null,
                        null));
            }
        }
        return new DuplicateRun.Cluster(
                row.id(),
                row.kind(),
                Math.round(row.probability() * 1000) / 1000.0,
                row.state(),
                row.keptMember(),
                row.decidedBy(),
                row.decidedAt(),
                members,
                read(row.reasons()),
                row.createdAt());
    }

    /** What a person decides of a cluster. */
    public enum Decision {
        /** The same person; both listings stay as they are. */
        KEEP,
        /** The same person: one record kept, the others point at it (undone by {@link #undo}). */
        MERGE,
        /** Two people: remembered, so no later run joins them. */
        NOT_SAME
    }

    /** Decides an open cluster; a cluster already decided answers 409 (undo it first). */
    public DuplicateRun.Cluster decide(
            Caller caller, String tenantId, UUID run, UUID cluster, Decision decision, UUID keep) {
        access.require(caller, Permission.DUPLICATE_DECIDE, tenantId);
        find(caller, tenantId, run);
        DuplicateRun.Cluster decided = transactions.inTenant(tenantId, connection -> {
            DuplicateClusterRow row = rows.lock(tenantId, run, cluster).orElseThrow(() -> clusterNotFound(cluster));
            if (!DuplicateClusterRow.OPEN.equals(row.state())) {
                throw new LumbungException(
                        ErrorCode.DUPLICATE_ALREADY_DECIDED, "This cluster was decided already (" + row.state() + ")");
            }
            List<UUID> members = row.members();
            UUID kept = null;
            String state;
            List<String> effects = new ArrayList<>();
            switch (decision) {
                case KEEP -> state = DuplicateClusterRow.KEPT;
                case NOT_SAME -> {
                    state = DuplicateClusterRow.NOT_SAME;
                    eachPair(members, (a, b) -> {
                        if (rows.apart(tenantId, a, b, caller.username()) == 1) {
                            effects.add(a + ":" + b);
                        }
                    });
                }
                default -> {
                    if (keep == null || !members.contains(keep)) {
                        throw new LumbungException(
                                ErrorCode.BAD_REQUEST, "keep names the member of the cluster whose record stays");
                    }
                    // The record kept must itself stand: merging into a record merged elsewhere
                    // would make chains (and, across runs, cycles).
                    if (rows.shown(tenantId, List.of(keep)).stream().anyMatch(m -> m.duplicateOf() != null)) {
                        throw new LumbungException(
                                ErrorCode.DUPLICATE_ALREADY_DECIDED,
                                "The record to keep is merged into another already: undo that merge first");
                    }
                    kept = keep;
                    state = DuplicateClusterRow.MERGED;
                    for (UUID member : members) {
                        if (!member.equals(keep) && rows.merge(tenantId, member, keep) == 1) {
                            rows.history(
                                    tenantId, member, "Digabung: data ganda dari anggota " + keep, caller.username());
                            effects.add(member.toString());
                        }
                    }
                }
            }
            rows.decide(tenantId, cluster, state, kept, caller.username(), String.join(",", effects));
            return shown(tenantId, rows.findByIdIn(List.of(cluster))).get(0);
        });
        audit.record(tenantId, caller, "DUPLICATE_" + decision.name(), cluster.toString(), List.of());
        return decided;
    }

    /**
     * Undoes a decision, reversing only what it changed itself (a member another cluster merged
     * stays merged; a pair another decision separated stays apart): a merge's records are
     * separate again, two people may be joined again. {@code expected}, when given, is the state
     * the caller saw: if someone undid and decided again meanwhile, 409 rather than undoing theirs.
     */
    public DuplicateRun.Cluster undo(Caller caller, String tenantId, UUID run, UUID cluster, String expected) {
        access.require(caller, Permission.DUPLICATE_DECIDE, tenantId);
        find(caller, tenantId, run);
        String seen = upper(expected);
        if (!seen.isEmpty() && !Set.of("KEPT", "MERGED", "NOT_SAME").contains(seen)) {
            throw new LumbungException(ErrorCode.BAD_REQUEST, "expected is one of KEPT, MERGED, NOT_SAME");
        }
        DuplicateRun.Cluster undone = transactions.inTenant(tenantId, connection -> {
            DuplicateClusterRow row = rows.lock(tenantId, run, cluster).orElseThrow(() -> clusterNotFound(cluster));
            if (DuplicateClusterRow.OPEN.equals(row.state())) {
                throw new LumbungException(ErrorCode.DUPLICATE_NOT_MERGED, "This cluster has no decision to undo");
            }
            if (!seen.isEmpty() && !seen.equals(row.state())) {
                throw new LumbungException(
                        ErrorCode.DUPLICATE_ALREADY_DECIDED,
                        "The decision changed meanwhile (now " + row.state() + "): reload before undoing");
            }
            List<String> effects = row.effects() == null
                    ? null
                    : row.effects().isEmpty()
                            ? List.of()
                            : List.of(row.effects().split(","));
            switch (row.state()) {
                case DuplicateClusterRow.MERGED -> {
                    for (UUID member : row.members()) {
                        boolean own = effects == null
                                ? !member.equals(row.keptMember())
                                : effects.contains(member.toString());
                        if (!own) {
                            continue;
                        }
                        // Another standing decision made the same merge: it keeps it.
                        var also = rows.mergedAlso(tenantId, cluster, row.keptMember(), member.toString());
                        if (also.isPresent()) {
                            rows.handOver(tenantId, also.get(), member.toString());
                        } else if (rows.unmerge(tenantId, member, row.keptMember()) == 1) {
                            rows.history(tenantId, member, "Penggabungan data ganda dibatalkan", caller.username());
                        }
                    }
                }
                case DuplicateClusterRow.NOT_SAME ->
                    eachPair(row.members(), (a, b) -> {
                        if (effects == null || effects.contains(a + ":" + b)) {
                            var also = rows.apartAlso(tenantId, cluster, a.toString(), b.toString());
                            if (also.isPresent()) {
                                rows.handOver(tenantId, also.get(), a + ":" + b); // another decision still says two
                            } else {
                                rows.together(tenantId, a, b);
                            }
                        }
                    });
                default -> {}
            }
            rows.decide(tenantId, cluster, DuplicateClusterRow.OPEN, null, null, null);
            return shown(tenantId, rows.findByIdIn(List.of(cluster))).get(0);
        });
        audit.record(tenantId, caller, "DUPLICATE_UNDO", cluster.toString(), List.of());
        return undone;
    }

    /** Every pair of the members, the smaller id first (as {@code identity_not_same} keeps them). */
    private static void eachPair(List<UUID> members, java.util.function.BiConsumer<UUID, UUID> pair) {
        Findings.eachPair(
                members.stream().map(UUID::toString).toList(),
                (a, b) -> pair.accept(UUID.fromString(a), UUID.fromString(b)));
    }

    static String upper(String text) {
        return text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    }

    private String write(List<DuplicateRun.Reason> reasons) {
        return Findings.write(json, reasons);
    }

    private List<DuplicateRun.Reason> read(String reasons) {
        return Findings.read(json, reasons);
    }

    static LumbungException runNotFound(UUID id) {
        return new LumbungException(ErrorCode.DUPLICATE_RUN_NOT_FOUND, "Duplicate run " + id + " was not found");
    }

    static LumbungException clusterNotFound(UUID id) {
        return new LumbungException(ErrorCode.DUPLICATE_CLUSTER_NOT_FOUND, "Cluster " + id + " was not found");
    }
}
