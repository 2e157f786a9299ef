package id.lumbung.core.ministry;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.household.ExportSheet;
import id.lumbung.core.household.RegistryExport;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.outbox.OutboxMessage;
import id.lumbung.core.paging.Keyset;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.registry.TabularFile;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file exchange with the ministry (SIKS-NG) through the outbox (agency {@code KEMENSOS}):
 * sending a tenant's proposals (the households changed since a day, in the ministry's layout,
 * full identifiers — the ministry matches them with Dukcapil) and fetching the files the ministry
 * offers (determination lists and returned records), each checked whole and imported once, by
 * name and content, into its own period. Nobody downloads and uploads by hand.
 */
@Singleton
public final class MinistryExchange {
    public static final String AGENCY = "KEMENSOS";
    public static final String SEND = "SEND_PROPOSALS";
    public static final String FETCH = "FETCH_FILES";
    private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
    private static final Logger LOG = LoggerFactory.getLogger(MinistryExchange.class);

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final AuditLog audit;
    private final Outbox outbox;
    private final RegistryExport export;
    private final MinistryListService lists;
    private final ApprovedLists approved;

    MinistryExchange(
            TenantTransactions transactions,
            Authorizer access,
            AuditLog audit,
            Outbox outbox,
            RegistryExport export,
            MinistryListService lists,
            ApprovedLists approved) {
        this.approved = approved;
        this.transactions = transactions;
        this.access = access;
        this.audit = audit;
        this.outbox = outbox;
        this.export = export;
        this.lists = lists;
    }

    /**
     * An exchange with the ministry.
     *
     * @param id the exchange
     * @param kind SEND_PROPOSALS or FETCH_FILES
     * @param status QUEUED, DONE or FAILED (a dead letter: see {@code lastError})
     * @param period the round the proposals are for
     * @param changedSince the proposals hold the households changed since then
     * @param fileName the proposals' file name at the ministry (fixed when asked)
     * @param batchId the approved list the proposals are (none: the registry's changed households)
     * @param receipt the ministry's receipt for the proposals
     * @param rowsSent members in the proposals (as the ministry counted them)
     * @param receivedEarlier the ministry had the proposals already (an earlier attempt got through)
     * @param files what the fetch did with each file it read
     * @param filesSkipped files offered again that were imported before
     * @param attempts calls made
     * @param lastError why the last attempt failed
     * @param requestedBy who asked
     * @param createdAt when
     * @param completedAt when it was done
     */
    public record Exchange(
            UUID id,
            String kind,
            String status,
            String period,
            Instant changedSince,
            String fileName,
            UUID batchId,
            String receipt,
            Integer rowsSent,
            Boolean receivedEarlier,
            List<FileResult> files,
            Integer filesSkipped,
            int attempts,
            String lastError,
            String requestedBy,
            Instant createdAt,
            Instant completedAt) {}

    /**
     * A file the ministry offers.
     *
     * @param name its name (unique at the ministry)
     * @param kind determination list or returned records
     * @param period its period, yyyy-mm
     * @param sha256 its content's hash, lower-case hex
     */
    public record Offered(String name, MinistryListService.Kind kind, String period, String sha256) {}

    /**
     * What a fetch did with one file.
     *
     * @param name the file
     * @param kind its list
     * @param period its period
     * @param status IMPORTED; REFUSED whole (a wrong header or period: nothing of it kept); or
     *     FAILED to download (tried again at the next fetch)
     * @param rows rows read
     * @param changed records new or changed
     * @param rejected rows refused
     * @param unmatched records matching no household of the registry
     * @param alreadyCorrected returned records the registry has corrected since
     * @param removed records of an earlier version of the file that this one no longer lists
     * @param reason why it was refused or failed
     */
    public record FileResult(
            String name,
            MinistryListService.Kind kind,
            String period,
            String status,
            Integer rows,
            Integer changed,
            Integer rejected,
            Integer unmatched,
            Integer alreadyCorrected,
            Integer removed,
            String reason) {}

