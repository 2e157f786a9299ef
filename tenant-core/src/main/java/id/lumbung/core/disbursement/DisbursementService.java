package id.lumbung.core.disbursement;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Reach;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.outbox.OutboxMessage;
import id.lumbung.core.protection.IdentifierProtection;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disbursements: asked in one transaction with their outbox messages, paid by the bank's
 * connector, finished by the bank's answer or its notification — and never paid twice: the
 * reference is fixed at creation, a transfer that may have reached the bank is followed by a
 * status inquiry under the same reference, and a final status never changes again.
 */
@Singleton
public final class DisbursementService {
    public static final String KIND = "TRANSFER";
    public static final int MAXIMUM_BATCH = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(DisbursementService.class);
    /** A payment's reference: {@code LBG}, its tenant, 21 characters of its id. */
    private static final java.util.regex.Pattern REFERENCE =
            java.util.regex.Pattern.compile("LBG([0-9]{4})[0-9A-F]{21}");

    private static final String COLUMNS = "tenant_id, id, bank_code, partner_reference_no, household_id, programme,"
            + " period, account_masked, beneficiary_name, amount, status, bank_reference_no, response_code,"
            + " failure_reason, status_source, created_at, completed_at";

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final AuditLog audit;
    private final Outbox outbox;
    private final IdentifierProtection protection;

    private final PaymentRails rails;

    DisbursementService(
            TenantTransactions transactions,
            Authorizer access,
            AuditLog audit,
            Outbox outbox,
            IdentifierProtection protection,
            PaymentRails rails) {
        this.rails = rails;
        this.transactions = transactions;
        this.access = access;
        this.audit = audit;
        this.outbox = outbox;
        this.protection = protection;
    }

    /** The outbox agency of a bank's connector. */
    public static String agency(String bankCode) {
        return "BANK_" + bankCode.toUpperCase(Locale.ROOT);
    }

    /**
     * A payment to ask for.
     *
     * @param bankCode the paying bank's profile
     * @param householdId the household paid, if known (one payment per household, programme and period)
     * @param programme the programme
     * @param period the period
     * @param accountNo the beneficiary's account number
     * @param beneficiaryName the account holder
     * @param amount rupiah, at most two decimals
     */
    public record NewDisbursement(
            String bankCode,
            UUID householdId,
            String programme,
            String period,
            String accountNo,
            String beneficiaryName,
            BigDecimal amount) {

        @Override
        public String toString() {
            return "NewDisbursement[bankCode=" + bankCode + ", programme=" + programme + ", period=" + period + "]";
        }
    }

    /**
     * A disbursement with what its transfer call needs: the account in full, when it was first
     * sent (the transaction date every later request about it repeats), and the X-EXTERNAL-ID of
     * its first send, which status inquiries name ({@code null} after a resend).
     */
    public record ForCall(
            Disbursement disbursement, String accountNo, boolean sent, java.time.Instant sentAt, String externalId) {
        @Override
        public String toString() {
            return "ForCall[" + disbursement.id() + ", sent=" + sent + "]";
        }
    }

