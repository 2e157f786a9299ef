package id.lumbung.core.identity;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.household.RegistryField;
import id.lumbung.core.nik.Nik;
import id.lumbung.core.paging.Keyset;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.core.registry.TabularFile;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Another list beside the registry (P3KE, a DTSEN extract, a programme's beneficiaries): the
 * file is read and checked at once — a wrong header refuses it whole, a row that cannot be read is
 * reported with its line and reason and left out, the others compared — then, in the background,
 * the list's persons and the registry's living members are resolved together by the identity
 * engine and paired one to one, the surest pairs first: each of the list's persons is in both
 * (a desil that differs flagged), only there, or to be looked at; each member no pair took is
 * only here. The list's names are kept with the comparison (tenant rows), its NIKs masked only.
 */
@Singleton
@io.micronaut.serde.annotation.SerdeImport(TabularFile.Issue.class)
public class ListReconciliations {
    private static final Logger LOG = LoggerFactory.getLogger(ListReconciliations.class);
    static final int MAXIMUM_ROWS = 1_000_000;
    private static final List<RegistryField> READ = List.of(
            RegistryField.NOMOR_NIK,
            RegistryField.NOMOR_KK,
            RegistryField.NAMA,
            RegistryField.TANGGAL_LAHIR,
            RegistryField.JENIS_KELAMIN,
            RegistryField.KODE_WILAYAH,
            RegistryField.DESIL);

    private final Authorizer access;
    private final TenantTransactions transactions;
    private final ReconciliationRows rows;
    private final DuplicateRows members;
    private final IdentifierProtection protection;
    private final id.lumbung.core.database.Statistics statistics;
    private final AuditLog audit;
    private final JsonMapper json;
    private final IdentitySettings settings;
    private final BackgroundRuns background = new BackgroundRuns("list-reconciliations");

    ListReconciliations(
            Authorizer access,
            TenantTransactions transactions,
            ReconciliationRows rows,
            DuplicateRows members,
            IdentifierProtection protection,
            id.lumbung.core.database.Statistics statistics,
            AuditLog audit,
            JsonMapper json,
            IdentitySettings settings) {
        this.access = access;
        this.transactions = transactions;
        this.rows = rows;
        this.members = members;
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

    /** A row of the other list, as read. */
    record Theirs(
            long line, String nik, String kk, String name, LocalDate born, String sex, String village, Integer desil) {}

    /** Reads the list and starts the comparison (202); a file that cannot be read as a list is refused (400). */
    public ListReconciliation start(Caller caller, String tenantId, String name, String fileName, Path file) {
        access.require(caller, Permission.LIST_RECONCILE, tenantId);
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 200) {
            throw new LumbungException(
                    ErrorCode.BAD_REQUEST, "name says which list this is (e.g. P3KE 2025), 1 to 200 characters");
        }
        TabularFile.Read<Theirs> read = TabularFile.readAll(
                file,
                columns -> {
                    for (RegistryField field : READ) {
                        field.headers().forEach(alias -> columns.alias(field.header(), alias));
                    }
                    return columns;
                },
                List.of(RegistryField.NAMA.header()),
                MAXIMUM_ROWS,
                RegistryField.NAMA.header(),
                theirs -> theirs.nik() + "|" + theirs.name() + "|" + theirs.born() + "|" + theirs.village(),
                ListReconciliations::parse);
        UUID id = UUID.randomUUID();
        transactions.inTenant(tenantId, connection -> {
            // One comparison at a time per tenant: each holds its list and the registry in memory.
            rows.lockTenant(tenantId);
            for (UUID running : rows.runningIds(tenantId)) {
                if (background.holds(running) || rows.abandon(tenantId, running) == 0) {
                    throw new LumbungException(
                            ErrorCode.RECONCILIATION_RUNNING,
                            "Another list is still being compared with this registry");
                }
            }
            rows.open(
                    tenantId,
                    id,
                    label,
                    fileName,
                    (int) read.rows(),
                    (int) read.rejected(),
                    write(read.issues()),
                    read.accepted().size(),
                    caller.username());
            return null;
        });
        audit.record(tenantId, caller, "LIST_RECONCILE", id + ": " + label, List.of("nik", "full_name"));
        List<Theirs> theirs = read.accepted();
        Resolver.Thresholds thresholds = settings.of(tenantId);
        background.submit(id, tenantId, () -> compare(tenantId, id, theirs, thresholds));
        return find(caller, tenantId, id);
    }

    private static Theirs parse(
            long line, List<String> fields, TabularFile.Columns columns, List<TabularFile.Issue> issues) {
        Map<RegistryField, Object> values = new HashMap<>();
        boolean[] refused = {false};
        for (RegistryField field : READ) {
            String raw = columns.value(fields, field.header());
            if (raw.isEmpty()) {
                continue; // every column but the name may be empty in another list
            }
            boolean identifier = field == RegistryField.NOMOR_NIK || field == RegistryField.NOMOR_KK;
            Object value = field.read(raw, new RegistryField.Problems() {
                @Override
                public void error(RegistryField f, String reason, String message) {
                    if (identifier && raw.matches("[0-9]{16}")) {
                        // Sixteen digits breaking a rule (a region, a date) are a NIK typed wrong:
                        // kept for matching, which weighs slips, and reported.
                        values.put(f, raw);
                        issues.add(new TabularFile.Issue(line, f.header(), reason, message + " (kept for matching)"));
                        return;
                    }
                    if (!refused[0]) {
                        issues.add(new TabularFile.Issue(line, f.header(), reason, message));
                    }
                    refused[0] = true;
                }

                @Override
                public void warning(RegistryField f, String reason, String message) {}
            });
            if (value != null) {
                values.put(field, value);
            }
        }
        if (refused[0]) {
            return null;
        }
        if (!values.containsKey(RegistryField.NAMA)) {
            issues.add(new TabularFile.Issue(line, RegistryField.NAMA.header(), "missing_value", "nama is required"));
            return null;
        }
        if (!values.containsKey(RegistryField.NOMOR_NIK) && !values.containsKey(RegistryField.TANGGAL_LAHIR)) {
            issues.add(new TabularFile.Issue(
                    line,
                    RegistryField.NOMOR_NIK.header(),
                    "missing_identity",
                    "A person without a NIK needs a birth date (tanggal_lahir) to be recognised"));
            return null;
        }
        return new Theirs(
                line,
                text(values.get(RegistryField.NOMOR_NIK)),
                text(values.get(RegistryField.NOMOR_KK)),
                text(values.get(RegistryField.NAMA)),
                (LocalDate) values.get(RegistryField.TANGGAL_LAHIR),
                text(values.get(RegistryField.JENIS_KELAMIN)),
                text(values.get(RegistryField.KODE_WILAYAH)),
                values.get(RegistryField.DESIL) == null ? null : ((Number) values.get(RegistryField.DESIL)).intValue());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A pair of the list and the registry, by weight. */
    private record Candidate(int ours, int theirs, int pair, double weight) {}

    /**
     * The list's records paired with the registry's, one to one: for each of the list's records
     * (numbered from 0; the resolution numbers them from {@code ours} on), the registry record it
     * is ({@code taken}, -1 if none) through which compared pair, or the likeliest one to look at
     * ({@code likely}); {@code found} the registry records taken.
     */
    public record Pairing(int[] taken, int[] takenPair, int[] likely, int[] likelyPair, boolean[] found) {
        /** The registry record the list's record is, or -1. */
        public int ours(int listRecord) {
            return taken[listRecord];
        }
    }

    /**
     * Pairs the compared pairs across the two lists at or above the review threshold, surest first
     * (by weight): a pair at or above the match threshold whose two records are both still free
     * is taken; otherwise the list's record keeps its likeliest pair for a person to look at.
     */
    public static Pairing pair(Resolver.Resolution resolution, int ours) {
        Resolver.Thresholds thresholds = resolution.thresholds();
        int listed = resolution.people().size() - ours;
        List<Candidate> candidates = new ArrayList<>();
        for (int pair = 0; pair < resolution.pairs().length; pair++) {
            int a = resolution.first(pair);
            int b = resolution.second(pair);
            if ((a < ours) != (b < ours) && resolution.probability(pair) >= thresholds.review()) {
                double weight = resolution
                        .model()
                        .matchWeight(
                                resolution.patterns()[pair],
                                resolution.frequency().share(a));
                candidates.add(new Candidate(Math.min(a, b), Math.max(a, b) - ours, pair, weight));
            }
        }
        candidates.sort((x, y) -> Double.compare(y.weight(), x.weight()));
        int[] taken = new int[listed];
        int[] takenPair = new int[listed];
        int[] likely = new int[listed];
        int[] likelyPair = new int[listed];
        java.util.Arrays.fill(taken, -1);
        java.util.Arrays.fill(likely, -1);
        boolean[] found = new boolean[ours];
        for (Candidate candidate : candidates) {
            int theirs = candidate.theirs();
            boolean sure = resolution.probability(candidate.pair()) >= thresholds.match();
            if (sure && taken[theirs] < 0 && !found[candidate.ours()]) {
                taken[theirs] = candidate.ours();
                takenPair[theirs] = candidate.pair();
                found[candidate.ours()] = true;
            } else if (likely[theirs] < 0) {
                likely[theirs] = candidate.ours();
                likelyPair[theirs] = candidate.pair();
            }
        }
        return new Pairing(taken, takenPair, likely, likelyPair, found);
    }

    private void compare(String tenantId, UUID id, List<Theirs> theirs, Resolver.Thresholds thresholds) {
        try {
            Registers.Read read =
                    Registers.read(transactions, members, protection, statistics, List.of(tenantId), false, Set.of());
            People people = read.people();
            int ours = people.size();
            int[] household = {ours == 0 ? 0 : people.household(ours - 1) + 1};
            Map<String, Integer> families = new HashMap<>();
            for (Theirs row : theirs) {
                // The list's persons of one KK are one family; without a KK, each its own.
                int family =
                        row.kk() == null ? household[0]++ : families.computeIfAbsent(row.kk(), kk -> household[0]++);
                people.add(
                        "L" + row.line(),
                        row.nik(),
                        row.kk(),
                        row.name(),
                        row.born(),
                        row.sex(),
                        row.village(),
                        family);
            }
            Resolver.Resolution resolution = Resolver.resolve(people, thresholds, new long[0], stage -> {
                transactions.inTenant(tenantId, connection -> {
                    rows.stage(tenantId, id, stage, ours);
                    return null;
                });
            });
            store(tenantId, id, theirs, people, resolution, pair(resolution, ours));
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.error("Comparison {} of {} with another list failed", id, tenantId, e);
            transactions.inTenant(tenantId, connection -> {
                rows.fail(tenantId, id, "Pencocokan gagal: " + e.getClass().getSimpleName());
                return null;
            });
        }
    }

    private void store(
            String tenantId,
            UUID id,
            List<Theirs> theirs,
            People people,
            Resolver.Resolution resolution,
            Pairing pairing) {
        boolean[] found = pairing.found();
        Map<UUID, ReconciliationRows.Ours> byId = new HashMap<>();
        List<UUID> wanted = new ArrayList<>();
        for (int record = 0; record < found.length; record++) {
            wanted.add(UUID.fromString(people.id(record)));
        }
        for (int from = 0; from < wanted.size(); from += 5000) {
            List<UUID> batch = wanted.subList(from, Math.min(wanted.size(), from + 5000));
            transactions
                    .inTenant(tenantId, connection -> rows.ours(tenantId, batch))
                    .forEach(member -> byId.put(member.id(), member));
        }
        int[] counts = new int[5]; // both, only here, only there, review, desil conflicts
        List<ReconciliationItemRow> items = new ArrayList<>();
        for (int i = 0; i < theirs.size(); i++) {
            Theirs row = theirs.get(i);
            boolean both = pairing.taken()[i] >= 0;
            int with = both ? pairing.taken()[i] : pairing.likely()[i];
            int pair = both ? pairing.takenPair()[i] : pairing.likelyPair()[i];
            String outcome = both ? "BOTH" : with >= 0 ? "REVIEW" : "ONLY_THERE";
            ReconciliationRows.Ours member = with < 0 ? null : byId.get(UUID.fromString(people.id(with)));
            boolean conflict = "BOTH".equals(outcome)
                    && member != null
                    && member.desil() != null
                    && row.desil() != null
                    && member.desil().intValue() != row.desil();
            counts[
                    switch (outcome) {
                        case "BOTH" -> 0;
                        case "ONLY_THERE" -> 2;
                        default -> 3;
                    }]++;
            if (conflict) {
                counts[4]++;
            }
            items.add(new ReconciliationItemRow(
                    UUID.randomUUID(),
                    tenantId,
                    id,
                    outcome,
                    conflict,
                    String.format(Locale.ROOT, "L%010d", row.line()),
                    row.line(),
                    row.name(),
                    Nik.mask(row.nik()),
                    row.born(),
                    row.village(),
                    row.desil() == null ? null : row.desil().shortValue(),
                    member == null ? null : member.id(),
                    member == null ? null : member.householdId(),
                    member == null ? null : member.desil(),
                    with < 0 ? null : Math.round(resolution.probability(pair) * 1000) / 1000.0,
                    with < 0 ? null : write(Findings.shown(resolution.explain(pair)))));
        }
        for (int record = 0; record < found.length; record++) {
            if (found[record]) {
                continue;
            }
            ReconciliationRows.Ours member = byId.get(UUID.fromString(people.id(record)));
            if (member == null) {
                continue;
            }
            counts[1]++;
            items.add(new ReconciliationItemRow(
                    UUID.randomUUID(),
                    tenantId,
                    id,
                    "ONLY_HERE",
                    false,
                    "R" + people.name(record),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    member.id(),
                    member.householdId(),
                    member.desil(),
                    null,
                    null));
        }
        transactions.inTenant(tenantId, connection -> {
            rows.stage(tenantId, id, "saving", found.length);
            for (int from = 0; from < items.size(); from += 1000) {
                rows.saveAll(items.subList(from, Math.min(items.size(), from + 1000)));
            }
            if (rows.finish(tenantId, id, counts[0], counts[1], counts[2], counts[3], counts[4]) == 0) {
                throw new IllegalStateException("The comparison is no longer running"); // keep nothing
            }
            return null;
        });
        LOG.info(
                "Comparison {} of {}: {} in both ({} of another desil), {} only here, {} only there, {} to look at",
                id,
                tenantId,
                counts[0],
                counts[4],
                counts[1],
                counts[2],
                counts[3]);
    }

    /** The tenant's comparisons, newest first. */
    public Page<ListReconciliation> page(Caller caller, String tenantId, PageRequest request) {
        access.require(caller, Permission.LIST_RECONCILE, tenantId);
        return transactions.inTenant(tenantId, connection -> {
            Keyset.Ids page =
                    Keyset.newestIds(connection, "FROM list_reconciliation WHERE tenant_id = ?", request, tenantId);
            List<ListReconciliation> read = page.inOrder(runs(tenantId, page.ids()), ListReconciliation::id);
            return Page.of(
                    read,
                    request,
                    page.total(),
                    run -> PageRequest.cursor(
                            run.createdAt().toString(), run.id().toString()));
        });
    }

    public ListReconciliation find(Caller caller, String tenantId, UUID id) {
        access.require(caller, Permission.LIST_RECONCILE, tenantId);
        return transactions.inTenant(tenantId, connection -> runs(tenantId, List.of(id))).stream()
                .findFirst()
                .orElseThrow(() -> new LumbungException(
                        ErrorCode.RECONCILIATION_NOT_FOUND, "Comparison " + id + " was not found"));
    }

    private List<ListReconciliation> runs(String tenantId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return rows.runs(tenantId, ids).stream()
                .map(run -> new ListReconciliation(
                        run.id(),
                        run.name(),
                        run.fileName(),
                        run.status(),
                        run.stage(),
                        run.rows(),
                        run.rejected(),
                        run.theirRecords(),
                        run.ourRecords(),
                        run.bothLists(),
                        run.onlyHere(),
                        run.onlyThere(),
                        run.review(),
                        run.desilConflicts(),
                        issues(run.issues()),
                        run.error(),
                        run.requestedBy(),
                        run.createdAt(),
                        run.finishedAt()))
                .toList();
    }

    /**
     * A comparison's persons, by the list's line (then the registry's members by name), a page at
     * a time: {@code outcome} BOTH, ONLY_HERE, ONLY_THERE or REVIEW; {@code desilConflict} true for
     * the pairs whose desil differs. Reading them is audited.
     */
    public Page<ListReconciliation.Item> items(
            Caller caller, String tenantId, UUID id, String outcome, Boolean desilConflict, PageRequest request) {
        find(caller, tenantId, id);
        String only = DuplicateRuns.upper(outcome);
        if (!only.isEmpty()
                && !Set.of("BOTH", "ONLY_HERE", "ONLY_THERE", "REVIEW").contains(only)) {
            throw new LumbungException(ErrorCode.INVALID_PAGE, "outcome is BOTH, ONLY_HERE, ONLY_THERE or REVIEW");
        }
        Keyset order = Keyset.ascending("position", "id");
        Page<ListReconciliation.Item> page = transactions.inTenant(tenantId, connection -> {
            Keyset.Ids ids = order.ids(
                    connection,
                    "id",
                    "FROM list_reconciliation_item WHERE tenant_id = ? AND reconciliation_id = ?"
                            + " AND (? = '' OR outcome = ?) AND (NOT ? OR desil_conflict)",
                    request,
                    tenantId,
                    id,
                    only,
                    only,
                    Boolean.TRUE.equals(desilConflict));
            List<ReconciliationItemRow> read = ids.inOrder(rows.findByIdIn(ids.ids()), ReconciliationItemRow::id);
            List<UUID> memberIds = read.stream()
                    .map(ReconciliationItemRow::memberId)
                    .filter(java.util.Objects::nonNull)
                    .toList();
            Map<UUID, ReconciliationRows.Ours> ours = new HashMap<>();
            if (!memberIds.isEmpty()) {
                rows.ours(tenantId, memberIds).forEach(member -> ours.put(member.id(), member));
            }
            return Page.of(
                            read,
                            request,
                            ids.total(),
                            row -> PageRequest.cursor(row.position(), row.id().toString()))
                    .map(row -> item(row, ours.get(row.memberId())));
        });
        audit.record(tenantId, caller, "LIST_RECONCILE_READ", id.toString(), List.of("full_name", "nik_masked"));
        return page;
    }

    private ListReconciliation.Item item(ReconciliationItemRow row, ReconciliationRows.Ours ours) {
        return new ListReconciliation.Item(
                row.id(),
                row.outcome(),
                row.desilConflict(),
                row.line(),
                row.theirName(),
                row.theirNikMasked(),
                row.theirBirthDate(),
                row.theirVillage(),
                row.theirDesil() == null ? null : row.theirDesil().intValue(),
                row.memberId(),
                row.householdId(),
                ours == null ? null : ours.fullName(),
                ours == null ? null : ours.nikMasked(),
                row.ourDesil() == null ? null : row.ourDesil().intValue(),
                row.probability(),
                row.reasons() == null ? List.of() : Findings.read(json, row.reasons()));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<TabularFile.Issue> issues(String text) {
        try {
            return List.of(json.readValue(text, TabularFile.Issue[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