    /**
     * Queues the sending of the proposals for {@code period}: the households changed since {@code
     * changedSince} (every household when none), written when sent. Only the tenant admin or an
     * approver sends; audited as a full export.
     */
    public Exchange sendProposals(Caller caller, String tenantId, String period, LocalDate changedSince) {
        access.require(caller, Permission.MINISTRY_SUBMIT, tenantId);
        if (period == null || !period.matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
            throw new LumbungException(ErrorCode.INVALID_PERIOD, "The period reads yyyy-mm, e.g. 2026-12");
        }
        UUID id = UUID.randomUUID();
        Instant since =
                changedSince == null ? null : changedSince.atStartOfDay(WIB).toInstant();
        String fileName =
                "USULAN_" + tenantId + "_" + period + "_" + id.toString().substring(0, 8) + ".csv";
        transactions.inTenant(tenantId, connection -> {
            insert(connection, tenantId, id, SEND, period, since, fileName, caller.username());
            outbox.append(connection, tenantId, AGENCY, SEND, id, "{}");
            return audit.record(
                    connection,
                    tenantId,
                    caller,
                    "MINISTRY_PROPOSALS_SEND",
                    period + (changedSince == null ? ", every household" : ", changed since " + changedSince),
                    List.of("nik", "kk", "registry"),
                    "OK");
        });
        return exchange(tenantId, id);
    }

    /**
     * Queues the sending of an approved list (the list, not a date, decides what goes), in the
     * caller's transaction: whoever sends was checked there ({@code MINISTRY_SUBMIT}).
     */
    public UUID sendList(Connection connection, Caller caller, String tenantId, UUID batchId, String period)
            throws SQLException {
        UUID id = UUID.randomUUID();
        String fileName =
                "USULAN_" + tenantId + "_" + period + "_" + batchId.toString().substring(0, 8) + ".csv";
        insert(connection, tenantId, id, SEND, period, null, fileName, caller.username());
        try (PreparedStatement list = connection.prepareStatement(
                "UPDATE ministry_exchange SET batch_id = ? WHERE tenant_id = ? AND id = ?")) {
            list.setObject(1, batchId);
            list.setString(2, tenantId);
            list.setObject(3, id);
            list.executeUpdate();
        }
        outbox.append(connection, tenantId, AGENCY, SEND, id, "{}");
        audit.record(
                connection,
                tenantId,
                caller,
                "MINISTRY_LIST_SEND",
                period + ", approved list " + batchId,
                List.of("nik", "kk", "proposals"),
                "OK");
        return id;
    }

    /** Queues a fetch of the files the ministry offers the tenant; one at a time (409 while one waits). */
    public Exchange fetch(Caller caller, String tenantId) {
        access.require(caller, Permission.IMPORT_RUN, tenantId);
        UUID id = UUID.randomUUID();
        transactions.inTenant(tenantId, connection -> {
            lock(connection, tenantId, "fetch");
            try (PreparedStatement waiting = connection.prepareStatement("SELECT 1 FROM ministry_exchange"
                    + " WHERE tenant_id = ? AND kind = 'FETCH_FILES' AND status = 'QUEUED'")) {
                waiting.setString(1, tenantId);
                if (Rows.first(waiting, row -> 1).isPresent()) {
                    throw new LumbungException(
                            ErrorCode.FETCH_IN_PROGRESS, "A fetch of the ministry's files is already under way");
                }
            }
            insert(connection, tenantId, id, FETCH, null, null, null, caller.username());
            return outbox.append(connection, tenantId, AGENCY, FETCH, id, "{}");
        });
        return exchange(tenantId, id);
    }

    /** The tenant's last 50 exchanges, newest first. */
    public List<Exchange> recent(Caller caller, String tenantId) {
        return page(caller, tenantId, PageRequest.first()).items();
    }

    private static final Keyset NEWEST = Keyset.newestFirst("created_at", "id");

    /** The tenant's exchanges, newest first, with what each did: a page at a time with their total. */
    public Page<Exchange> page(Caller caller, String tenantId, PageRequest request) {
        access.require(caller, Permission.MINISTRY_READ, tenantId);
        return transactions.inTenant(tenantId, connection -> {
            List<Exchange> read = exchanges(connection, tenantId, null, request);
            long total = Keyset.count(connection, "FROM ministry_exchange WHERE tenant_id = ?", tenantId);
            return Page.of(
                    read,
                    request,
                    total,
                    exchange -> PageRequest.cursor(
                            exchange.createdAt().toString(), exchange.id().toString()));
        });
    }

    public Exchange get(Caller caller, String tenantId, UUID id) {
        access.require(caller, Permission.MINISTRY_READ, tenantId);
        return exchange(tenantId, id);
    }

    private Exchange exchange(String tenantId, UUID id) {
        return transactions
                .inTenant(tenantId, connection -> exchanges(connection, tenantId, id, PageRequest.first()))
                .stream()
                .findFirst()
                .orElseThrow(
                        () -> new LumbungException(ErrorCode.EXCHANGE_NOT_FOUND, "Exchange " + id + " was not found"));
    }

