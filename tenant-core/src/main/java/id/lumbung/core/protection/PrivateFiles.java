package id.lumbung.core.protection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files that hold personal data on disk (uploads with NIKs, files in transit to an agency):
 * in a folder only the process's user can open (0700), each file owner-only (0600), deleted
 * quietly, and swept when a stopped process left them behind.
 */
public final class PrivateFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    /** The folder, created owner-only; an existing one is narrowed to owner-only. */
    public static Path folder(Path folder) {
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            Files.setPosixFilePermissions(folder, FOLDER);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the private folder " + folder, e);
        }
    }

    /** A new, empty owner-only file in the folder. */
    public static Path newFile(Path folder, String prefix, String suffix) throws IOException {
        return Files.createTempFile(folder, prefix, suffix, PosixFilePermissions.asFileAttribute(FILE));
    }

    /** The content, copied into a new owner-only file of the folder; on any failure no file is left. */
    public static Path receive(Path folder, String prefix, InputStream content) throws IOException {
        Path file = newFile(folder, prefix, ".upload");
        try (OutputStream out = Files.newOutputStream(file)) {
            content.transferTo(out);
            return file;
        } catch (IOException | RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    /** Deletes the file if it is there; a failure is logged (by name only), never thrown. */
    public static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", file.getFileName(), e.getClass().getSimpleName());
        }
    }

    /**
     * Deletes the files of the folder matching {@code glob} that {@code stale} says a stopped
     * process left behind; answers how many.
     */
    public static int sweep(Path folder, String glob, Predicate<Path> stale) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int swept = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob)) {
            for (Path file : files) {
                if (Files.isRegularFile(file) && stale.test(file)) {
                    delete(file);
                    swept++;
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not sweep {}: {}", folder, e.getClass().getSimpleName());
        }
        if (swept > 0) {
            LOG.warn("Deleted {} file(s) a stopped process left in {}", swept, folder);
        }
        return swept;
    }

    /** Whether the file was last written before this instant (a live process's files are younger). */
    public static boolean olderThan(Path file, Instant instant) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(instant);
        } catch (IOException e) {
            return false;
        }
    }
}
