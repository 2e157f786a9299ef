package id.lumbung.core.oversight;

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
import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.household.ExportSheet;
import id.lumbung.core.region.Region;
import id.lumbung.core.region.RegionLevel;
import id.lumbung.core.region.RegionRepository;
import id.lumbung.core.tenant.Tenant;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The monthly report a regency's social office sends its Bupati/Wali Kota, and a province's its
 * governor: registered households and people, the month's changes, proposals, the ministry's
 * determinations and payments — counts and sums only, as PDF and .xlsx.
 */
@Singleton
public final class MonthlyReports {
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final Locale INDONESIAN = Locale.forLanguageTag("id-ID");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", INDONESIAN);
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm 'WIB'", INDONESIAN).withZone(JAKARTA);

    private final FigureRows rows;
    private final TenantTransactions transactions;
    private final Authorizer access;
    private final RegionRepository regions;

    MonthlyReports(FigureRows rows, TenantTransactions transactions, Authorizer access, RegionRepository regions) {
        this.rows = rows;
        this.transactions = transactions;
        this.access = access;
        this.regions = regions;
    }

    /** A regency's month, with its registered figures as last computed ({@code null} until then). */
    public record Line(Tenant tenant, @Nullable TenantFigureRow figures, MonthRow month) {}

    /**
     * A report.
     *
     * @param addressee to whom it goes ("Bupati …", "Gubernur …")
     * @param area the regency's or province's name
     * @param province whether it covers a province (one row per regency)
     */
    public record Report(
            String addressee, String area, YearMonth period, boolean province, List<Line> lines, Instant made) {}

    /** The month of one regency, for its Bupati/Wali Kota. */
    public Report regency(Caller caller, String tenantId, String period) {
        Tenant tenant = access.require(caller, Permission.FIGURES_READ, tenantId);
        YearMonth month = month(period);
        List<Line> lines = read(List.of(tenant), month);
        String head = tenant.name().startsWith("KOTA") ? "Wali Kota " : "Bupati ";
        return new Report(
                head + title(tenant.name().replaceFirst("^(KABUPATEN|KOTA) ", "")),
                title(tenant.name()),
                month,
                false,
                lines,
                Instant.now());
    }

    /** The month of a province's regencies, for its governor. */
    public Report province(Caller caller, String provinceId, String period) {
        Region province = regions.find(provinceId == null ? "" : provinceId)
                .filter(region -> region.level() == RegionLevel.PROVINCE)
                .orElseThrow(() ->
                        new LumbungException(ErrorCode.PROVINCE_NOT_FOUND, "No province has the code " + provinceId));
        List<Tenant> tenants = access.overseen(caller, Permission.FIGURES_READ, province.code());
        YearMonth month = month(period);
        return new Report(
                "Gubernur " + province.name(),
                "Provinsi " + province.name(),
                month,
                true,
                read(tenants, month),
                Instant.now());
    }

    private List<Line> read(List<Tenant> tenants, YearMonth month) {
        if (tenants.isEmpty()) {
            return List.of();
        }
        List<String> ids = tenants.stream().map(Tenant::id).toList();
        Instant from = month.atDay(1).atStartOfDay(JAKARTA).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(JAKARTA).toInstant();
        record Read(List<TenantFigureRow> figures, List<MonthRow> months) {}
        Read read = transactions.inTenants(
                ids, connection -> new Read(rows.findByTenantIdIn(ids), rows.month(ids, from, to, month.toString())));
        Map<String, TenantFigureRow> figures =
                read.figures().stream().collect(Collectors.toMap(TenantFigureRow::tenantId, Function.identity()));
        Map<String, MonthRow> months =
                read.months().stream().collect(Collectors.toMap(MonthRow::tenantId, Function.identity()));
        return tenants.stream()
                .map(tenant -> new Line(tenant, figures.get(tenant.id()), months.get(tenant.id())))
                .toList();
    }

