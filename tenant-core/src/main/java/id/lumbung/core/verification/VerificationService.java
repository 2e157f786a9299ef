package id.lumbung.core.verification;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Reach;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.Rows;
import id.lumbung.core.database.Statistics;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.outbox.OutboxMessage;
import id.lumbung.core.paging.Keyset;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.core.registry.NameKey;
import id.lumbung.core.tenant.TenantVillages;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies registry members against Dukcapil element by element (name, place and date of
 * birth, sex, KK): a batch queues one outbox message per member with a NIK, the connector asks
 * Dukcapil, and each answer is kept once as the fields that differ — the list the operator
 * works through instead of checking 7,000 records by hand.
 */
@Singleton
public final class VerificationService {
    public static final String AGENCY = "DUKCAPIL";
    public static final String KIND = "VERIFY_ELEMENT";
    public static final int MAXIMUM_MEMBERS = 50_000;
    private static final Logger LOG = LoggerFactory.getLogger(VerificationService.class);
    private static final DateTimeFormatter DUKCAPIL_DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final AuditLog audit;
    private final Outbox outbox;
    private final IdentifierProtection protection;
    private final Statistics statistics;
    private final TenantVillages villages;
    private final id.lumbung.core.workflow.LifeEvents lifeEvents;

    VerificationService(
            TenantTransactions transactions,
            Authorizer access,
            AuditLog audit,
            Outbox outbox,
            IdentifierProtection protection,
            Statistics statistics,
            TenantVillages villages,
            id.lumbung.core.workflow.LifeEvents lifeEvents) {
        this.lifeEvents = lifeEvents;
        this.villages = villages;
        this.transactions = transactions;
        this.access = access;
        this.audit = audit;
        this.outbox = outbox;
        this.protection = protection;
        this.statistics = statistics;
    }

