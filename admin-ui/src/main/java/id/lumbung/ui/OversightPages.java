package id.lumbung.ui;

import id.lumbung.core.access.Caller;
import id.lumbung.core.oversight.AreaFigures;
import id.lumbung.core.oversight.FigureSheet;
import id.lumbung.core.oversight.Figures;
import id.lumbung.core.oversight.MonthlyReports;
import id.lumbung.core.oversight.TenantFigureRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A province's regencies at a glance, and a regency's districts and villages, in Bahasa
 * Indonesia: counts and data quality only, charts drawn as inline SVG, sortable, filterable,
 * exportable to Excel. A figure that does not exist yet says so, never 0.
 */
@Controller
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class OversightPages {
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern(
                    "d MMM yyyy HH:mm", Locale.forLanguageTag("id-ID"))
            .withZone(JAKARTA);
    private static final String NONE = "belum ada";
    private static final String NOT_YET = "belum tersedia";

    /** The columns a province's table sorts by: what each compares (missing figures last). */
    private static final Map<String, Function<Figures.Regency, Comparable<?>>> SORTS = sorts();

    private final Figures figures;
    private final MonthlyReports reports;
    private final id.lumbung.core.access.Authorizer access;

    OversightPages(Figures figures, MonthlyReports reports, id.lumbung.core.access.Authorizer access) {
        this.figures = figures;
        this.reports = reports;
        this.access = access;
    }

    @Get("/ui/provinsi/{provinceId}")
    @View("province")
    Map<String, Object> province(
            @PathVariable String provinceId,
            @Nullable @QueryValue String cari,
            @Nullable @QueryValue String urut,
            @Nullable @QueryValue String arah,
            Caller caller) {
        Figures.Province province = figures.province(caller, provinceId);
        String sort = urut != null && SORTS.containsKey(urut) ? urut : "mutu";
        boolean descending = arah == null ? !"nama".equals(sort) : "turun".equals(arah);
        String filter = cari == null ? "" : cari.strip().toUpperCase(Locale.forLanguageTag("id-ID"));
        Comparator<Figures.Regency> order = order(sort, descending);
        LocalDate today = LocalDate.now(JAKARTA);
        List<Map<String, Object>> rows = province.regencies().stream()
                .filter(regency -> filter.isEmpty() || regency.tenant().name().contains(filter))
                .sorted(order)
                .map(regency -> row(regency, province.trendFrom(), today))
                .toList();
        Map<String, Object> model = new HashMap<>();
        model.put("username", caller.username());
        model.put("code", province.code());
        model.put("months", months());
        model.put(
                "mayAcross",
                province.code().equals(caller.provinceId())
                        && access.holdsAnywhere(caller, id.lumbung.core.access.Permission.DUPLICATE_ACROSS));
        model.put("name", province.name());
        model.put("rows", rows);
        model.put("total", province.regencies().size());
        model.put("filter", cari == null ? "" : cari.strip());
        model.put("sort", sort);
        model.put("descending", descending);
        List<Map<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> column : COLUMNS.entrySet()) {
            boolean current = column.getKey().equals(sort);
            String next = current && descending
                    ? "naik"
                    : current ? "turun" : "nama".equals(column.getKey()) ? "naik" : "turun";
            headers.add(Map.of(
                    "key", column.getKey(),
                    "label", column.getValue() + (current ? (descending ? " ▼" : " ▲") : ""),
                    "href",
                            "/ui/provinsi/" + province.code() + "?urut=" + column.getKey() + "&arah=" + next
                                    + (cari == null || cari.isBlank()
                                            ? ""
                                            : "&cari="
                                                    + java.net.URLEncoder.encode(
                                                            cari.strip(), java.nio.charset.StandardCharsets.UTF_8))));
        }
        model.put("headers", headers);
        return model;
    }

    @Get(value = "/ui/provinsi/{provinceId}/ringkasan.xlsx", produces = FigureSheetMedia.XLSX)
    HttpResponse<byte[]> workbook(@PathVariable String provinceId, Caller caller) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FigureSheet.write(figures.province(caller, provinceId), out);
        return HttpResponse.ok(out.toByteArray())
                .contentType(FigureSheetMedia.XLSX)
                .header("Content-Disposition", "attachment; filename=\"ringkasan-provinsi-" + provinceId + ".xlsx\"");
    }

    /** A monthly report to download: {@code format} pdf (default) or xlsx; a province's or a regency's. */
    @Get(
            value = "/ui/laporan/{area}",
            produces = {"application/pdf", FigureSheetMedia.XLSX})
    HttpResponse<byte[]> report(
            @PathVariable String area,
            @Nullable @QueryValue String bulan,
            @Nullable @QueryValue String format,
            Caller caller)
            throws IOException {
        String month =
                bulan == null ? java.time.YearMonth.now(JAKARTA).minusMonths(1).toString() : bulan;
        MonthlyReports.Report report =
                area.length() == 2 ? reports.province(caller, area, month) : reports.regency(caller, area, month);
        String name = "laporan-bulanan-" + area + "-" + month;
        if ("xlsx".equals(format)) {
            return HttpResponse.ok(MonthlyReports.xlsx(report))
                    .contentType(FigureSheetMedia.XLSX)
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"");
        }
        return HttpResponse.ok(MonthlyReports.pdf(report))
                .contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + name + ".pdf\"");
    }

    /** The months a report can be asked for on a page: this one and the five before, newest first. */
    private static List<String> months() {
        java.time.YearMonth now = java.time.YearMonth.now(JAKARTA);
        List<String> months = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            months.add(now.minusMonths(i).toString());
        }
        return months;
    }

    @Get("/ui/tenants/{tenantId}/ringkasan")
    @View("regency-figures")
    Map<String, Object> regency(@PathVariable String tenantId, @Nullable @QueryValue String kecamatan, Caller caller) {
        Figures.Drill drill = figures.drill(caller, tenantId, kecamatan);
        Map<String, Object> model = new HashMap<>();
        model.put("username", caller.username());
        model.put("tenantId", drill.tenant().id());
        model.put("name", drill.tenant().name());
        model.put("provinceId", drill.tenant().provinceId());
        model.put("months", months());
        model.put(
                "mayProvince",
                access.oversees(
                        caller,
                        id.lumbung.core.access.Permission.FIGURES_READ,
                        drill.tenant().provinceId()));
        model.put("district", drill.district() == null ? null : drill.district().name());
        model.put(
                "districtCode",
                drill.district() == null ? null : drill.district().code());
        TenantFigureRow f = drill.figures();
        model.put("computed", f == null ? null : WHEN.format(f.computedAt()));
        model.put("summary", f == null ? null : summary(f));
        model.put("areas", drill.areas().stream().map(area -> area(area, drill)).toList());
        return model;
    }

    private static Map<String, Object> area(AreaFigures area, Figures.Drill drill) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("code", area.code());
        row.put("name", area.name());
        row.put(
                "href",
                drill.district() == null
                        ? "/ui/tenants/" + drill.tenant().id() + "/ringkasan?kecamatan=" + area.code()
                        : null);
        row.put("villages", area.villages());
        row.put("households", area.households());
        row.put("people", area.people());
        row.put("desil", Charts.desil(area.desil()));
        row.put("withNik", FigureSheet.share(area.withNik(), area.people()));
        row.put("matching", FigureSheet.confirmed(area.matching(), area.verified(), area.people()));
        row.put("withoutHead", area.withoutHead());
        row.put("openDuplicates", area.openDuplicates());
        row.put("openProposals", area.openProposals());
        row.put("quality", score(area.quality()));
        row.put("qualityBar", Charts.bar(area.quality()));
        return row;
    }

    private static Map<String, Object> row(Figures.Regency regency, LocalDate from, LocalDate today) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", regency.tenant().id());
        row.put("code", regency.tenant().regionCode());
        row.put("name", regency.tenant().name());
        row.put("href", "/ui/tenants/" + regency.tenant().id() + "/ringkasan");
        TenantFigureRow f = regency.figures();
        row.put("computed", f != null);
        if (f == null) {
            return row;
        }
        row.putAll(summary(f));
        row.put("trend", Charts.trend(regency.trend(), from, today));
        return row;
    }

    /** A regency's figures as the pages show them. */
    private static Map<String, Object> summary(TenantFigureRow f) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("households", f.households());
        row.put("people", f.people());
        row.put("desil", Charts.desil(f.desil()));
        row.put("withNik", FigureSheet.share(f.withNik(), f.people()));
        row.put("matching", FigureSheet.confirmed(f.matching(), f.verified(), f.people()));
        row.put("withoutHead", f.withoutHead());
        row.put("quality", score(f.quality()));
        row.put("qualityBar", Charts.bar(f.quality()));
        row.put("proposals", FigureSheet.onTheirWay(f.proposals()));
        row.put(
                "waiting",
                f.medianWaitDays() == null ? NONE : String.format(Locale.ROOT, "%.1f hari", f.medianWaitDays()));
        row.put(
                "oldest",
                f.oldestOpenSince() == null
                        ? NONE
                        : Duration.between(f.oldestOpenSince(), Instant.now()).toDays() + " hari");
        row.put(
                "slowestStep",
                f.slowestStep() == null
                        ? NONE
                        : f.slowestStep() + " (" + String.format(Locale.ROOT, "%.0f jam", f.slowestStepHours()) + ")");
        row.put("backlog", f.verificationBacklog());
        row.put(
                "duplicates",
                f.duplicatesFound() == null ? "belum dicari" : f.duplicatesResolved() + " dari " + f.duplicatesFound());
        row.put("openDuplicates", f.openDuplicates());
        row.put("corrections", f.correctionsSent() == 0 ? NONE : f.correctionsBack() + " dari " + f.correctionsSent());
        row.put(
                "payments",
                f.payments() == 0
                        ? NONE
                        : FigureSheet.share(f.paymentsSucceeded(), f.payments()) + "% dari " + f.payments());
        row.put("deadLetters", f.deadLetters());
        row.put("paused", f.pausedConnectors());
        row.put("coverage", NOT_YET);
        row.put("complaints", NOT_YET);
        return row;
    }

    private static String score(Double quality) {
        return quality == null ? NONE : String.format(Locale.ROOT, "%.1f", quality);
    }

    /** The sortable columns, in the order shown, and their headers. */
    private static final Map<String, String> COLUMNS = columns();

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("nama", "Kabupaten/kota");
        columns.put("keluarga", "Keluarga");
        columns.put("jiwa", "Jiwa");
        columns.put("nik", "Ber-NIK");
        columns.put("padan", "Padan Dukcapil");
        columns.put("mutu", "Mutu data");
        columns.put("usulan", "Usulan berjalan");
        columns.put("antrean", "Antrean verifikasi");
        columns.put("ganda", "Ganda belum diputus");
        columns.put("gagal", "Pesan gagal");
        return columns;
    }

    private static Map<String, Function<Figures.Regency, Comparable<?>>> sorts() {
        Map<String, Function<Figures.Regency, Comparable<?>>> sorts = new HashMap<>();
        sorts.put("nama", regency -> regency.tenant().name());
        sorts.put("keluarga", figure(TenantFigureRow::households));
        sorts.put("jiwa", figure(TenantFigureRow::people));
        sorts.put("nik", figure(f -> f.people() == 0 ? null : (double) f.withNik() / f.people()));
        sorts.put("padan", figure(f -> f.people() == 0 ? null : (double) f.matching() / f.people()));
        sorts.put("mutu", figure(TenantFigureRow::quality));
        sorts.put("usulan", figure(f -> FigureSheet.onTheirWay(f.proposals())));
        sorts.put("antrean", figure(TenantFigureRow::verificationBacklog));
        sorts.put("ganda", figure(TenantFigureRow::openDuplicates));
        sorts.put("gagal", figure(TenantFigureRow::deadLetters));
        return sorts;
    }

    /** The regencies in the order of a column, a figure that does not exist last either way. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Figures.Regency> order(String sort, boolean descending) {
        Comparator<Comparable> values =
                descending ? Comparator.<Comparable>reverseOrder() : Comparator.<Comparable>naturalOrder();
        Function<Figures.Regency, Comparable<?>> key = SORTS.get(sort);
        return (left, right) -> {
            Comparable a = key.apply(left);
            Comparable b = key.apply(right);
            if (a == null || b == null) {
                return a == null ? (b == null ? 0 : 1) : -1;
            }
            return values.compare(a, b);
        };
    }

    private static Function<Figures.Regency, Comparable<?>> figure(Function<TenantFigureRow, Comparable<?>> of) {
        return regency -> regency.figures() == null ? null : of.apply(regency.figures());
    }

    /** The media type of an Excel workbook. */
    static final class FigureSheetMedia {
        static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

        private FigureSheetMedia() {}
    }
}
