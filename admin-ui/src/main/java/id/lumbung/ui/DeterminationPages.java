package id.lumbung.ui;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.workflow.Determinations;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;

/**
 * The ministry's determination per village in Bahasa Indonesia: what was added, removed, changed,
 * returned, whose desil changed, what still waits; the corrections that came back; the workbook.
 */
@Controller("/ui/tenants/{tenantId}/penetapan")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class DeterminationPages {
    private final Determinations determinations;
    private final Authorizer authorizer;

    DeterminationPages(Determinations determinations, Authorizer authorizer) {
        this.determinations = determinations;
        this.authorizer = authorizer;
    }

    @Get
    @View("determinations")
    Map<String, Object> page(
            @PathVariable String tenantId,
            @Nullable @QueryValue String periode,
            @Nullable @QueryValue String galat,
            Caller caller) {
        String period = periode == null || periode.isBlank()
                ? YearMonth.now(ZoneId.of("Asia/Jakarta")).minusMonths(1).toString()
                : periode.strip();
        Map<String, Object> model =
                PagePermissions.model(caller, tenantId, PagePermissions.may(authorizer, caller, tenantId), galat);
        model.put("period", period);
        model.put("comparison", determinations.read(caller, tenantId, period));
        return model;
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> settle(@PathVariable String tenantId, @Nullable String period, Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/penetapan?periode=" + (period == null ? "" : period.strip());
        return Redirects.after(page, () -> determinations.settle(caller, tenantId, period));
    }

    @Get(value = "/{period}.xlsx", produces = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    HttpResponse<byte[]> workbook(
            @PathVariable String tenantId,
            @PathVariable String period,
            @Nullable @QueryValue String desa,
            Caller caller)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        determinations.write(caller, tenantId, period, desa, out);
        return HttpResponse.ok(out.toByteArray())
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Content-Disposition", "attachment; filename=\"penetapan-" + period + ".xlsx\"");
    }
}