    private static YearMonth month(String period) {
        YearMonth month;
        try {
            month = YearMonth.parse(period == null ? "" : period.strip());
        } catch (DateTimeParseException e) {
            throw new LumbungException(ErrorCode.INVALID_PERIOD, "The period reads yyyy-mm, e.g. 2026-11");
        }
        if (month.isAfter(YearMonth.now(JAKARTA))) {
            throw new LumbungException(ErrorCode.INVALID_PERIOD, "The month " + month + " has not begun");
        }
        return month;
    }

    /** The report's rows: a label, then one value per regency (and the province's total). */
    private static final List<Column> COLUMNS = List.of(
            new Column(
                    "Keluarga terdaftar",
                    line -> line.figures() == null
                            ? null
                            : (long) line.figures().households()),
            new Column(
                    "Jiwa terdaftar",
                    line -> line.figures() == null
                            ? null
                            : (long) line.figures().people()),
            new Column("Keluarga baru dicatat", line -> line.month().householdsCreated()),
            new Column("Anggota baru dicatat", line -> line.month().membersCreated()),
            new Column("Perubahan data anggota", line -> line.month().membersUpdated()),
            new Column("Perbaikan dari Dukcapil", line -> line.month().changesFromDukcapil()),
            new Column("Usulan diajukan", line -> line.month().proposalsSubmitted()),
            new Column("  di antaranya usulan baru", line -> line.month().additionsSubmitted()),
            new Column("  di antaranya usulan keluar", line -> line.month().removalsSubmitted()),
            new Column("Usulan terverifikasi", line -> line.month().proposalsVerified()),
            new Column("Usulan ditolak", line -> line.month().proposalsRejected()),
            new Column("Usulan disetujui", line -> line.month().proposalsApproved()),
            new Column("Usulan dikirim ke Kemensos", line -> line.month().proposalsSent()),
            new Column("Ditetapkan Kemensos (periode ini)", line -> line.month().determined()),
            new Column("Dikembalikan Kemensos", line -> line.month().returned()),
            new Column("Penyaluran", line -> line.month().payments()),
            new Column("Penyaluran berhasil", line -> line.month().paymentsSucceeded()),
            new Column("Penyaluran gagal", line -> line.month().paymentsFailed()));

    private record Column(String label, Function<Line, Long> value) {}

