package id.lumbung.core.upload;

import id.lumbung.core.protection.PrivateFiles;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where uploaded files wait while a request reads them (and where the HTTP server spools large
 * uploads): {@code lumbung.uploads.directory}, default {@code LUMBUNG_DATA_DIR/uploads}, owner-only.
 * Nothing here outlives its request, so whatever a stopped process left is deleted at start-up.
 */
@Context
public final class Uploads {
    private final Path folder;

    Uploads(@Nullable @Value("${lumbung.uploads.directory:}") String directory) {
        this.folder =
                PrivateFiles.folder(directory == null || directory.isBlank() ? defaultFolder() : Path.of(directory));
        PrivateFiles.sweep(folder, "*", file -> true);
    }

    /** {@code LUMBUNG_DATA_DIR/uploads}. */
    public static Path defaultFolder() {
        String data = System.getenv("LUMBUNG_DATA_DIR");
        return Path.of(data == null || data.isBlank() ? "lumbung-data" : data, "uploads");
    }

    public Path folder() {
        return folder;
    }

    /** What reads the copy of an upload. */
    public interface Work<T> {
        T with(Path copy);
    }

    /** Copies the upload to an owner-only file, lets the work read it, then deletes it, whatever happens. */
    public <T> T withCopy(InputStream content, Work<T> work) throws IOException {
        Path copy = PrivateFiles.receive(folder, "upload-", content);
        try {
            return work.with(copy);
        } finally {
            PrivateFiles.delete(copy);
        }
    }
}