    /** Asks for the payments, all or none; each gets its reference and an outbox message to its bank. */
    public List<Disbursement> submit(Caller caller, String tenantId, List<NewDisbursement> payments) {
        access.require(caller, Permission.PAYMENT_ORDER, tenantId);
        if (payments == null || payments.isEmpty() || payments.size() > MAXIMUM_BATCH) {
            throw new LumbungException(
                    ErrorCode.DISBURSEMENT_BATCH_SIZE, "A batch holds from 1 to " + MAXIMUM_BATCH + " payments");
        }
        for (int i = 0; i < payments.size(); i++) {
            check(i + 1, payments.get(i));
            String bank = payments.get(i).bankCode();
            if (!rails.banks().contains(bank.strip().toUpperCase(Locale.ROOT))) {
                // A bank no connector serves would leave the payment queued for ever.
                throw new LumbungException(
                        ErrorCode.UNKNOWN_BANK,
                        "Payment " + (i + 1) + ": no bank " + bank + " is configured ("
                                + String.join(", ", rails.banks()) + ")");
            }
        }
        List<Disbursement> created = transactions.inTenantDurably(tenantId, connection -> {
            requireHouseholds(connection, tenantId, payments);
            List<Disbursement> rows = new ArrayList<>(payments.size());
            for (NewDisbursement payment : payments) {
                rows.add(insert(connection, caller, tenantId, payment));
            }
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "DISBURSEMENT_CREATE",
                    payments.size() + " payments",
                    List.of("account", "amount"),
                    "OK");
            return rows;
        });
        LOG.info("{} disbursements queued for tenant {}", created.size(), tenantId);
        return created;
    }

    /** Every household named must be one of the tenant's: another tenant's is never paid from here. */
    private static void requireHouseholds(Connection connection, String tenantId, List<NewDisbursement> payments)
            throws SQLException {
        List<UUID> named = payments.stream()
                .map(NewDisbursement::householdId)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
        if (named.isEmpty()) {
            return;
        }
        try (PreparedStatement query =
                connection.prepareStatement("SELECT count(*) FROM household WHERE tenant_id = ? AND id = ANY (?)")) {
            query.setString(1, tenantId);
            query.setArray(2, connection.createArrayOf("uuid", named.toArray()));
            long found = Rows.first(query, row -> row.getLong(1)).orElse(0L);
            if (found != named.size()) {
                throw new LumbungException(
                        ErrorCode.UNKNOWN_HOUSEHOLD,
                        (named.size() - found) + " of the households named are not in this tenant's registry");
            }
        }
    }

    private static void check(int number, NewDisbursement payment) {
        if (payment == null) {
            throw new LumbungException(ErrorCode.MISSING_VALUE, "Payment " + number + " is empty");
        }
        String where = "Payment " + number + ": ";
        if (payment.bankCode() == null || !payment.bankCode().matches("[A-Za-z0-9_]{2,16}")) {
            throw new LumbungException(ErrorCode.INVALID_BANK_CODE, where + "bankCode is 2 to 16 letters or digits");
        }
        if (payment.accountNo() == null || !payment.accountNo().matches("[0-9]{6,20}")) {
            throw new LumbungException(ErrorCode.INVALID_ACCOUNT, where + "the account number is 6 to 20 digits");
        }
        if (payment.amount() == null
                || payment.amount().signum() <= 0
                || payment.amount().scale() > 2
                || payment.amount().precision() - payment.amount().scale() > 13) {
            throw new LumbungException(
                    ErrorCode.INVALID_AMOUNT, where + "the amount is positive rupiah with at most two decimals");
        }
        if (blank(payment.programme()) || blank(payment.period()) || blank(payment.beneficiaryName())) {
            throw new LumbungException(
                    ErrorCode.MISSING_VALUE, where + "programme, period and beneficiaryName are required");
        }
    }

    private Disbursement insert(Connection connection, Caller caller, String tenantId, NewDisbursement payment)
            throws SQLException {
        UUID id = UUID.randomUUID();
        String bank = payment.bankCode().toUpperCase(Locale.ROOT);
        // Unique across tenants and days, at most 32 characters as SNAP allows more.
        String reference = "LBG" + tenantId
                + id.toString().replace("-", "").substring(0, 21).toUpperCase(Locale.ROOT);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO disbursement (tenant_id, id,"
                + " bank_code, partner_reference_no, household_id, programme, period, account_encrypted,"
                + " account_masked, beneficiary_name, amount, status, requested_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?) RETURNING " + COLUMNS)) {
            insert.setString(1, tenantId);
            insert.setObject(2, id);
            insert.setString(3, bank);
            insert.setString(4, reference);
            insert.setObject(5, payment.householdId());
            insert.setString(6, payment.programme().strip());
            insert.setString(7, payment.period().strip());
            insert.setString(8, protection.encrypt(tenantId, payment.accountNo()));
            insert.setString(9, mask(payment.accountNo()));
            insert.setString(10, payment.beneficiaryName().strip());
            insert.setBigDecimal(11, payment.amount().setScale(2));
            insert.setString(12, caller.username());
            outbox.append(connection, tenantId, agency(bank), KIND, id, "{\"disbursementId\":\"" + id + "\"}");
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return map(rows);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new LumbungException(
                        ErrorCode.ALREADY_DISBURSED,
                        "The household already has a payment for this programme and period");
            }
            throw e;
        }
    }

    /** A payment the caller reaches (a payment to a household outside its reach answers as if it did not exist). */
    public Disbursement find(Caller caller, String tenantId, UUID id) {
        Reach reach = access.grant(caller, Permission.PAYMENT_READ, tenantId).reach();
        return transactions
                .inTenant(tenantId, connection -> {
                    try (PreparedStatement query = connection.prepareStatement(
                            "SELECT " + columns("d") + " FROM disbursement d" + reachable(reach) + " AND d.id = ?")) {
                        int next = bindReach(connection, query, tenantId, reach);
                        query.setObject(next, id);
                        return Rows.first(query, DisbursementService::map);
                    }
                })
                .orElseThrow(() -> new LumbungException(
                        ErrorCode.DISBURSEMENT_NOT_FOUND, "Disbursement " + id + " was not found"));
    }

    private static final id.lumbung.core.paging.Keyset NEWEST =
            id.lumbung.core.paging.Keyset.newestFirst("d.created_at", "d.id");

    /** The payments the caller reaches, newest first, a page at a time with their total. */
    public id.lumbung.core.paging.Page<Disbursement> page(
            Caller caller, String tenantId, id.lumbung.core.paging.PageRequest request) {
        Reach reach = access.grant(caller, Permission.PAYMENT_READ, tenantId).reach();
        return transactions.inTenant(tenantId, connection -> {
            List<Disbursement> read;
            try (PreparedStatement query = connection.prepareStatement("SELECT " + columns("d") + " FROM disbursement d"
                    + reachable(reach) + NEWEST.where(request) + NEWEST.orderAndLimit(request))) {
                NEWEST.bind(query, request, bindReach(connection, query, tenantId, reach));
                read = Rows.list(query, DisbursementService::map);
            }
            long total;
            try (PreparedStatement query = connection.prepareStatement(
                    id.lumbung.core.paging.Keyset.count("FROM disbursement d" + reachable(reach)))) {
                bindReach(connection, query, tenantId, reach);
                total = Rows.first(query, row -> row.getLong(1)).orElse(0L);
            }
            return id.lumbung.core.paging.Page.of(
                    read,
                    request,
                    total,
                    payment -> id.lumbung.core.paging.PageRequest.cursor(
                            payment.createdAt().toString(), payment.id().toString()));
        });
    }

    /** How many of the payments the caller reaches are in each status, all of them. */
    public java.util.Map<String, Long> countsByStatus(Caller caller, String tenantId) {
        Reach reach = access.grant(caller, Permission.PAYMENT_READ, tenantId).reach();
        return transactions.inTenant(tenantId, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT d.status, count(*) FROM disbursement d" + reachable(reach) + " GROUP BY d.status")) {
                bindReach(connection, query, tenantId, reach);
                java.util.Map<String, Long> counts = new java.util.TreeMap<>();
                Rows.list(query, row -> counts.put(row.getString(1), row.getLong(2)));
                return counts;
            }
        });
    }

    /**
     * The tenant's payments the reach covers: all of them for the whole tenant, else those of a
     * household it reaches (a payment without a household belongs to nobody's village).
     */
    private static String reachable(Reach reach) {
        return reach.everything()
                ? " WHERE d.tenant_id = ?"
                : " JOIN household h ON h.tenant_id = d.tenant_id AND h.id = d.household_id WHERE d.tenant_id = ?"
                        + " AND " + reach.sql("h");
    }

    private static int bindReach(Connection connection, PreparedStatement query, String tenantId, Reach reach)
            throws SQLException {
        query.setString(1, tenantId);
        return reach.bind(connection, query, 2);
    }

    private static String columns(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    /** For the connector: the disbursement of a claimed message, its account in full, whether it was sent. */
    public ForCall forCall(OutboxMessage message) {
        return transactions.inTenant(message.tenantId(), connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                    + ", account_encrypted, sent_at, external_id FROM disbursement WHERE tenant_id = ? AND id = ?")) {
                query.setString(1, message.tenantId());
                query.setObject(2, message.aggregateId());
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("No disbursement for outbox message " + message.id());
                    }
                    return new ForCall(
                            map(row),
                            protection.decrypt(message.tenantId(), row.getString("account_encrypted")),
                            row.getTimestamp("sent_at") != null,
                            row.getTimestamp("sent_at") == null
                                    ? null
                                    : row.getTimestamp("sent_at").toInstant(),
                            row.getString("external_id"));
                }
            }
        });
    }

    /**
     * Marks the transfer as sent, committed before the call: whatever happens to this process,
     * the next attempt asks the bank for the outcome instead of sending blindly.
     */
    public boolean markSent(String tenantId, UUID id, String externalId) {
        return transactions.inTenantDurably(tenantId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE disbursement SET sent_at = now(),"
                    + " status = 'SENT', external_id = ?, updated_at = now()"
                    + " WHERE tenant_id = ? AND id = ? AND sent_at IS NULL")) {
                update.setString(1, externalId);
                update.setString(2, tenantId);
                update.setObject(3, id);
                // Only the worker whose update marked it may send the transfer; any other asks the status.
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * Before a resend: the X-EXTERNAL-ID kept is forgotten, since after two sends nobody can tell
     * which one the bank has; later inquiries name the payment by its reference only.
     */
    public void markResent(String tenantId, UUID id) {
        transactions.inTenantDurably(tenantId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE disbursement SET external_id = NULL,"
                    + " updated_at = now() WHERE tenant_id = ? AND id = ?")) {
                update.setString(1, tenantId);
                update.setObject(2, id);
                return update.executeUpdate();
            }
        });
    }

    /**
     * Writes the bank's answer: a final one completes the message (once, keyed by the message); an
     * in-progress one keeps the message waiting for {@code followUp}, when the status is asked
     * again (not counted as an attempt) — in case the bank's notification never comes. The status
     * only ever moves forward, so a late answer applied by another worker changes nothing.
     *
     * @return whether this call completed the message or recorded the progress
     */
    public boolean recordOutcome(OutboxMessage message, BankOutcome outcome, Duration followUp) {
        return transactions.inTenantDurably(message.tenantId(), connection -> {
            boolean finalStatus = "SUCCEEDED".equals(outcome.status()) || "FAILED".equals(outcome.status());
            apply(connection, message.tenantId(), message.aggregateId(), outcome);
            if (finalStatus) {
                return outbox.complete(connection, message.tenantId(), message.id());
            }
            return outbox.waitAgain(
                    connection, message.tenantId(), message.id(), followUp, "in progress at the bank; asked again");
        });
    }

    /** A failed attempt: the message waits, or is a dead letter; the disbursement shows why. */
    public void recordRetry(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
        transactions.inTenantDurably(message.tenantId(), connection -> {
            outbox.retryLater(connection, message.tenantId(), message.id(), delay, reason, giveUp);
            try (PreparedStatement update = connection.prepareStatement("UPDATE disbursement SET failure_reason = ?,"
                    + " updated_at = now() WHERE tenant_id = ? AND id = ? AND status NOT IN ('SUCCEEDED', 'FAILED')")) {
                update.setString(1, reason);
                update.setString(2, message.tenantId());
                update.setObject(3, message.aggregateId());
                return update.executeUpdate();
            }
        });
    }

    /** What a notification did. */
    public enum NotificationResult {
        /** It changed the disbursement's status. */
        APPLIED,
        /** It was received before (the same notification again), or says what is already known. */
        DUPLICATE,
        /** No disbursement of this bank has the reference. */
        UNKNOWN_REFERENCE
    }

    /**
     * A bank's notification about a transfer, already verified (signature and time): kept once per
     * notification id, applied once; it never moves a final status, so late or repeated
     * notifications change nothing.
     */
    public NotificationResult applyNotification(
            String bankCode, String partnerReferenceNo, String externalId, BankOutcome outcome) {
        String bank = bankCode.toUpperCase(Locale.ROOT);
        // The reference names its tenant: the lookup reads that tenant's rows only (one shard).
        java.util.regex.Matcher named = REFERENCE.matcher(partnerReferenceNo == null ? "" : partnerReferenceNo);
        Optional<String[]> target = !named.matches()
                ? Optional.empty()
                : transactions.acrossAllTenants(connection -> {
                    try (PreparedStatement query = connection.prepareStatement("SELECT tenant_id, id FROM disbursement"
                            + " WHERE tenant_id = ? AND bank_code = ? AND partner_reference_no = ?")) {
                        query.setString(1, named.group(1));
                        query.setString(2, bank);
                        query.setString(3, partnerReferenceNo);
                        return Rows.first(query, row -> new String[] {row.getString(1), row.getString(2)});
                    }
                });
        if (target.isEmpty()) {
            return NotificationResult.UNKNOWN_REFERENCE;
        }
        String tenantId = target.get()[0];
        UUID id = UUID.fromString(target.get()[1]);
        return transactions.inTenantDurably(tenantId, connection -> {
            try (PreparedStatement keep = connection.prepareStatement("INSERT INTO bank_notification (tenant_id,"
                    + " bank_code, partner_reference_no, external_id, transaction_status, applied)"
                    + " VALUES (?, ?, ?, ?, ?, false) ON CONFLICT DO NOTHING")) {
                keep.setString(1, tenantId);
                keep.setString(2, bank);
                keep.setString(3, partnerReferenceNo);
                keep.setString(4, externalId);
                keep.setString(5, outcome.status());
                if (keep.executeUpdate() == 0) {
                    return NotificationResult.DUPLICATE;
                }
            }
            if (!apply(connection, tenantId, id, outcome)) {
                return NotificationResult.DUPLICATE;
            }
            try (PreparedStatement applied = connection.prepareStatement("UPDATE bank_notification SET applied = true"
                    + " WHERE tenant_id = ? AND bank_code = ? AND partner_reference_no = ? AND external_id = ?")) {
                applied.setString(1, tenantId);
                applied.setString(2, bank);
                applied.setString(3, partnerReferenceNo);
                applied.setString(4, externalId);
                applied.executeUpdate();
            }
            LOG.info("Disbursement {} of tenant {}: {} by the bank's notification", id, tenantId, outcome.status());
            return NotificationResult.APPLIED;
        });
    }

    /** Moves the status forward; never out of a final one, never back to in progress. */
    private static boolean apply(Connection connection, String tenantId, UUID id, BankOutcome outcome)
            throws SQLException {
        boolean finalStatus = "SUCCEEDED".equals(outcome.status()) || "FAILED".equals(outcome.status());
        try (PreparedStatement update = connection.prepareStatement("UPDATE disbursement SET status = ?,"
                + " response_code = coalesce(?, response_code), bank_reference_no = coalesce(?, bank_reference_no),"
                + " failure_reason = CASE WHEN ? = 'FAILED' THEN ? ELSE NULL END, status_source = ?,"
                + " completed_at = CASE WHEN ? THEN now() END, updated_at = now()"
                + " WHERE tenant_id = ? AND id = ? AND status NOT IN ('SUCCEEDED', 'FAILED')"
                + " AND (? OR status <> 'IN_PROGRESS')")) {
            update.setString(1, outcome.status());
            update.setString(2, outcome.responseCode());
            update.setString(3, outcome.bankReferenceNo());
            update.setString(4, outcome.status());
            update.setString(5, outcome.reason());
            update.setString(6, outcome.source());
            update.setBoolean(7, finalStatus);
            update.setString(8, tenantId);
            update.setObject(9, id);
            update.setBoolean(10, finalStatus);
            return update.executeUpdate() == 1;
        }
    }

    private static String mask(String account) {
        return "*".repeat(Math.max(0, account.length() - 4)) + account.substring(Math.max(0, account.length() - 4));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Disbursement map(ResultSet row) throws SQLException {
        Timestamp completed = row.getTimestamp("completed_at");
        return new Disbursement(
                row.getString("tenant_id"),
                row.getObject("id", UUID.class),
                row.getString("bank_code"),
                row.getString("partner_reference_no"),
                row.getObject("household_id", UUID.class),
                row.getString("programme"),
                row.getString("period"),
                row.getString("account_masked"),
                row.getString("beneficiary_name"),
                row.getBigDecimal("amount"),
                row.getString("status"),
                row.getString("bank_reference_no"),
                row.getString("response_code"),
                row.getString("failure_reason"),
                row.getString("status_source"),
                row.getTimestamp("created_at").toInstant(),
                completed == null ? null : completed.toInstant());
    }
}
