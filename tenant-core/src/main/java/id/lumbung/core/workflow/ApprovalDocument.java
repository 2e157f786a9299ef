package id.lumbung.core.workflow;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import id.lumbung.core.tenant.Tenant;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/**
 * The approval document of a list (OpenPDF): every proposal on it, the SHA-256 of the list that
 * ties the paper to the exact list in Lumbung, each step of the chain with who decided (and for
 * whom) and a place to sign. Only masked NIK and KK are printed.
 */
@Singleton
final class ApprovalDocument {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm 'WIB'").withZone(ZoneId.of("Asia/Jakarta"));
    private static final int ROWS_PER_FLUSH = 500;

    /**
     * The list's hash: SHA-256 (hex) of one line per proposal, in the list's order, each {@code
     * receipt;kind;reason;village;iddtks;head;address;nikMasked;kkMasked} followed by a line feed.
     */
    static String listSha256(List<ApprovalBatchRows.ListLine> lines) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ApprovalBatchRows.ListLine line : lines) {
                digest.update(canonical(line).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String canonical(ApprovalBatchRows.ListLine line) {
        return String.join(
                        ";",
                        line.receipt(),
                        line.kind(),
                        line.reason(),
                        line.villageCode(),
                        empty(line.iddtks()),
                        line.headName(),
                        line.address(),
                        empty(line.nikMasked()),
                        empty(line.kkMasked()))
                + "\n";
    }

    byte[] write(Tenant tenant, ApprovalList list, List<ApprovalBatchRows.ListLine> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024 + lines.size() * 200);
        Document document = new Document(PageSize.A4.rotate(), 28, 28, 28, 28);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle("Persetujuan usulan DTKS " + tenant.name());
            document.addSubject("listSha256 " + list.listSha256());
            document.addCreator("Lumbung");
            document.open();
            Font heading = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 13);
            Font body = FontFactory.getFont(FontFactory.HELVETICA, 9);
            Font small = FontFactory.getFont(FontFactory.HELVETICA, 7.5f);
            Font bold = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8);
            Paragraph title = new Paragraph("BERITA ACARA PERSETUJUAN USULAN DTKS", heading);
            title.setAlignment(Element.ALIGN_CENTER);
            document.add(title);
            Paragraph office = new Paragraph("Dinas Sosial " + tenant.name() + " (" + tenant.regionCode() + ")", body);
            office.setAlignment(Element.ALIGN_CENTER);
            document.add(office);
            document.add(new Paragraph(
                    list.title() + " · " + list.proposals() + " usulan · disusun oleh " + list.createdBy() + " pada "
                            + WHEN.format(list.createdAt()),
                    body));
            document.add(new Paragraph("SHA-256 daftar: " + list.listSha256(), bold));
            document.add(new Paragraph(" ", small));

            PdfPTable table = new PdfPTable(new float[] {0.5f, 1.6f, 0.7f, 1f, 1.1f, 1.5f, 2f, 2.4f, 1.3f, 1.3f});
            table.setWidthPercentage(100);
            table.setHeaderRows(1);
            table.setComplete(false);
            for (String header : List.of(
                    "No",
                    "No. usulan",
                    "Jenis",
                    "Alasan",
                    "Kode desa",
                    "IDDTKS",
                    "Kepala keluarga",
                    "Alamat",
                    "NIK",
                    "No. KK")) {
                PdfPCell cell = new PdfPCell(new Phrase(header, bold));
                cell.setGrayFill(0.9f);
                table.addCell(cell);
            }
            int number = 0;
            for (ApprovalBatchRows.ListLine line : lines) {
                number++;
                table.addCell(new Phrase(Integer.toString(number), small));
                table.addCell(new Phrase(line.receipt(), small));
                table.addCell(new Phrase(ApprovalDocumentNames.kind(line.kind()), small));
                table.addCell(new Phrase(ApprovalDocumentNames.reason(line.reason()), small));
                table.addCell(new Phrase(line.villageCode(), small));
                table.addCell(new Phrase(empty(line.iddtks()), small));
                table.addCell(new Phrase(line.headName(), small));
                table.addCell(new Phrase(line.address(), small));
                table.addCell(new Phrase(empty(line.nikMasked()), small));
                table.addCell(new Phrase(empty(line.kkMasked()), small));
                if (number % ROWS_PER_FLUSH == 0) {
                    document.add(table); // large tables are written as they grow, not held whole
                }
            }
            table.setComplete(true);
            document.add(table);

            document.add(new Paragraph(" ", body));
            document.add(new Paragraph("Persetujuan", heading));
            PdfPTable signatures = new PdfPTable(new float[] {0.4f, 2f, 3f, 3f});
            signatures.setWidthPercentage(100);
            for (String header : List.of("Tahap", "Pejabat", "Keputusan", "Tanda tangan")) {
                PdfPCell cell = new PdfPCell(new Phrase(header, bold));
                cell.setGrayFill(0.9f);
                signatures.addCell(cell);
            }
            for (ApprovalList.Step step : list.chain()) {
                ApprovalList.Decision decision = list.decisions().stream()
                        .filter(taken -> taken.position() == step.position())
                        .findFirst()
                        .orElse(null);
                signatures.addCell(new Phrase(Integer.toString(step.position()), body));
                signatures.addCell(new Phrase(step.label(), body));
                signatures.addCell(new Phrase(
                        decision == null
                                ? "Belum diputuskan"
                                : "Disetujui oleh " + decision.decidedBy()
                                        + (decision.onBehalfOf() == null ? "" : " atas nama " + decision.onBehalfOf())
                                        + ", " + WHEN.format(decision.decidedAt()),
                        body));
                PdfPCell sign = new PdfPCell(new Phrase(" ", body));
                sign.setFixedHeight(48);
                signatures.addCell(sign);
            }
            document.add(signatures);
            document.add(new Paragraph(
                    "Hash di atas dihitung dari daftar usulan di Lumbung; daftar yang berubah satu huruf pun menghasilkan"
                            + " hash yang berbeda.",
                    small));
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("The approval document could not be written", e);
        }
        return out.toByteArray();
    }

    private static String empty(String value) {
        return value == null ? "" : value;
    }
}
