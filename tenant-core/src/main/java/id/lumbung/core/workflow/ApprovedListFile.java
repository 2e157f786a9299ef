package id.lumbung.core.workflow;

import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.household.ExportSheet;
import id.lumbung.core.ministry.ApprovedLists;
import id.lumbung.core.protection.IdentifierProtection;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/**
 * An approved list as the ministry receives it: one line per proposal with full NIK and KK (the
 * exchange that sends it was audited when queued), formula-safe like every CSV we write.
 */
@Singleton
final class ApprovedListFile implements ApprovedLists {
    static final List<String> HEADER = List.of(
            "no_usulan",
            "jenis_usulan",
            "alasan",
            "kode_wilayah",
            "iddtks",
            "nama",
            "alamat",
            "nomor_nik",
            "nomor_kk",
            "keterangan");

    private final TenantTransactions transactions;
    private final ApprovalBatchRows batches;
    private final IdentifierProtection protection;

    ApprovedListFile(TenantTransactions transactions, ApprovalBatchRows batches, IdentifierProtection protection) {
        this.transactions = transactions;
        this.batches = batches;
        this.protection = protection;
    }

    @Override
    public long write(String tenantId, UUID batchId, OutputStream out) throws IOException {
        List<ApprovalBatchRows.ListLine> lines =
                transactions.inTenant(tenantId, connection -> batches.lines(tenantId, batchId));
        try (ExportSheet sheet = ExportSheet.Format.CSV.open(out)) {
            sheet.row(HEADER);
            for (ApprovalBatchRows.ListLine line : lines) {
                sheet.row(List.of(
                        line.receipt(),
                        line.kind(),
                        line.reason(),
                        line.villageCode(),
                        value(line.iddtks()),
                        line.headName(),
                        line.address(),
                        line.nikEncrypted() == null ? "" : protection.decrypt(tenantId, line.nikEncrypted()),
                        line.kkEncrypted() == null ? "" : protection.decrypt(tenantId, line.kkEncrypted()),
                        value(line.note())));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return lines.size();
    }

    private static String value(String text) {
        return text == null ? "" : text;
    }
}
