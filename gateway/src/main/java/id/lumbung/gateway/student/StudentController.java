package id.lumbung.gateway.student;

import id.lumbung.core.registry.TabularFile;
import id.lumbung.core.student.StudentService;
import id.lumbung.gateway.TempUploads;
import id.lumbung.ui.Callers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;

/** Students from Dapodik: the education office's batch file, and lookups for PIP/KIP checks. */
@Controller("/api/v1/tenants/{tenantId}/students")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "students")
@SecurityRequirement(name = "bearer")
@SerdeImport(StudentService.ImportResult.class)
@SerdeImport(TabularFile.Issue.class)
@SerdeImport(StudentService.Student.class)
class StudentController {
    private final StudentService students;

    StudentController(StudentService students) {
        this.students = students;
    }

    @Post(value = "/imports", consumes = MediaType.MULTIPART_FORM_DATA)
    @Operation(
            summary = "Import the education office's Dapodik file (CSV or .xlsx; nisn, nik, nama, jenis_kelamin,"
                    + " tanggal_lahir, npsn, nama_sekolah, rombel, semester): upserted by NISN, bad rows reported by"
                    + " line; the same file again changes nothing")
    StudentService.ImportResult importFile(
            @PathVariable String tenantId,
            CompletedFileUpload file,
            Authentication authentication,
            HttpRequest<?> request)
            throws IOException {
        return TempUploads.withCopy(
                file, copy -> students.importFile(Callers.from(authentication, request), tenantId, copy));
    }

    /**
     * A student search.
     *
     * @param nik a 16-digit NIK
     * @param nisn a 10-digit NISN
     */
    @Serdeable
    record Search(@Nullable String nik, @Nullable String nisn) {
        @Override
        public String toString() {
            return "Search[nisn=" + nisn + "]";
        }
    }

    @Post(value = "/search", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Students by NIK or NISN (in the body), with the registry member of the same NIK; audited")
    List<StudentService.Student> search(
            @PathVariable String tenantId, @Body Search body, Authentication authentication, HttpRequest<?> request) {
        return students.find(Callers.from(authentication, request), tenantId, body.nik(), body.nisn());
    }
}