    /** Queues the verification of every member with a NIK in the village (or the whole registry). */
    public Verification start(Caller caller, String tenantId, String village) {
        Authorizer.Grant grant = access.grant(caller, Permission.VERIFICATION_RUN, tenantId);
        String villageCode = villages.optional(grant.tenant(), village);
        grant.reach().requireWhole(villageCode, "Verify");
        UUID batch = UUID.randomUUID();
        int total = transactions.inTenant(tenantId, connection -> {
            List<UUID> members = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT m.id FROM member m JOIN household h"
                    + " ON h.tenant_id = m.tenant_id AND h.id = m.household_id WHERE m.tenant_id = ?"
                    + " AND m.nik_encrypted IS NOT NULL AND m.status = 'ALIVE'"
                    + " AND (?::text IS NULL OR h.village_code = ?) ORDER BY h.village_code, h.id LIMIT ?")) {
                query.setString(1, tenantId);
                query.setString(2, villageCode);
                query.setString(3, villageCode);
                query.setInt(4, MAXIMUM_MEMBERS + 1);
                members.addAll(Rows.list(query, row -> row.getObject(1, UUID.class)));
            }
            if (members.size() > MAXIMUM_MEMBERS) {
                throw new LumbungException(
                        ErrorCode.VERIFICATION_TOO_LARGE,
                        "Verify at most " + MAXIMUM_MEMBERS + " members at once: one village");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO verification_batch (tenant_id, id,"
                    + " village_code, total, requested_by) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, tenantId);
                insert.setObject(2, batch);
                insert.setString(3, villageCode);
                insert.setInt(4, members.size());
                insert.setString(5, caller.username());
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO member_verification (tenant_id,"
                    + " id, batch_id, member_id, status) VALUES (?, ?, ?, ?, 'QUEUED')")) {
                for (UUID member : members) {
                    UUID id = UUID.randomUUID();
                    insert.setString(1, tenantId);
                    insert.setObject(2, id);
                    insert.setObject(3, batch);
                    insert.setObject(4, member);
                    insert.addBatch();
                    outbox.append(connection, tenantId, AGENCY, KIND, id, "{}");
                }
                insert.executeBatch();
            }
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "VERIFICATION_START",
                    (villageCode == null ? "registry" : villageCode) + ": " + members.size() + " members",
                    List.of("nik", "kk", "full_name", "birth_date", "birth_place", "sex"),
                    "OK");
            return members.size();
        });
        if (total >= 500) {
            statistics.refresh(tenantId, "member_verification", "outbox");
        }
        LOG.info("Verification {} of tenant {}: {} members queued", batch, tenantId, total);
        return transactions.inTenant(tenantId, connection -> batch(connection, tenantId, batch, Reach.WHOLE_TENANT));
    }

    /**
     * The batch, its counts, and the members whose data differs: a batch of a village the caller
     * does not reach answers as if it did not exist.
     */
    public Verification progress(Caller caller, String tenantId, UUID batch) {
        Reach reach =
                access.grant(caller, Permission.VERIFICATION_READ, tenantId).reach();
        return transactions.inTenant(tenantId, connection -> batch(connection, tenantId, batch, reach));
    }

    private static Verification batch(Connection connection, String tenantId, UUID batch, Reach reach)
            throws SQLException {
        Verification counts = batches(connection, tenantId, batch, reach, PageRequest.first()).stream()
                .findFirst()
                .orElseThrow(() -> new LumbungException(
                        ErrorCode.VERIFICATION_NOT_FOUND, "Verification " + batch + " was not found"));
        try (PreparedStatement query = connection.prepareStatement("SELECT v.member_id, m.household_id,"
                + " m.full_name, m.nik_masked, v.result, v.deceased, v.name_score, v.differences"
                + " FROM member_verification v JOIN member m ON m.tenant_id = v.tenant_id AND m.id = v.member_id"
                + " JOIN household h ON h.tenant_id = m.tenant_id AND h.id = m.household_id"
                + " WHERE v.tenant_id = ? AND v.batch_id = ? AND v.status = 'DONE'"
                + " AND (cardinality(v.differences) > 0 OR v.deceased OR v.result <> 'FOUND')"
                + " AND " + reach.sql("h") + " ORDER BY v.completed_at LIMIT 500")) {
            query.setString(1, tenantId);
            query.setObject(2, batch);
            reach.bind(connection, query, 3);
            List<Verification.Difference> differences = Rows.list(query, row -> {
                Array fields = row.getArray("differences");
                Object score = row.getObject("name_score");
                return new Verification.Difference(
                        row.getObject("member_id", UUID.class),
                        row.getObject("household_id", UUID.class),
                        row.getString("full_name"),
                        row.getString("nik_masked"),
                        row.getString("result"),
                        (Boolean) row.getObject("deceased"),
                        score == null ? null : ((Number) score).intValue(),
                        fields == null ? List.of() : List.of((String[]) fields.getArray()));
            });
            return new Verification(
                    counts.id(),
                    counts.villageCode(),
                    counts.total(),
                    counts.done(),
                    counts.failed(),
                    counts.withDifferences(),
                    counts.createdAt(),
                    differences);
        }
    }

    private static final Keyset NEWEST = Keyset.newestFirst("created_at", "id");
    private static final String BATCHES =
            " FROM verification_batch WHERE tenant_id = ? AND (?::uuid IS NULL OR id = ?::uuid)"
                    + " AND (? OR village_code = ANY (?))";

    /**
     * The verifications the caller reaches, with their counts (without the differences), newest
     * first, a page at a time with their total.
     */
    public Page<Verification> page(Caller caller, String tenantId, PageRequest request) {
        Reach reach =
                access.grant(caller, Permission.VERIFICATION_READ, tenantId).reach();
        return transactions.inTenant(tenantId, connection -> {
            List<Verification> read = batches(connection, tenantId, null, reach, request);
            long total;
            try (PreparedStatement query = connection.prepareStatement(Keyset.count(BATCHES))) {
                bindBatches(connection, query, tenantId, null, reach);
                total = Rows.first(query, row -> row.getLong(1)).orElse(0L);
            }
            return Page.of(
                    read,
                    request,
                    total,
                    batch -> PageRequest.cursor(
                            batch.createdAt().toString(), batch.id().toString()));
        });
    }

    private static int bindBatches(
            Connection connection, PreparedStatement query, String tenantId, UUID batch, Reach reach)
            throws SQLException {
        query.setString(1, tenantId);
        query.setObject(2, batch);
        query.setObject(3, batch);
        query.setBoolean(4, reach.everything());
        query.setArray(5, connection.createArrayOf("text", reach.villages().toArray()));
        return 6;
    }

    /** Batches of the tenant, of the caller's villages only unless it reaches the whole tenant. */
    private static List<Verification> batches(
            Connection connection, String tenantId, UUID batch, Reach reach, PageRequest request) throws SQLException {
        // The page's batches first, then each one's counts: never an aggregate over all history.
        String direction = request.backwards() ? "" : " DESC";
        try (PreparedStatement query = connection.prepareStatement("SELECT b.id, b.village_code, b.total, b.created_at,"
                + " c.done, c.failed, c.differing FROM (SELECT *" + BATCHES + NEWEST.where(request)
                + NEWEST.orderAndLimit(request) + ") b"
                + " CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE v.status = 'DONE') AS done,"
                + " count(*) FILTER (WHERE v.status = 'FAILED') AS failed,"
                + " count(*) FILTER (WHERE v.status = 'DONE' AND (cardinality(v.differences) > 0"
                + " OR v.deceased OR v.result <> 'FOUND')) AS differing"
                + " FROM member_verification v WHERE v.tenant_id = b.tenant_id AND v.batch_id = b.id) c"
                + " ORDER BY b.created_at" + direction + ", b.id" + direction)) {
            NEWEST.bind(query, request, bindBatches(connection, query, tenantId, batch, reach));
            return Rows.list(
                    query,
                    row -> new Verification(
                            row.getObject("id", UUID.class),
                            row.getString("village_code"),
                            row.getInt("total"),
                            row.getLong("done"),
                            row.getLong("failed"),
                            row.getLong("differing"),
                            row.getTimestamp("created_at").toInstant(),
                            List.of()));
        }
    }

    /**
     * What Dukcapil is asked for one member, decrypted for the call only: the elements in
     * Dukcapil's names (NIK, NO_KK, NAMA_LGKP, TMPT_LHR, TGL_LHR as dd-mm-yyyy, JENIS_KLMIN).
     */
    public Map<String, String> elementsToVerify(OutboxMessage message) {
        return transactions.inTenant(message.tenantId(), connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT m.nik_encrypted, h.kk_encrypted,"
                    + " m.full_name, m.birth_place, m.birth_date, m.sex, h.address, h.rt, h.rw FROM member_verification v"
                    + " JOIN member m ON m.tenant_id = v.tenant_id AND m.id = v.member_id"
                    + " JOIN household h ON h.tenant_id = m.tenant_id AND h.id = m.household_id"
                    + " WHERE v.tenant_id = ? AND v.id = ?")) {
                query.setString(1, message.tenantId());
                query.setObject(2, message.aggregateId());
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("No verification for outbox message " + message.id());
                    }
                    Map<String, String> elements = new LinkedHashMap<>();
                    elements.put("NIK", protection.decrypt(message.tenantId(), row.getString("nik_encrypted")));
                    if (row.getString("kk_encrypted") != null) {
                        elements.put("NO_KK", protection.decrypt(message.tenantId(), row.getString("kk_encrypted")));
                    }
                    // A KTP carries no titles: "HJ. SITI AMINAH, S.PD" is SITI AMINAH at Dukcapil.
                    elements.put("NAMA_LGKP", NameKey.withoutTitles(row.getString("full_name")));
                    if (row.getString("birth_place") != null) {
                        elements.put("TMPT_LHR", row.getString("birth_place"));
                    }
                    LocalDate born = row.getObject("birth_date", LocalDate.class);
                    if (born != null) {
                        elements.put("TGL_LHR", born.format(DUKCAPIL_DATE));
                    }
                    if (row.getString("sex") != null) {
                        elements.put("JENIS_KLMIN", "L".equals(row.getString("sex")) ? "LAKI-LAKI" : "PEREMPUAN");
                    }
                    putIfPresent(elements, "ALAMAT", row.getString("address"));
                    putIfPresent(elements, "NO_RT", row.getString("rt"));
                    putIfPresent(elements, "NO_RW", row.getString("rw"));
                    return elements;
                }
            }
        });
    }

    private static void putIfPresent(Map<String, String> elements, String element, String value) {
        if (value != null && !value.isBlank()) {
            elements.put(element, value.strip());
        }
    }

    /** Keeps Dukcapil's answer once: the fields that differ. */
    public boolean recordResult(OutboxMessage message, ElementResult answer) {
        List<String> differences = new ArrayList<>();
        Map<String, String> fields = Map.of(
                "NAMA_LGKP", "name",
                "TMPT_LHR", "birth_place",
                "TGL_LHR", "birth_date",
                "JENIS_KLMIN", "sex",
                "NO_KK", "kk",
                "ALAMAT", "address",
                "NO_RT", "rt",
                "NO_RW", "rw");
        answer.elements().forEach((element, match) -> {
            if (!match.matches() && fields.containsKey(element)) {
                differences.add(fields.get(element));
            }
        });
        differences.sort(null);
        ElementResult.Match name = answer.elements().get("NAMA_LGKP");
        return transactions.inTenant(message.tenantId(), connection -> {
            if (!outbox.complete(connection, message.tenantId(), message.id())) {
                return false;
            }
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE member_verification SET status = 'DONE',"
                            + " result = ?, deceased = ?, name_score = ?, differences = ?, attempts = ?, last_error = NULL,"
                            + " completed_at = now() WHERE tenant_id = ? AND id = ?")) {
                update.setString(1, answer.result());
                update.setBoolean(2, "DECEASED".equals(answer.result()));
                update.setObject(3, name == null || name.score() < 0 ? null : (short) name.score());
                update.setArray(4, connection.createArrayOf("text", differences.toArray()));
                update.setInt(5, message.attempts());
                update.setString(6, message.tenantId());
                update.setObject(7, message.aggregateId());
                update.executeUpdate();
            }
            // What the civil registry reports of the member's life becomes a proposal by itself.
            int proposed = lifeEvents
                    .fromDukcapil(message.tenantId(), memberOf(connection, message), answer.result(), differences)
                    .size();
            if (proposed > 0) {
                LOG.info(
                        "Verification {}: {} life event proposal(s) for tenant {}",
                        message.aggregateId(),
                        proposed,
                        message.tenantId());
            }
            return true;
        });
    }

    private static UUID memberOf(Connection connection, OutboxMessage message) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT member_id FROM member_verification WHERE tenant_id = ? AND id = ?")) {
            query.setString(1, message.tenantId());
            query.setObject(2, message.aggregateId());
            return Rows.first(query, row -> row.getObject(1, UUID.class)).orElseThrow();
        }
    }

    public void recordRetry(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
        outbox.retryLater(message, delay, reason, giveUp, "member_verification");
    }
}
