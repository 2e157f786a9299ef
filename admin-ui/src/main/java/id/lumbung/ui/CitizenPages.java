package id.lumbung.ui;

import id.lumbung.core.error.LumbungException;
import id.lumbung.core.workflow.CitizenRegistrations;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import java.util.HashMap;
import java.util.Map;

/**
 * The public, phone-first form where a family registers itself (no account), and where it
 * follows its registration by receipt. It never tells whether a NIK is already registered.
 */
@Controller("/daftar/{tenantId}")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class CitizenPages {
    private final CitizenRegistrations registrations;

    CitizenPages(CitizenRegistrations registrations) {
        this.registrations = registrations;
    }

    @Get
    HttpResponse<ModelAndView<Map<String, Object>>> form(
            @PathVariable String tenantId, @Nullable @QueryValue String nomor, HttpRequest<?> http) {
        Map<String, Object> model = new HashMap<>();
        try {
            model.put("office", registrations.office(tenantId));
        } catch (LumbungException e) {
            return HttpResponse.notFound();
        }
        model.put("tenantId", tenantId);
        model.put("receipt", null);
        model.put("status", null);
        model.put("error", null);
        if (nomor != null && !nomor.isBlank()) {
            try {
                model.put("status", registrations.status(tenantId, address(http), nomor));
            } catch (LumbungException e) {
                model.put("error", Messages.of(e));
            }
        }
        return HttpResponse.ok(new ModelAndView<>("register", model));
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<ModelAndView<Map<String, Object>>> register(
            @PathVariable String tenantId,
            @Nullable String villageCode,
            @Nullable String headName,
            @Nullable String address,
            @Nullable String nik,
            @Nullable String kk,
            CompletedFileUpload file,
            HttpRequest<?> http) {
        Map<String, Object> model = new HashMap<>();
        model.put("tenantId", tenantId);
        model.put("office", "");
        model.put("status", null);
        model.put("error", null);
        model.put("receipt", null);
        try {
            model.put(
                    "receipt",
                    UploadedFiles.read(
                            file,
                            content -> registrations.register(
                                    tenantId,
                                    address(http),
                                    new CitizenRegistrations.Registration(villageCode, headName, address, nik, kk),
                                    content)));
            return HttpResponse.ok(new ModelAndView<>("register", model));
        } catch (LumbungException e) {
            model.put("error", Messages.of(e));
            return HttpResponse.<ModelAndView<Map<String, Object>>>status(
                            io.micronaut.http.HttpStatus.UNPROCESSABLE_ENTITY)
                    .body(new ModelAndView<>("register", model));
        }
    }

    private static String address(HttpRequest<?> http) {
        return http.getRemoteAddress().getAddress().getHostAddress();
    }
}