    /** The report as a PDF (A4; a province's landscape, one row per regency). */
    public static byte[] pdf(Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        Document document = new Document(report.province() ? PageSize.A4.rotate() : PageSize.A4, 36, 36, 36, 36);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle("Laporan bulanan DTKS " + report.area() + " " + report.period());
            document.addCreator("Lumbung");
            document.open();
            Font heading = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 13);
            Font body = FontFactory.getFont(FontFactory.HELVETICA, 9);
            Font bold = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);
            Font small = FontFactory.getFont(FontFactory.HELVETICA, 7.5f);
            Paragraph title = new Paragraph("LAPORAN BULANAN DATA TERPADU KESEJAHTERAAN SOSIAL", heading);
            title.setAlignment(Element.ALIGN_CENTER);
            document.add(title);
            Paragraph what = new Paragraph(report.area() + " · " + MONTH.format(report.period()), bold);
            what.setAlignment(Element.ALIGN_CENTER);
            document.add(what);
            document.add(new Paragraph("Kepada Yth. " + report.addressee(), body));
            document.add(new Paragraph(
                    "Dibuat " + WHEN.format(report.made()) + " oleh Lumbung. Kegiatan dihitung dalam bulan "
                            + MONTH.format(report.period()) + " (WIB); jumlah terdaftar per perhitungan terakhir."
                            + " Hanya angka, tanpa data pribadi.",
                    small));
            document.add(new Paragraph(" ", small));
            PdfPTable table;
            if (report.province()) {
                table = new PdfPTable(1 + COLUMNS.size());
                table.setWidthPercentage(100);
                table.addCell(cell("Kabupaten/kota", bold));
                COLUMNS.forEach(column -> table.addCell(cell(column.label().strip(), small)));
                for (Line line : report.lines()) {
                    table.addCell(cell(title(line.tenant().name()), body));
                    COLUMNS.forEach(
                            column -> table.addCell(number(column.value().apply(line), body)));
                }
                table.addCell(cell("Jumlah", bold));
                COLUMNS.forEach(column -> table.addCell(number(total(report, column), bold)));
            } else {
                table = new PdfPTable(new float[] {3, 1});
                table.setWidthPercentage(70);
                Line line = report.lines().get(0);
                for (Column column : COLUMNS) {
                    table.addCell(cell(column.label(), body));
                    table.addCell(number(column.value().apply(line), body));
                }
                table.addCell(cell("Nilai penyaluran berhasil (Rp)", body));
                table.addCell(cell(rupiah(line.month().amountPaid()), body));
            }
            document.add(table);
            document.add(new Paragraph(" ", body));
            document.add(new Paragraph(
                    report.province() ? "Kepala Dinas Sosial Provinsi" : "Kepala Dinas Sosial " + report.area(), body));
            document.add(new Paragraph("\n\n\n(.................................................)", body));
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("The monthly report could not be written", e);
        }
        return out.toByteArray();
    }

    /** The report as an .xlsx workbook: a label and a value per row (a province: one row per regency). */
    public static byte[] xlsx(Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try (ExportSheet sheet = ExportSheet.Format.XLSX.open(out)) {
            sheet.row(List.of(
                    "Laporan bulanan DTKS", report.area(), report.period().toString()));
            if (report.province()) {
                List<String> header = new ArrayList<>(List.of("Kode", "Kabupaten/kota"));
                COLUMNS.forEach(column -> header.add(column.label().strip()));
                header.add("Nilai penyaluran berhasil (Rp)");
                sheet.row(header);
                for (Line line : report.lines()) {
                    List<String> cells = new ArrayList<>(
                            List.of(line.tenant().regionCode(), line.tenant().name()));
                    COLUMNS.forEach(column -> cells.add(text(column.value().apply(line))));
                    cells.add(line.month().amountPaid().toPlainString());
                    sheet.row(cells);
                }
                List<String> totals =
                        new ArrayList<>(List.of("JUMLAH", report.area().toUpperCase(INDONESIAN)));
                COLUMNS.forEach(column -> totals.add(text(total(report, column))));
                totals.add(report.lines().stream()
                        .map(line -> line.month().amountPaid())
                        .reduce(BigDecimal.ZERO, BigDecimal::add)
                        .toPlainString());
                sheet.row(totals);
            } else {
                Line line = report.lines().get(0);
                for (Column column : COLUMNS) {
                    sheet.row(
                            List.of(column.label().strip(), text(column.value().apply(line))));
                }
                sheet.row(List.of(
                        "Nilai penyaluran berhasil (Rp)",
                        line.month().amountPaid().toPlainString()));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("The monthly report could not be written", e);
        }
        return out.toByteArray();
    }

    private static Long total(Report report, Column column) {
        long sum = 0;
        for (Line line : report.lines()) {
            Long value = column.value().apply(line);
            if (value == null) {
                return null;
            }
            sum += value;
        }
        return sum;
    }

    private static String text(Long value) {
        return value == null ? FigureSheet.NONE : value.toString();
    }

    private static PdfPCell cell(String text, Font font) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setPadding(3);
        return cell;
    }

    private static PdfPCell number(Long value, Font font) {
        PdfPCell cell = cell(
                value == null
                        ? FigureSheet.NONE
                        : NumberFormat.getIntegerInstance(INDONESIAN).format(value),
                font);
        cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
        return cell;
    }

    private static String rupiah(BigDecimal amount) {
        return NumberFormat.getNumberInstance(INDONESIAN).format(amount);
    }

    /** "KABUPATEN KONAWE" → "Kabupaten Konawe". */
    private static String title(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.toLowerCase(INDONESIAN).split(" ")) {
            if (!word.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ")
                        .append(Character.toUpperCase(word.charAt(0)))
                        .append(word.substring(1));
            }
        }
        return out.toString();
    }
}
