package id.lumbung.gateway;

import io.micronaut.http.multipart.CompletedFileUpload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** An uploaded file copied to a temporary file for the work that reads it, then removed (it may hold NIKs). */
public final class TempUploads {
    private TempUploads() {}

    /** What reads the copy. */
    public interface Work<T> {
        T with(Path copy);
    }

    public static <T> T withCopy(CompletedFileUpload file, Work<T> work) throws IOException {
        Path copy = Files.createTempFile("lumbung-upload", ".tmp");
        try (InputStream content = file.getInputStream()) {
            Files.copy(content, copy, StandardCopyOption.REPLACE_EXISTING);
            return work.with(copy);
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
