package id.lumbung.gateway.student;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.registry.TabularFile;
import id.lumbung.core.student.StudentPulls;
import id.lumbung.core.student.StudentService;
import id.lumbung.core.upload.Uploads;
import id.lumbung.gateway.PathIds;
import id.lumbung.gateway.edge.PageQuery;
import id.lumbung.ui.UploadedFiles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
@SerdeImport(StudentPulls.Pull.class)
@SerdeImport(StudentPulls.School.class)
class StudentController {
    private final StudentService students;
    private final StudentPulls pulls;
    private final Uploads uploads;

    StudentController(StudentService students, StudentPulls pulls, Uploads uploads) {
        this.uploads = uploads;
        this.students = students;
        this.pulls = pulls;
    }

    @Permits(Permission.IMPORT_RUN)
    @Post(value = "/imports", consumes = MediaType.MULTIPART_FORM_DATA)
    @Operation(
            summary = "Import the education office's Dapodik file (CSV or .xlsx; nisn, nik, nama, jenis_kelamin,"
                    + " tanggal_lahir, npsn, nama_sekolah, rombel, semester): upserted by NISN, bad rows reported by"
                    + " line; the same file again changes nothing")
    StudentService.ImportResult importFile(@PathVariable String tenantId, CompletedFileUpload file, Caller caller) {
        return UploadedFiles.read(
                file, content -> uploads.withCopy(content, copy -> students.importFile(caller, tenantId, copy)));
    }

    /**
     * A student search.
     *
     * @param nik a 16-digit NIK
     * @param nisn a 10-digit NISN
     */
    @Serdeable
    record Search(@Nullable @Size(max = 64) String nik, @Nullable @Size(max = 64) String nisn) {
        @Override
        public String toString() {
            return "Search[nisn=" + nisn + "]";
        }
    }

    @Permits(Permission.STUDENT_READ)
    @Post(value = "/search", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Students by NIK or NISN (in the body), with the registry member of the same NIK; audited")
    List<StudentService.Student> search(@PathVariable String tenantId, @Valid @Body Search body, Caller caller) {
        return students.find(caller, tenantId, body.nik(), body.nisn());
    }

    @Permits(Permission.STUDENT_READ)
    @Get("/schools")
    @Operation(summary = "The schools whose Dapodik web service this tenant may pull from (configuration)")
    List<StudentPulls.School> schools(@PathVariable String tenantId, Caller caller) {
        return pulls.schools(caller, tenantId);
    }

    /**
     * Schools to pull from.
     *
     * @param npsn their NPSNs; none for every school configured for the tenant
     */
    @Serdeable
    record PullRequest(@Nullable @Size(max = 1_000) List<@NotNull @Size(max = 16) String> npsn) {}

    @Permits(Permission.IMPORT_RUN)
    @Post(value = "/pulls", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Pull students from the schools' Dapodik web services (getPesertaDidik, every page), one queued"
                    + " pull per school; follow them with GET …/pulls/{id}")
    List<StudentPulls.Pull> pull(
            @PathVariable String tenantId, @Valid @Body @Nullable PullRequest body, Caller caller) {
        return pulls.start(caller, tenantId, body == null ? List.of() : body.npsn());
    }

    @Permits(Permission.STUDENT_READ)
    @Get("/pulls")
    @Operation(
            summary = "The tenant's pulls, newest first: status, students read, changed, refused and why; a page at a"
                    + " time (size 1–500, default 100) with X-Total-Count and Link (next, prev) headers")
    io.micronaut.http.HttpResponse<List<StudentPulls.Pull>> pulls(
            @PathVariable String tenantId, @RequestBean PageQuery page, Caller caller) {
        return page.answer(pulls.page(caller, tenantId, page.page()));
    }

    @Permits(Permission.STUDENT_READ)
    @Get("/pulls/{pullId}")
    @Operation(summary = "One pull")
    StudentPulls.Pull pullOf(@PathVariable String tenantId, @PathVariable String pullId, Caller caller) {
        return pulls.get(caller, tenantId, PathIds.uuid(pullId, ErrorCode.PULL_NOT_FOUND, "Pull"));
    }
}
