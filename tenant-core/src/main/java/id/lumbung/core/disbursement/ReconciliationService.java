package id.lumbung.core.disbursement;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.protection.IdentifierProtection;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reconciles a bank's disbursement result file with the tenant's payments. The file, in the
 * canonical layout every bank adapter produces — {@code H|bank|yyyyMMdd|count|sum}, then {@code
 * D|partnerReferenceNo|accountNo|amount|status|bankReferenceNo} rows (status 00 paid, anything
 * else refused), then {@code T|count|sum} — is refused whole when its header or trailer
 * disagree with its rows (a truncated or altered file); otherwise every disagreement is flagged
 * by line: payments missing from the file, rows for no payment, amounts or accounts that differ,
 * accounts the bank refused, rows given twice. Nothing is changed; the reconciliation is audited.
 */
@Singleton
public final class ReconciliationService {
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int MAXIMUM_ISSUES = 10_000;

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final AuditLog audit;
    private final IdentifierProtection protection;

    ReconciliationService(
            TenantTransactions transactions, Authorizer access, AuditLog audit, IdentifierProtection protection) {
        this.transactions = transactions;
        this.access = access;
        this.audit = audit;
        this.protection = protection;
    }

    private record Row(long line, String reference, String account, BigDecimal amount, String status) {}

    private record Payment(String reference, String account, BigDecimal amount, String status) {}

