package id.lumbung.gateway.oversight;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.oversight.AreaFigures;
import id.lumbung.core.oversight.FigureSheet;
import id.lumbung.core.oversight.Figures;
import id.lumbung.core.oversight.MonthlyReports;
import id.lumbung.core.oversight.QualityPoint;
import id.lumbung.core.oversight.TenantFigureRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A province's regencies at a glance, and one regency's districts and villages: counts only. */
@Controller("/api/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "oversight")
@SecurityRequirement(name = "bearer")
class FigureController {
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Figures figures;
    private final MonthlyReports reports;

    FigureController(Figures figures, MonthlyReports reports) {
        this.figures = figures;
        this.reports = reports;
    }

    @Permits(Permission.FIGURES_READ)
    @Get("/provinces/{provinceId}/figures")
    @Operation(
            summary = "Every regency of the province with its figures (null: does not exist yet), quality trend of 30"
                    + " days")
    ProvinceResponse province(@PathVariable @Size(max = 2) String provinceId, Caller caller) {
        Figures.Province province = figures.province(caller, provinceId);
        return new ProvinceResponse(
                province.code(),
                province.name(),
                province.trendFrom(),
                province.regencies().stream().map(RegencyResponse::from).toList());
    }

    @Permits(Permission.FIGURES_READ)
    @Get(
            value = "/provinces/{provinceId}/figures.xlsx",
            produces = {XLSX, MediaType.APPLICATION_JSON})
    @Operation(summary = "The province's figures as an Excel workbook, one row per regency")
    HttpResponse<byte[]> workbook(@PathVariable @Size(max = 2) String provinceId, Caller caller) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FigureSheet.write(figures.province(caller, provinceId), out);
        return HttpResponse.ok(out.toByteArray())
                .contentType(XLSX)
                .header("Content-Disposition", "attachment; filename=\"ringkasan-provinsi-" + provinceId + ".xlsx\"");
    }

    @Permits(Permission.FIGURES_READ)
    @Get(
            value = "/tenants/{tenantId}/monthly-reports/{period}/report.pdf",
            produces = {"application/pdf", MediaType.APPLICATION_JSON})
    @Operation(
            summary = "The regency's monthly report to its Bupati/Wali Kota (period yyyy-mm): registered, changes,"
                    + " proposals, determinations, payments — counts only")
    HttpResponse<byte[]> regencyPdf(@PathVariable String tenantId, @PathVariable String period, Caller caller) {
        return file(
                MonthlyReports.pdf(reports.regency(caller, tenantId, period)),
                "application/pdf",
                "laporan-" + tenantId + "-" + period + ".pdf");
    }

    @Permits(Permission.FIGURES_READ)
    @Get(
            value = "/tenants/{tenantId}/monthly-reports/{period}/report.xlsx",
            produces = {XLSX, MediaType.APPLICATION_JSON})
    @Operation(summary = "The regency's monthly report as an Excel workbook")
    HttpResponse<byte[]> regencyXlsx(@PathVariable String tenantId, @PathVariable String period, Caller caller) {
        return file(
                MonthlyReports.xlsx(reports.regency(caller, tenantId, period)),
                XLSX,
                "laporan-" + tenantId + "-" + period + ".xlsx");
    }

    @Permits(Permission.FIGURES_READ)
    @Get(
            value = "/provinces/{provinceId}/monthly-reports/{period}/report.pdf",
            produces = {"application/pdf", MediaType.APPLICATION_JSON})
    @Operation(summary = "The province's monthly report to its governor: one row per regency, and the totals")
    HttpResponse<byte[]> provincePdf(
            @PathVariable @Size(max = 2) String provinceId, @PathVariable String period, Caller caller) {
        return file(
                MonthlyReports.pdf(reports.province(caller, provinceId, period)),
                "application/pdf",
                "laporan-provinsi-" + provinceId + "-" + period + ".pdf");
    }

    @Permits(Permission.FIGURES_READ)
    @Get(
            value = "/provinces/{provinceId}/monthly-reports/{period}/report.xlsx",
            produces = {XLSX, MediaType.APPLICATION_JSON})
    @Operation(summary = "The province's monthly report as an Excel workbook")
    HttpResponse<byte[]> provinceXlsx(
            @PathVariable @Size(max = 2) String provinceId, @PathVariable String period, Caller caller) {
        return file(
                MonthlyReports.xlsx(reports.province(caller, provinceId, period)),
                XLSX,
                "laporan-provinsi-" + provinceId + "-" + period + ".xlsx");
    }

    private static HttpResponse<byte[]> file(byte[] content, String type, String name) {
        return HttpResponse.ok(content)
                .contentType(type)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    @Permits(Permission.FIGURES_READ)
    @Get("/tenants/{tenantId}/figures")
    @Operation(summary = "A regency's figures by district, or by village of one district (district=74.71.01)")
    DrillResponse drill(
            @PathVariable String tenantId, @Nullable @QueryValue @Size(max = 13) String district, Caller caller) {
        Figures.Drill drill = figures.drill(caller, tenantId, district);
        return new DrillResponse(
                drill.tenant().id(),
                drill.tenant().name(),
                drill.district() == null ? null : drill.district().code(),
                drill.district() == null ? null : drill.district().name(),
                drill.figures() == null ? null : drill.figures().computedAt(),
                drill.figures() == null ? null : drill.figures().quality(),
                drill.areas());
    }

    /**
     * A province's dashboard.
     *
     * @param code the province's code
     * @param name its name
     * @param trendFrom the first day of the quality trends
     * @param regencies its regencies the caller oversees
     */
    @Serdeable
    record ProvinceResponse(String code, String name, LocalDate trendFrom, List<RegencyResponse> regencies) {}

    /**
     * A regency's figures; every figure is {@code null} until first computed, and so are those
     * that do not exist yet (never searched for duplicates; programmes and complaints not on the
     * platform yet).
     *
     * @param desil households by desil 1 to 10, then without one
     * @param proposals proposals by state
     * @param matchingShare the share of living members Dukcapil confirmed, in percent ({@code null}
     *     while Dukcapil was asked about nobody)
     * @param qualityTrend the score from day to day (a day without a point kept the one before)
     */
    @Serdeable
    record RegencyResponse(
            String tenantId,
            String name,
            String regionCode,
            @Nullable Instant computedAt,
            @Nullable Integer households,
            @Nullable Integer people,
            @Nullable List<Long> desil,
            @Nullable Integer withNik,
            @Nullable Integer verified,
            @Nullable Integer matching,
            @Nullable Double matchingShare,
            @Nullable Integer withoutHead,
            @Nullable Integer openDuplicates,
            @Nullable Double quality,
            List<QualityPoint> qualityTrend,
            @Nullable Map<String, Integer> proposals,
            @Nullable Instant oldestOpenSince,
            @Nullable Double medianWaitDays,
            @Nullable String slowestStep,
            @Nullable Double slowestStepHours,
            @Nullable Integer verificationBacklog,
            @Nullable Integer duplicatesFound,
            @Nullable Integer duplicatesResolved,
            @Nullable Integer correctionsSent,
            @Nullable Integer correctionsBack,
            @Nullable Integer payments,
            @Nullable Integer paymentsSucceeded,
            @Nullable Integer paymentsFailed,
            @Nullable Integer deadLetters,
            @Nullable Integer pausedConnectors,
            @Nullable Double programmeCoverage,
            @Nullable Integer complaintsOverdue) {
        static RegencyResponse from(Figures.Regency regency) {
            TenantFigureRow f = regency.figures();
            var t = regency.tenant();
            if (f == null) {
                return new RegencyResponse(
                        t.id(),
                        t.name(),
                        t.regionCode(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        regency.trend(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
            }
            return new RegencyResponse(
                    t.id(),
                    t.name(),
                    t.regionCode(),
                    f.computedAt(),
                    f.households(),
                    f.people(),
                    Arrays.stream(f.desil().split(",")).map(Long::valueOf).toList(),
                    f.withNik(),
                    f.verified(),
                    f.matching(),
                    f.people() == 0 || f.verified() == 0 ? null : Math.round(1000.0 * f.matching() / f.people()) / 10.0,
                    f.withoutHead(),
                    f.openDuplicates(),
                    f.quality(),
                    regency.trend(),
                    FigureSheet.counts(f.proposals()),
                    f.oldestOpenSince(),
                    f.medianWaitDays(),
                    f.slowestStep(),
                    f.slowestStepHours(),
                    f.verificationBacklog(),
                    f.duplicatesFound(),
                    f.duplicatesResolved(),
                    f.correctionsSent(),
                    f.correctionsBack(),
                    f.payments(),
                    f.paymentsSucceeded(),
                    f.paymentsFailed(),
                    f.deadLetters(),
                    f.pausedConnectors(),
                    null,
                    null);
        }
    }

    /**
     * A regency's drill-down.
     *
     * @param districtCode the district shown by village, or {@code null} (by district)
     * @param areas the districts, or the villages of the district
     */
    @Serdeable
    record DrillResponse(
            String tenantId,
            String name,
            @Nullable String districtCode,
            @Nullable String districtName,
            @Nullable Instant computedAt,
            @Nullable Double quality,
            List<AreaFigures> areas) {}
}
