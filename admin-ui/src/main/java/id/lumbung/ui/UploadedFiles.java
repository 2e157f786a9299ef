package id.lumbung.ui;

import id.lumbung.core.error.LumbungException;
import io.micronaut.http.multipart.CompletedFileUpload;
import java.io.IOException;
import java.io.InputStream;

/**
 * An uploaded file, read once and then discarded whatever happens: the HTTP server's copy on
 * disk holds NIKs and is never left behind, even when the request is refused. An empty file is
 * refused (400) before anything reads it.
 */
public final class UploadedFiles {
    private UploadedFiles() {}

    /** What reads the upload's content. */
    @FunctionalInterface
    public interface Reading<T> {
        T read(InputStream content) throws IOException;
    }

    public static <T> T read(CompletedFileUpload file, Reading<T> reading) {
        try {
            if (file.getSize() == 0) {
                throw new LumbungException(400, "empty_file", "The file is empty");
            }
            try (InputStream content = file.getInputStream()) {
                return reading.read(content);
            }
        } catch (IOException e) {
            throw new LumbungException(400, "upload_failed", "The upload did not arrive completely");
        } finally {
            file.discard();
        }
    }
}
