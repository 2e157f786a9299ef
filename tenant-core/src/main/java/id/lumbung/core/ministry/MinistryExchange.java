package id.lumbung.core.ministry;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.core.access.TenantAccess;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.household.ExportSheet;
import id.lumbung.core.household.RegistryExport;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.outbox.OutboxMessage;
import id.lumbung.core.registry.TabularFile;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Array;
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
    private final TenantAccess access;
    private final AuditLog audit;
    private final Outbox outbox;
    private final RegistryExport export;
    private final MinistryListService lists;

    MinistryExchange(
            TenantTransactions transactions,
            TenantAccess access,
            AuditLog audit,
            Outbox outbox,
            RegistryExport export,
            MinistryListService lists) {
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
     * @param receipt the ministry's receipt for the proposals
     * @param rowsSent members in the proposals
     * @param outcome what happened, a line per file
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
            String receipt,
            Integer rowsSent,
            List<String> outcome,
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

    /** A file fetched and checked whole: its rows, or why it is refused. */
    public static final class Fetched {
        private final Offered file;
        private final TabularFile.Read<MinistryListService.Row> read;
        private final String refusal;

        private Fetched(Offered file, TabularFile.Read<MinistryListService.Row> read, String refusal) {
            this.file = file;
            this.read = read;
            this.refusal = refusal;
        }

        public Offered file() {
            return file;
        }

        /** Why the whole file is refused; {@code null} when it is read. */
        public String refusal() {
            return refusal;
        }
    }

    /**
     * Queues the sending of the proposals for {@code period}: the households changed since {@code
     * changedSince} (every household when none), written when sent. Only the tenant admin or an
     * approver sends; audited as a full export.
     */
    public Exchange sendProposals(Caller caller, String tenantId, String period, LocalDate changedSince) {
        access.write(caller, tenantId);
        if (!caller.has(Role.TENANT_ADMIN) && !caller.has(Role.APPROVER)) {
            throw LumbungException.forbidden(
                    "proposal_not_permitted", "Only the tenant admin or an approver sends proposals to the ministry");
        }
        if (period == null || !period.matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
            throw new LumbungException(400, "invalid_period", "The period reads yyyy-mm, e.g. 2026-12");
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
        return get(caller, tenantId, id);
    }

    /** Queues a fetch of the files the ministry offers the tenant. */
    public Exchange fetch(Caller caller, String tenantId) {
        access.write(caller, tenantId);
        UUID id = UUID.randomUUID();
        transactions.inTenant(tenantId, connection -> {
            insert(connection, tenantId, id, FETCH, null, null, null, caller.username());
            return outbox.append(connection, tenantId, AGENCY, FETCH, id, "{}");
        });
        return get(caller, tenantId, id);
    }

    /** The tenant's last 50 exchanges, newest first. */
    public List<Exchange> recent(Caller caller, String tenantId) {
        access.visible(caller, tenantId);
        return transactions.inTenant(tenantId, connection -> exchanges(connection, tenantId, null));
    }

    public Exchange get(Caller caller, String tenantId, UUID id) {
        access.visible(caller, tenantId);
        return transactions.inTenant(tenantId, connection -> exchanges(connection, tenantId, id)).stream()
                .findFirst()
                .orElseThrow(
                        () -> new LumbungException(404, "exchange_not_found", "Exchange " + id + " was not found"));
    }

    /** The exchange a message carries out. */
    public Exchange of(OutboxMessage message) {
        return transactions
                .inTenant(
                        message.tenantId(),
                        connection -> exchanges(connection, message.tenantId(), message.aggregateId()))
                .stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No exchange for outbox message " + message.id()));
    }

    /** Writes the proposals (CSV in the ministry's layout, full identifiers) to {@code out}; answers the members written. */
    public long writeProposals(String tenantId, Exchange exchange, OutputStream out) throws IOException {
        return export.writeAudited(
                new RegistryExport.Permit(tenantId, null, true, exchange.changedSince()),
                ExportSheet.Format.CSV.open(out));
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

    /** Reads and checks a fetched file whole: a wrong header or period refuses all of it. */
    public Fetched check(Offered file, Path content) {
        try {
            return new Fetched(file, lists.read(file.kind(), file.period(), content), null);
        } catch (LumbungException e) {
            return new Fetched(file, null, e.getMessage());
        }
    }

    /**
     * Keeps the ministry's receipt for the proposals, once.
     *
     * @param earlier the ministry had the file already (an earlier attempt reached it)
     */
    public boolean recordSent(OutboxMessage message, String receipt, long rows, boolean earlier) {
        return transactions.inTenant(message.tenantId(), connection -> {
            if (!outbox.complete(connection, message.tenantId(), message.id())) {
                return false;
            }
            done(
                    connection,
                    message,
                    receipt,
                    (int) rows,
                    List.of(earlier ? "Received by an earlier attempt" : "Received"));
            return true;
        });
    }

    /** Imports the fetched files, each whole or refused whole, once by name and content. */
    public boolean recordFetched(OutboxMessage message, List<Fetched> files, int alreadyKnown) {
        String tenantId = message.tenantId();
        return transactions.inTenant(tenantId, connection -> {
            if (!outbox.complete(connection, tenantId, message.id())) {
                return false;
            }
            List<String> outcome = new ArrayList<>();
            for (Fetched fetched : files) {
                Offered file = fetched.file();
                if (fetched.refusal() != null) {
                    keepFile(connection, tenantId, message, file, "REJECTED", null, fetched.refusal());
                    outcome.add(file.name() + ": refused whole — " + fetched.refusal());
                    continue;
                }
                long[] written =
                        lists.upsert(connection, tenantId, file.kind(), file.period(), fetched.read.accepted());
                MinistryListService.Result result =
                        MinistryListService.result(file.kind(), file.period(), fetched.read, written);
                keepFile(connection, tenantId, message, file, "IMPORTED", result, null);
                outcome.add(file.name() + ": " + result.rows() + " rows, " + result.changed() + " new or changed, "
                        + result.rejected() + " refused, " + result.unmatched() + " not in the registry"
                        + (file.kind() == MinistryListService.Kind.RETURNED
                                ? ", " + result.alreadyCorrected() + " already corrected"
                                : ""));
            }
            if (alreadyKnown > 0) {
                outcome.add(alreadyKnown + " file(s) offered again, imported before: skipped");
            }
            if (outcome.isEmpty()) {
                outcome.add("No file offered");
            }
            done(connection, message, null, null, outcome);
            LOG.info("Ministry fetch {} of tenant {}: {} file(s) read", message.aggregateId(), tenantId, files.size());
            return true;
        });
    }

    public void recordRetry(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
        transactions.inTenant(message.tenantId(), connection -> {
            outbox.retryLater(connection, message.tenantId(), message.id(), delay, reason, giveUp);
            try (PreparedStatement update = connection.prepareStatement("UPDATE ministry_exchange SET status = ?,"
                    + " attempts = ?, last_error = ? WHERE tenant_id = ? AND id = ? AND status <> 'DONE'")) {
                update.setString(1, giveUp ? "FAILED" : "QUEUED");
                update.setInt(2, message.attempts());
                update.setString(3, reason);
                update.setString(4, message.tenantId());
                update.setObject(5, message.aggregateId());
                return update.executeUpdate();
            }
        });
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
            Connection connection, OutboxMessage message, String receipt, Integer rows, List<String> outcome)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE ministry_exchange SET status = 'DONE',"
                + " receipt = ?, rows_sent = ?, outcome = ?, attempts = ?, last_error = NULL, completed_at = now()"
                + " WHERE tenant_id = ? AND id = ?")) {
            update.setString(1, receipt);
            update.setObject(2, rows);
            update.setArray(3, connection.createArrayOf("text", outcome.toArray()));
            update.setInt(4, message.attempts());
            update.setString(5, message.tenantId());
            update.setObject(6, message.aggregateId());
            update.executeUpdate();
        }
    }

    private static void keepFile(
            Connection connection,
            String tenantId,
            OutboxMessage message,
            Offered file,
            String status,
            MinistryListService.Result result,
            String reason)
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
            upsert.setString(6, status);
            upsert.setObject(7, result == null ? null : (int) result.rows());
            upsert.setObject(8, result == null ? null : (int) result.changed());
            upsert.setObject(9, result == null ? null : (int) result.rejected());
            upsert.setString(10, reason);
            upsert.setObject(11, message.aggregateId());
            upsert.executeUpdate();
        }
    }

    private static List<Exchange> exchanges(Connection connection, String tenantId, UUID id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM ministry_exchange WHERE tenant_id = ?"
                + " AND (?::uuid IS NULL OR id = ?::uuid) ORDER BY created_at DESC LIMIT 50")) {
            query.setString(1, tenantId);
            query.setObject(2, id);
            query.setObject(3, id);
            return Rows.list(query, MinistryExchange::exchange);
        }
    }

    private static Exchange exchange(ResultSet row) throws SQLException {
        Array outcome = row.getArray("outcome");
        Timestamp since = row.getTimestamp("changed_since");
        Timestamp completed = row.getTimestamp("completed_at");
        return new Exchange(
                row.getObject("id", UUID.class),
                row.getString("kind"),
                row.getString("status"),
                row.getString("period"),
                since == null ? null : since.toInstant(),
                row.getString("file_name"),
                row.getString("receipt"),
                (Integer) row.getObject("rows_sent"),
                outcome == null ? List.of() : List.of((String[]) outcome.getArray()),
                row.getInt("attempts"),
                row.getString("last_error"),
                row.getString("requested_by"),
                row.getTimestamp("created_at").toInstant(),
                completed == null ? null : completed.toInstant());
    }
}
