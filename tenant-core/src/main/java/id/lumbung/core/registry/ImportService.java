package id.lumbung.core.registry;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.Statistics;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.paging.Keyset;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.core.protection.PrivateFiles;
import id.lumbung.core.upload.UploadNames;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports of registry files: an upload is checked for what makes the whole file unreadable
 * (400 at once), stored, and queued; one import runs at a time per process. Jobs a stopped
 * process left queued or running are run again at start-up (nothing of them was applied).
 */
@Singleton
public class ImportService {
    private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final ImportRepository jobs;
    private final ImportRunner runner;
    private final AuditLog audit;
    private final Statistics statistics;
    private final Path directory;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lumbung-import");
        thread.setDaemon(true);
        return thread;
    });

    private final ImportJobRows rows;
    private final IdentifierProtection protection;

    ImportService(
            TenantTransactions transactions,
            Authorizer access,
            ImportRepository jobs,
            ImportRunner runner,
            AuditLog audit,
            ImportSettings settings,
            Statistics statistics,
            ImportJobRows rows,
            IdentifierProtection protection) {
        this.rows = rows;
        this.protection = protection;
        this.transactions = transactions;
        this.access = access;
        this.jobs = jobs;
        this.runner = runner;
        this.audit = audit;
        this.statistics = statistics;
        this.directory = PrivateFiles.folder(settings.directory());
    }

    /** Import mode: keep the good rows (default) or change nothing if a row is refused. */
    public enum Mode {
        KEEP_GOOD_ROWS,
        ALL_OR_NOTHING;

        public static Mode parse(String value) {
            if (value == null || value.isBlank() || value.equalsIgnoreCase("keep-good-rows")) {
                return KEEP_GOOD_ROWS;
            }
            if (value.equalsIgnoreCase("all-or-nothing")) {
                return ALL_OR_NOTHING;
            }
            throw new LumbungException(ErrorCode.INVALID_MODE, "mode is keep-good-rows (default) or all-or-nothing");
        }
    }

    /**
     * Stores the uploaded file and queues its import. The stream is copied to disk as it arrives
     * (constant memory); a file unreadable as a whole answers 400 and is deleted.
     */
    public ImportJob submit(Caller caller, String tenantId, String fileName, InputStream content, Mode mode) {
        access.require(caller, Permission.IMPORT_RUN, tenantId);
        UUID id = UUID.randomUUID();
        Path file;
        try {
            file = PrivateFiles.receive(directory, tenantId + "-" + id + "-", content);
        } catch (IOException e) {
            throw new LumbungException(ErrorCode.UPLOAD_FAILED, "The upload did not arrive completely");
        }
        // The file holds NIKs in the clear: until its job owns it, any failure deletes it.
        boolean queued = false;
        try {
            ImportFile.Shape shape = ImportFile.inspect(file);
            checkHeader(file, shape);
            transactions.inTenant(tenantId, connection -> {
                rows.save(ImportJobRow.queued(
                        tenantId,
                        id,
                        UploadNames.safe(fileName),
                        file.toString(),
                        shape.xlsx() ? "XLSX" : "CSV",
                        mode.name(),
                        caller.username()));
                audit.record(connection, tenantId, caller, "IMPORT_SUBMIT", id.toString(), List.of("file"), "OK");
                return null;
            });
            enqueue(tenantId, id, file, mode == Mode.ALL_OR_NOTHING, caller.username());
            queued = true;
        } finally {
            if (!queued) {
                PrivateFiles.delete(file);
            }
        }
        return transactions
                .inTenant(tenantId, connection -> rows.findById(id).map(ImportJobRow::toJob))
                .orElseThrow(() -> notFound(id));
    }

    /** A job's status and counts. */
    public ImportJob status(Caller caller, String tenantId, UUID id) {
        access.require(caller, Permission.IMPORT_RUN, tenantId);
        return transactions
                .inTenant(tenantId, connection -> rows.findById(id).map(ImportJobRow::toJob))
                .orElseThrow(() -> notFound(id));
    }

    /** A page of a job's issues, by line. */
    public List<ImportIssue> issues(Caller caller, String tenantId, UUID id, int offset, int limit) {
        return issues(caller, tenantId, id, null, null, offset, limit);
    }

    /** A page of a job's issues of one code and/or severity ({@code null}: any), by line. */
    public List<ImportIssue> issues(
            Caller caller, String tenantId, UUID id, String code, String severity, int offset, int limit) {
        status(caller, tenantId, id);
        return transactions.inTenant(
                tenantId,
                connection -> jobs.issues(connection, tenantId, id, code, severity, Math.max(0, offset), limit));
    }

    /** How many issues of each code a job has, most frequent first. */
    public java.util.Map<String, Long> issueCodes(Caller caller, String tenantId, UUID id) {
        status(caller, tenantId, id);
        return transactions.inTenant(tenantId, connection -> jobs.issueCodes(connection, tenantId, id));
    }

    /**
     * The rows a job refused, as its file had them, with their reasons: for the operator to fix
     * in Excel and import again. They hold NIKs in full, so only who uploaded the file, or a
     * role that may read full identifiers, gets them; every read is audited.
     */
    public RefusedRows refusedRows(Caller caller, String tenantId, UUID id) {
        ImportJob job = status(caller, tenantId, id);
        if (!mayReadRefusedRows(caller, tenantId, job)) {
            access.require(caller, Permission.IDENTIFIER_REVEAL, tenantId);
        }
        RefusedRows refused = transactions.inTenant(
                tenantId,
                connection -> jobs.refused(connection, tenantId, id, stored -> protection.decrypt(tenantId, stored)));
        audit.record(tenantId, caller, "IMPORT_REFUSED_ROWS", id.toString(), List.of("nik", "kk", "registry"));
        return refused;
    }

    /** Whether the caller may download a job's refused rows: who uploaded it, or who may read full NIKs. */
    public boolean mayReadRefusedRows(Caller caller, String tenantId, ImportJob job) {
        return job.requestedBy().equals(caller.username())
                || access.permits(caller, Permission.IDENTIFIER_REVEAL, tenantId);
    }

    /** The tenant's latest imports (the first page). */
    public List<ImportJob> recent(Caller caller, String tenantId) {
        return page(caller, tenantId, PageRequest.first()).items();
    }

    /** The tenant's imports, newest first, a page at a time with their total. */
    public Page<ImportJob> page(Caller caller, String tenantId, PageRequest request) {
        access.require(caller, Permission.IMPORT_RUN, tenantId);
        return transactions.inTenant(tenantId, connection -> {
            Keyset.Ids page = Keyset.newestIds(connection, "FROM import_job WHERE tenant_id = ?", request, tenantId);
            List<ImportJob> read = page.inOrder(rows.findByIdIn(page.ids()), ImportJobRow::id).stream()
                    .map(ImportJobRow::toJob)
                    .toList();
            return Page.of(
                    read,
                    request,
                    page.total(),
                    job -> PageRequest.cursor(
                            job.createdAt().toString(), job.id().toString()));
        });
    }

    /**
     * Jobs a stopped process left queued or running: run again if their file is still here
     * (nothing of them was applied), else failed with a clear message. A job another process
     * is running holds its advisory lock and is left alone.
     */
    @EventListener
    void resumeUnfinished(StartupEvent event) {
        List<String[]> unfinishedJobs = transactions.acrossAllTenants(jobs::unfinished);
        // A file no unfinished job names was left by a process stopped between upload and job.
        java.util.Set<Path> named = new java.util.HashSet<>();
        unfinishedJobs.stream()
                .filter(job -> job[2] != null)
                .forEach(job -> named.add(Path.of(job[2]).toAbsolutePath()));
        PrivateFiles.sweep(directory, "*.upload", file -> !named.contains(file.toAbsolutePath()));
        for (String[] unfinished : unfinishedJobs) {
            String tenantId = unfinished[0];
            UUID id = UUID.fromString(unfinished[1]);
            Path file = unfinished[2] == null ? null : Path.of(unfinished[2]);
            Optional<ImportJob> job = transactions.inTenant(
                    tenantId,
                    connection -> jobs.runningElsewhere(connection, id)
                            ? Optional.<ImportJob>empty()
                            : rows.findById(id).map(ImportJobRow::toJob));
            if (job.isEmpty()) {
                continue;
            }
            if (file != null && Files.isReadable(file)) {
                LOG.info("Import {} of tenant {} was interrupted; running it again", id, tenantId);
                enqueue(
                        tenantId,
                        id,
                        file,
                        Mode.valueOf(job.get().mode()) == Mode.ALL_OR_NOTHING,
                        job.get().requestedBy());
            } else {
                transactions.inTenant(tenantId, connection -> {
                    jobs.finish(
                            connection,
                            tenantId,
                            id,
                            "FAILED",
                            new ImportCounts(),
                            "The process stopped during the import and its file is gone; nothing was changed."
                                    + " Upload the file again.");
                    return null;
                });
            }
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void enqueue(String tenantId, UUID id, Path file, boolean allOrNothing, String by) {
        executor.execute(() -> {
            boolean changed;
            try {
                changed = runner.run(tenantId, id, file, allOrNothing, by);
            } finally {
                PrivateFiles.delete(file); // the file with NIKs goes first, as soon as the job ends
            }
            if (changed) {
                statistics.refresh(tenantId, "household", "member");
            }
        });
    }

    private static void checkHeader(Path file, ImportFile.Shape shape) {
        try (Records records = ImportFile.records(file, shape, new java.util.concurrent.atomic.AtomicLong())) {
            CsvRecords.Result header = records.next();
            if (!(header instanceof CsvRecords.Row row)) {
                throw new LumbungException(ErrorCode.WRONG_HEADER, "The header row cannot be read");
            }
            Header.of(row.fields());
            if (records.next() == null) {
                throw new LumbungException(ErrorCode.NO_ROWS, "The file has a header but no rows");
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new LumbungException(ErrorCode.INVALID_ENCODING, "The header is neither UTF-8 nor Windows-1252 text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LumbungException notFound(UUID id) {
        return new LumbungException(ErrorCode.IMPORT_NOT_FOUND, "Import " + id + " was not found");
    }
}
