package id.lumbung.core.household;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Reach;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.core.ratelimit.RateLimits;
import id.lumbung.core.tenant.TenantVillages;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A tenant's registry (or one village of it) as CSV or .xlsx in the import's column layout:
 * streamed from a database cursor into an {@link ExportSheet}, NIK and KK masked unless a
 * verifier or the DPO asks for the full values. Every export is audited and
 * counts against the caller's lookup budget (a bulk pull beyond it answers 429).
 */
@Singleton
public final class RegistryExport {
    private static final List<RegistryField> FIELDS = RegistryField.exported();
    static final List<String> HEADER =
            FIELDS.stream().map(RegistryField::header).toList();
    private static final String QUERY = "SELECT "
            + FIELDS.stream()
                    .map(field -> {
                        String column = (field.level() == RegistryField.Level.HOUSEHOLD ? "h." : "m.") + field.column();
                        return field.identifier() ? column + "_encrypted, " + column + "_masked" : column;
                    })
                    .collect(Collectors.joining(", "))
            + ", h.head_name, m.id IS NULL AS without_members"
            // A household registered by hand has no member yet: it is exported too, as one row.
            + " FROM household h LEFT JOIN member m ON m.tenant_id = h.tenant_id AND m.household_id = h.id"
            + " WHERE h.tenant_id = ? AND (?::text[] IS NULL OR h.village_code = ANY (?::text[]))"
            // Proposals to the ministry: only households with a change (theirs or a member's) since then.
            + " AND (?::timestamptz IS NULL OR h.updated_at >= ?::timestamptz OR EXISTS (SELECT 1 FROM member c"
            + " WHERE c.tenant_id = h.tenant_id AND c.household_id = h.id AND c.updated_at >= ?::timestamptz))"
            + " AND (? OR m.id IS NOT NULL)"
            + " ORDER BY h.village_code, h.iddtks, h.id, m.source_key";

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final IdentifierProtection protection;
    private final AuditLog audit;
    private final RateLimits rateLimits;
    private final TenantVillages tenantVillages;

    RegistryExport(
            TenantTransactions transactions,
            Authorizer access,
            IdentifierProtection protection,
            AuditLog audit,
            RateLimits rateLimits,
            TenantVillages tenantVillages) {
        this.tenantVillages = tenantVillages;
        this.transactions = transactions;
        this.access = access;
        this.protection = protection;
        this.audit = audit;
        this.rateLimits = rateLimits;
    }

    /**
     * Who may export what, checked before the response starts.
     *
     * @param withoutMembers whether households registered by hand, with no member yet, are written
     *     (an operator's export: yes; proposals to the ministry, which refuses a family without
     *     people: no)
     */
    public record Permit(
            String tenantId,
            String[] villages,
            boolean fullIdentifiers,
            java.time.Instant changedSince,
            boolean withoutMembers) {

        /** The proposals for the ministry: complete households only, full identifiers. */
        public static Permit proposals(String tenantId, java.time.Instant changedSince) {
            return new Permit(tenantId, null, true, changedSince, false);
        }
    }

    /** Checks access and rate limit; a field worker does not export, a village operator only its villages. */
    public Permit permit(Caller caller, String tenantId, String village, boolean fullIdentifiers) {
        return permit(caller, tenantId, village, fullIdentifiers, null);
    }

    /**
     * As {@link #permit(Caller, String, String, boolean)}, keeping only the households changed (or
     * with a member changed) since {@code changedSince}: the proposals for the ministry's next round.
     */
    public Permit permit(
            Caller caller, String tenantId, String village, boolean fullIdentifiers, java.time.Instant changedSince) {
        Authorizer.Grant grant = access.grant(caller, Permission.REGISTRY_EXPORT, tenantId);
        Reach reach = grant.reach();
        if (!reach.everything() && reach.villages().isEmpty()) {
            // An export is by village: households assigned one by one are read, not exported.
            throw new LumbungException(ErrorCode.EXPORT_NOT_PERMITTED, "Only whole villages are exported");
        }
        if (fullIdentifiers) {
            access.require(caller, Permission.IDENTIFIER_REVEAL, tenantId);
        }
        rateLimits.lookup(caller, tenantId);
        String[] villages;
        if (village != null && !village.isBlank()) {
            String code = tenantVillages.require(grant.tenant(), village);
            if (!reach.coversVillage(code)) {
                throw new LumbungException(
                        ErrorCode.VILLAGE_NOT_IN_SCOPE, "Village " + code + " is not assigned to you");
            }
            villages = new String[] {code};
        } else {
            villages = reach.everything() ? null : reach.villages().toArray(String[]::new);
        }
        return new Permit(tenantId, villages, fullIdentifiers, changedSince, true);
    }