    /** The exchange a message carries out. */
    public Exchange of(OutboxMessage message) {
        return transactions
                .inTenant(
                        message.tenantId(),
                        connection ->
                                exchanges(connection, message.tenantId(), message.aggregateId(), PageRequest.first()))
                .stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No exchange for outbox message " + message.id()));
    }

    /** Writes the proposals (CSV in the ministry's layout, full identifiers) to {@code out}; answers the members written. */
    public long writeProposals(String tenantId, Exchange exchange, OutputStream out) throws IOException {
        if (exchange.batchId() != null) {
            return approved.write(tenantId, exchange.batchId(), out);
        }
        return export.writeAudited(
                RegistryExport.Permit.proposals(tenantId, exchange.changedSince()), ExportSheet.Format.CSV.open(out));
    }

    /** The files of the tenant already fetched: name → content hash. */
    public Map<String, String> knownFiles(String tenantId) {
        return transactions.inTenant(tenantId, connection -> {
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT name, sha256 FROM ministry_file WHERE tenant_id = ?")) {
                query.setString(1, tenantId);
                Map<String, String> known = new HashMap<>();
                for (String[] row : Rows.list(query, found -> new String[] {found.getString(1), found.getString(2)})) {
                    known.put(row[0], row[1]);
                }
                return known;
            }
        });
    }

    /**
     * Reads a fetched file whole and imports it in a transaction of its own, into its own period:
     * a wrong header or period refuses all of it; a new version of a file imported before
     * removes the records it no longer lists. Kept by name and content hash, so a file offered
     * again is never imported twice, even by a fetch running at the same time.
     *
     * @return what was done, or {@code null} if another fetch imported this content already
     */
    public FileResult importFetched(OutboxMessage message, Offered file, Path content) {
        TabularFile.Read<MinistryListService.Row> read;
        String refusal = null;
        try {
            read = lists.read(file.kind(), file.period(), content);
        } catch (LumbungException e) {
            read = null;
            refusal = e.getMessage();
        } catch (RuntimeException e) {
            // Not readable as a list at all (an encoding it does not declare, a broken workbook).
            read = null;
            refusal = "unreadable file: " + e.getClass().getSimpleName();
        }
        TabularFile.Read<MinistryListService.Row> checked = read;
        String refused = refusal;
        String tenantId = message.tenantId();
        return transactions.inTenant(tenantId, connection -> {
            lock(connection, tenantId, "files");
            String knownSha;
            try (PreparedStatement known =
                    connection.prepareStatement("SELECT sha256 FROM ministry_file WHERE tenant_id = ? AND name = ?")) {
                known.setString(1, tenantId);
                known.setString(2, file.name());
                knownSha = Rows.first(known, row -> row.getString(1)).orElse(null);
            }
            if (file.sha256().equals(knownSha)) {
                return null;
            }
            FileResult result;
            if (refused != null) {
                result = new FileResult(
                        file.name(),
                        file.kind(),
                        file.period(),
                        "REFUSED",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        refused);
            } else {
                MinistryListService.Written written =
                        lists.upsert(connection, tenantId, file.kind(), file.period(), checked.accepted(), file.name());
                // Only a version read whole replaces the last: a refused row's record is kept.
                int removed = knownSha == null || checked.rejected() > 0
                        ? 0
                        : prune(connection, tenantId, file, checked.accepted());
                MinistryListService.Result counts =
                        MinistryListService.result(file.kind(), file.period(), checked, written);
                result = new FileResult(
                        file.name(),
                        file.kind(),
                        file.period(),
                        "IMPORTED",
                        (int) counts.rows(),
                        (int) counts.changed(),
                        (int) counts.rejected(),
                        (int) counts.unmatched(),
                        (int) counts.alreadyCorrected(),
                        removed,
                        null);
            }
            keepFile(connection, tenantId, message, file, result);
            keepResult(connection, tenantId, message, result);
            return result;
        });
    }

    /** A file that could not be downloaded: noted on the fetch, fetched again next time. */
    public void fileFailed(OutboxMessage message, Offered file, String reason) {
        transactions.inTenant(message.tenantId(), connection -> {
            keepResult(
                    connection,
                    message.tenantId(),
                    message,
                    new FileResult(
                            file.name(),
                            file.kind(),
                            file.period(),
                            "FAILED",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            reason));
            return null;
        });
    }

    /**
     * Keeps the ministry's receipt for the proposals, once.
     *
     * @param rows members in the proposals, as the ministry counted them
     * @param earlier the ministry had the file already (an earlier attempt reached it)
     */
    public boolean recordSent(OutboxMessage message, String receipt, long rows, boolean earlier) {
        return transactions.inTenant(message.tenantId(), connection -> {
            if (!outbox.complete(connection, message.tenantId(), message.id())) {
                return false;
            }
            done(connection, message, receipt, (int) rows, earlier, null);
            return true;
        });
    }

    /** Ends a fetch, once: its files were imported one by one as they came. */
    public boolean recordFetched(OutboxMessage message, int alreadyKnown) {
        String tenantId = message.tenantId();
        return transactions.inTenant(tenantId, connection -> {
            if (!outbox.complete(connection, tenantId, message.id())) {
                return false;
            }
            done(connection, message, null, null, null, alreadyKnown);
            LOG.info("Ministry fetch {} of tenant {} done", message.aggregateId(), tenantId);
            return true;
        });
    }

    public void recordRetry(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
        outbox.retryLater(message, delay, reason, giveUp, "ministry_exchange");
    }

    private static void insert(
            Connection connection,
            String tenantId,
            UUID id,
            String kind,
            String period,
            Instant since,
            String fileName,
            String by)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ministry_exchange (tenant_id, id,"
                + " kind, status, period, changed_since, file_name, requested_by)"
                + " VALUES (?, ?, ?, 'QUEUED', ?, ?, ?, ?)")) {
            insert.setString(1, tenantId);
            insert.setObject(2, id);
            insert.setString(3, kind);
            insert.setString(4, period);
            insert.setTimestamp(5, since == null ? null : Timestamp.from(since));
            insert.setString(6, fileName);
            insert.setString(7, by);
            insert.executeUpdate();
        }
    }

    private static void done(
            Connection connection,
            OutboxMessage message,
            String receipt,
            Integer rows,
            Boolean earlier,
            Integer skipped)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE ministry_exchange SET status = 'DONE',"
                + " receipt = ?, rows_sent = ?, received_earlier = ?, files_skipped = ?, attempts = ?,"
                + " last_error = NULL, completed_at = now() WHERE tenant_id = ? AND id = ?")) {
            update.setString(1, receipt);
            update.setObject(2, rows);
            update.setObject(3, earlier);
            update.setObject(4, skipped);
            update.setInt(5, message.attempts());
            update.setString(6, message.tenantId());
            update.setObject(7, message.aggregateId());
            update.executeUpdate();
        }
    }

    /** Serialises this tenant's work of one kind (fetches asked; files imported) across processes. */
    private static void lock(Connection connection, String tenantId, String what) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "lumbung.ministry." + what + "." + tenantId);
            lock.execute();
        }
    }

    /** Removes the records an earlier version of the file listed and this one does not; answers how many. */
    private static int prune(Connection connection, String tenantId, Offered file, List<MinistryListService.Row> rows)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM ministry_record WHERE tenant_id = ?"
                + " AND source_file = ? AND kind = ? AND period = ?"
                + " AND record_id NOT IN (SELECT unnest(?::text[]))")) {
            delete.setString(1, tenantId);
            delete.setString(2, file.name());
            delete.setString(3, file.kind().name());
            delete.setString(4, file.period());
            delete.setArray(
                    5,
                    connection.createArrayOf(
                            "text",
                            rows.stream().map(MinistryListService.Row::recordId).toArray()));
            return delete.executeUpdate();
        }
    }

    private static void keepResult(Connection connection, String tenantId, OutboxMessage message, FileResult result)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO ministry_exchange_file (tenant_id,"
                + " exchange_id, name, kind, period, status, rows_read, changed, rejected, unmatched,"
                + " already_corrected, removed, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, exchange_id, name) DO UPDATE SET status = excluded.status,"
                + " rows_read = excluded.rows_read, changed = excluded.changed, rejected = excluded.rejected,"
                + " unmatched = excluded.unmatched, already_corrected = excluded.already_corrected,"
                + " removed = excluded.removed, reason = excluded.reason, done_at = now()")) {
            upsert.setString(1, tenantId);
            upsert.setObject(2, message.aggregateId());
            upsert.setString(3, result.name());
            upsert.setString(4, result.kind().name());
            upsert.setString(5, result.period());
            upsert.setString(6, result.status());
            upsert.setObject(7, result.rows());
            upsert.setObject(8, result.changed());
            upsert.setObject(9, result.rejected());
            upsert.setObject(10, result.unmatched());
            upsert.setObject(11, result.alreadyCorrected());
            upsert.setObject(12, result.removed());
            upsert.setString(13, result.reason());
            upsert.executeUpdate();
        }
    }

    private static void keepFile(
            Connection connection, String tenantId, OutboxMessage message, Offered file, FileResult result)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO ministry_file (tenant_id, name,"
                + " sha256, kind, period, status, rows_read, changed, rejected, reason, exchange_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, name) DO UPDATE SET"
                + " sha256 = excluded.sha256, kind = excluded.kind, period = excluded.period, status = excluded.status,"
                + " rows_read = excluded.rows_read, changed = excluded.changed, rejected = excluded.rejected,"
                + " reason = excluded.reason, exchange_id = excluded.exchange_id, imported_at = now()")) {
            upsert.setString(1, tenantId);
            upsert.setString(2, file.name());
            upsert.setString(3, file.sha256());
            upsert.setString(4, file.kind().name());
            upsert.setString(5, file.period());
            upsert.setString(6, "IMPORTED".equals(result.status()) ? "IMPORTED" : "REJECTED");
            upsert.setObject(7, result.rows());
            upsert.setObject(8, result.changed());
            upsert.setObject(9, result.rejected());
            upsert.setString(10, result.reason());
            upsert.setObject(11, message.aggregateId());
            upsert.executeUpdate();
        }
    }

    private static List<Exchange> exchanges(Connection connection, String tenantId, UUID id, PageRequest request)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM ministry_exchange WHERE tenant_id = ?"
                + " AND (?::uuid IS NULL OR id = ?::uuid)" + NEWEST.where(request) + NEWEST.orderAndLimit(request))) {
            query.setString(1, tenantId);
            query.setObject(2, id);
            query.setObject(3, id);
            NEWEST.bind(query, request, 4);
            List<Exchange> found = Rows.list(query, MinistryExchange::exchange);
            if (found.isEmpty()) {
                return found;
            }
            Map<UUID, List<FileResult>> files = new HashMap<>();
            try (PreparedStatement results = connection.prepareStatement("SELECT * FROM ministry_exchange_file"
                    + " WHERE tenant_id = ? AND exchange_id = ANY (?::uuid[]) ORDER BY done_at, name")) {
                results.setString(1, tenantId);
                results.setArray(
                        2,
                        connection.createArrayOf(
                                "uuid", found.stream().map(Exchange::id).toArray()));
                for (Map.Entry<UUID, FileResult> result : Rows.list(results, MinistryExchange::fileResult)) {
                    files.computeIfAbsent(result.getKey(), ignored -> new ArrayList<>())
                            .add(result.getValue());
                }
            }
            return found.stream()
                    .map(exchange -> withFiles(exchange, files.getOrDefault(exchange.id(), List.of())))
                    .toList();
        }
    }

    private static Map.Entry<UUID, FileResult> fileResult(ResultSet row) throws SQLException {
        return Map.entry(
                row.getObject("exchange_id", UUID.class),
                new FileResult(
                        row.getString("name"),
                        MinistryListService.Kind.valueOf(row.getString("kind")),
                        row.getString("period"),
                        row.getString("status"),
                        (Integer) row.getObject("rows_read"),
                        (Integer) row.getObject("changed"),
                        (Integer) row.getObject("rejected"),
                        (Integer) row.getObject("unmatched"),
                        (Integer) row.getObject("already_corrected"),
                        (Integer) row.getObject("removed"),
                        row.getString("reason")));
    }

    private static Exchange withFiles(Exchange exchange, List<FileResult> files) {
        return new Exchange(
                exchange.id(),
                exchange.kind(),
                exchange.status(),
                exchange.period(),
                exchange.changedSince(),
                exchange.fileName(),
                exchange.batchId(),
                exchange.receipt(),
                exchange.rowsSent(),
                exchange.receivedEarlier(),
                files,
                exchange.filesSkipped(),
                exchange.attempts(),
                exchange.lastError(),
                exchange.requestedBy(),
                exchange.createdAt(),
                exchange.completedAt());
    }

    private static Exchange exchange(ResultSet row) throws SQLException {
        Timestamp since = row.getTimestamp("changed_since");
        Timestamp completed = row.getTimestamp("completed_at");
        return new Exchange(
                row.getObject("id", UUID.class),
                row.getString("kind"),
                row.getString("status"),
                row.getString("period"),
                since == null ? null : since.toInstant(),
                row.getString("file_name"),
                row.getObject("batch_id", UUID.class),
                row.getString("receipt"),
                (Integer) row.getObject("rows_sent"),
                (Boolean) row.getObject("received_earlier"),
                List.of(),
                (Integer) row.getObject("files_skipped"),
                row.getInt("attempts"),
                row.getString("last_error"),
                row.getString("requested_by"),
                row.getTimestamp("created_at").toInstant(),
                completed == null ? null : completed.toInstant());
    }
}
