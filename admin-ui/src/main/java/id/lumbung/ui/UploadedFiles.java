package id.lumbung.ui;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import io.micronaut.http.multipart.CompletedFileUpload;
import java.io.IOException;
import java.io.InputStream;

/**
 * An uploaded file, read once: the HTTP server's copy on disk holds NIKs and is never left
 * behind, even when the request is refused before or while reading it. An empty file is refused
 * (400) before anything reads it.
 */
public final class UploadedFiles {
    private UploadedFiles() {}

    /** What reads the upload's content. */
    @FunctionalInterface
    public interface Reading<T> {
        T read(InputStream content) throws IOException;
    }

    public static <T> T read(CompletedFileUpload file, Reading<T> reading) {
        // Opened first, closed whatever happens: closing is what lets the server delete its copy,
        // and an upload refused before anyone opened it stayed in the spool folder.
        try (InputStream content = file.getInputStream()) {
            if (file.getSize() == 0) {
                throw new LumbungException(ErrorCode.EMPTY_FILE, "The file is empty");
            }
            return reading.read(content);
        } catch (IOException e) {
            throw new LumbungException(ErrorCode.UPLOAD_FAILED, "The upload did not arrive completely");
        }
    }
}