    /**
     * Audits the export (before the first byte, so an interrupted download is audited too), then
     * writes the registry to the sheet and closes it; answers the number of members written. On a
     * failure the sheet is left unfinished (an .xlsx without its end is no workbook): the caller
     * must then break the download off rather than end it as if it were complete.
     */
    public long write(Caller caller, Permit permit, ExportSheet sheet) {
        audit.record(
                permit.tenantId(),
                caller,
                permit.fullIdentifiers() ? "EXPORT_FULL" : "EXPORT",
                permit.villages() == null ? "registry" : String.join(",", permit.villages()),
                permit.fullIdentifiers() ? List.of("nik", "kk", "registry") : List.of("registry"));
        return writeAudited(permit, sheet);
    }

    /**
     * As {@link #write}, for an export the caller has audited already (the proposals a tenant
     * asked to be sent to the ministry, written when the connector sends them).
     */
    public long writeAudited(Permit permit, ExportSheet sheet) {
        return transactions.inTenant(permit.tenantId(), connection -> {
            try (PreparedStatement query = connection.prepareStatement(QUERY)) {
                query.setFetchSize(2_000); // a cursor: constant memory for any registry size
                query.setString(1, permit.tenantId());
                java.sql.Array villages =
                        permit.villages() == null ? null : connection.createArrayOf("text", permit.villages());
                query.setArray(2, villages);
                query.setArray(3, villages);
                java.sql.Timestamp since =
                        permit.changedSince() == null ? null : java.sql.Timestamp.from(permit.changedSince());
                query.setTimestamp(4, since);
                query.setTimestamp(5, since);
                query.setTimestamp(6, since);
                query.setBoolean(7, permit.withoutMembers());
                long written = 0;
                try (ResultSet row = query.executeQuery()) {
                    sheet.row(HEADER);
                    while (row.next()) {
                        sheet.row(values(permit, row));
                        written++;
                    }
                }
                sheet.close();
                return written;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private List<String> values(Permit permit, ResultSet row) throws SQLException {
        List<String> values = new ArrayList<>(FIELDS.size());
        boolean withoutMembers = row.getBoolean("without_members");
        for (RegistryField field : FIELDS) {
            if (withoutMembers && field.level() == RegistryField.Level.MEMBER) {
                // Only the head's name is known of a household registered by hand: the row says
                // so, and what is missing (NIK, birth date, …) is for the operator to fill in.
                values.add(
                        field == RegistryField.NAMA
                                ? row.getString("head_name")
                                : field == RegistryField.HUBUNGAN_KELUARGA
                                        ? Relationship.labelOf(Relationship.KEPALA_KELUARGA.name())
                                        : "");
            } else if (field.identifier()) {
                values.add(identifier(
                        permit,
                        row.getString(field.column() + "_encrypted"),
                        row.getString(field.column() + "_masked")));
            } else if (field == RegistryField.ID_ART) {
                // A member known by its NIK alone has a made-up key (iddtks:index) and no id_art.
                String sourceKey = row.getString("source_key");
                values.add(sourceKey.contains(":") ? "" : sourceKey);
            } else {
                values.add(field.export(row.getObject(field.column())));
            }
        }
        return values;
    }

    private String identifier(Permit permit, String encrypted, String masked) {
        if (encrypted == null) {
            return "";
        }
        return permit.fullIdentifiers() ? protection.decrypt(permit.tenantId(), encrypted) : masked;
    }
}