    public Reconciliation reconcile(Caller caller, String tenantId, String bankCode, InputStream file) {
        access.require(caller, Permission.PAYMENT_RECONCILE, tenantId);
        if (bankCode == null || !bankCode.strip().matches("[A-Za-z0-9_]{2,16}")) {
            throw new LumbungException(ErrorCode.INVALID_BANK_CODE, "bank is the paying bank's code, e.g. BNI");
        }
        String bank = bankCode.strip().toUpperCase(Locale.ROOT);
        List<Reconciliation.Issue> issues = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        String[] header = null;
        String[] trailer = null;
        long line = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(file, StandardCharsets.UTF_8))) {
            String text;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                String[] fields = text.strip().split("\\|", -1);
                if (trailer != null) {
                    throw refused("Line " + line + " follows the trailer");
                }
                switch (fields[0]) {
                    case "H" -> {
                        if (header != null || !rows.isEmpty() || fields.length != 5) {
                            throw refused("Line " + line + ": the header comes first, once: H|bank|yyyyMMdd|count|sum");
                        }
                        header = fields;
                    }
                    case "T" -> {
                        if (fields.length != 3) {
                            throw refused("Line " + line + ": the trailer reads T|count|sum");
                        }
                        trailer = fields;
                    }
                    case "D" -> {
                        if (header == null) {
                            throw refused("Line " + line + ": a row before the header");
                        }
                        Row row = row(line, fields, issues);
                        if (row != null) {
                            rows.add(row);
                        }
                    }
                    default ->
                        add(issues, new Reconciliation.Issue(line, "invalid_row", null, "Not an H, D or T line"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (header == null || trailer == null) {
            throw refused("The file lacks its " + (header == null ? "header" : "trailer") + " (truncated?)");
        }
        if (!header[1].equalsIgnoreCase(bank)) {
            throw refused("The file is from bank " + header[1] + ", not " + bank);
        }
        LocalDate date;
        try {
            date = LocalDate.parse(header[2], FILE_DATE);
        } catch (DateTimeParseException e) {
            throw refused("The header's date is not yyyyMMdd");
        }
        BigDecimal sum = rows.stream().map(Row::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        long count = rows.size()
                + issues.stream().filter(i -> "invalid_row".equals(i.code())).count();
        for (String[] control : List.of(header, trailer)) {
            String what = control == header ? "header" : "trailer";
            long declaredCount;
            BigDecimal declaredSum;
            try {
                declaredCount = Long.parseLong(control[control.length - 2].strip());
                declaredSum = new BigDecimal(control[control.length - 1].strip());
            } catch (NumberFormatException e) {
                throw refused("The " + what + "'s count or sum is not a number");
            }
            if (declaredCount != count) {
                throw refused("The " + what + " counts " + declaredCount + " rows; the file has " + count);
            }
            if (declaredSum.compareTo(sum) != 0) {
                throw refused("The " + what + " sums " + declaredSum.toPlainString() + "; the rows sum "
                        + sum.toPlainString());
            }
        }
        Map<String, Payment> payments = paymentsOf(tenantId, bank, date);
        Map<String, Long> seen = new HashMap<>();
        long matched = 0;
        for (Row row : rows) {
            Long first = seen.putIfAbsent(row.reference(), row.line());
            if (first != null) {
                add(issues, issue(row, "duplicate_row", "The same reference is on line " + first));
                continue;
            }
            Payment payment = payments.get(row.reference());
            if (payment == null) {
                add(issues, issue(row, "extra", "No payment of this tenant and bank has this reference"));
                continue;
            }
            boolean agrees = true;
            if (payment.amount().compareTo(row.amount()) != 0) {
                add(
                        issues,
                        issue(
                                row,
                                "amount_mismatch",
                                "The bank paid " + row.amount().toPlainString() + "; the payment is "
                                        + payment.amount().toPlainString()));
                agrees = false;
            }
            if (!payment.account().equals(row.account())) {
                add(issues, issue(row, "account_mismatch", "The account differs from the payment's"));
                agrees = false;
            }
            boolean paidByBank = "00".equals(row.status());
            if (paidByBank && !"SUCCEEDED".equals(payment.status())) {
                add(issues, issue(row, "status_mismatch", "Paid at the bank; " + payment.status() + " here"));
                agrees = false;
            } else if (!paidByBank && "SUCCEEDED".equals(payment.status())) {
                add(
                        issues,
                        issue(
                                row,
                                "status_mismatch",
                                "Refused at the bank (status " + row.status() + "); SUCCEEDED here"));
                agrees = false;
            } else if (!paidByBank) {
                add(
                        issues,
                        issue(row, "invalid_account", "The bank refused the account (status " + row.status() + ")"));
                agrees = false;
            }
            if (agrees) {
                matched++;
            }
        }
        payments.values().stream()
                .filter(payment -> !seen.containsKey(payment.reference()))
                .forEach(payment -> add(
                        issues,
                        new Reconciliation.Issue(
                                0, "missing", payment.reference(), "Sent that day, absent from the bank's file")));
        audit.record(
                tenantId,
                caller,
                "DISBURSEMENT_RECONCILE",
                bank + " " + header[2] + ": " + rows.size() + " rows, " + issues.size() + " issues",
                List.of("amount", "account"));
        return new Reconciliation(bank, date.toString(), rows.size(), sum, matched, List.copyOf(issues));
    }

    private static Row row(long line, String[] fields, List<Reconciliation.Issue> issues) {
        if (fields.length != 6) {
            add(
                    issues,
                    new Reconciliation.Issue(
                            line, "invalid_row", null, "A row reads D|reference|account|amount|status|bankReference"));
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(fields[3].strip());
            if (amount.signum() <= 0 || amount.scale() > 2) {
                throw new NumberFormatException();
            }
            return new Row(line, fields[1].strip(), fields[2].strip(), amount, fields[4].strip());
        } catch (NumberFormatException e) {
            add(issues, new Reconciliation.Issue(line, "invalid_row", fields[1].strip(), "The amount is not rupiah"));
            return null;
        }
    }

    /** The tenant's payments of the bank sent on the file's date (WIB), accounts decrypted to compare. */
    private Map<String, Payment> paymentsOf(String tenantId, String bank, LocalDate date) {
        return transactions.inTenant(tenantId, connection -> {
            Map<String, Payment> payments = new LinkedHashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT partner_reference_no, account_encrypted,"
                    + " amount, status FROM disbursement WHERE tenant_id = ? AND bank_code = ?"
                    + " AND (sent_at AT TIME ZONE 'Asia/Jakarta')::date = ? ORDER BY created_at")) {
                query.setString(1, tenantId);
                query.setString(2, bank);
                query.setObject(3, date);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        payments.put(
                                row.getString(1),
                                new Payment(
                                        row.getString(1),
                                        protection.decrypt(tenantId, row.getString(2)),
                                        row.getBigDecimal(3),
                                        row.getString(4)));
                    }
                }
            }
            return payments;
        });
    }

    private static Reconciliation.Issue issue(Row row, String code, String message) {
        return new Reconciliation.Issue(row.line(), code, row.reference(), message);
    }

    private static void add(List<Reconciliation.Issue> issues, Reconciliation.Issue issue) {
        if (issues.size() < MAXIMUM_ISSUES) {
            issues.add(issue);
        }
    }

    private static LumbungException refused(String reason) {
        return new LumbungException(ErrorCode.RECONCILIATION_FILE_REFUSED, reason + "; nothing was reconciled");
    }
}
