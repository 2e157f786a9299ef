package id.lumbung.core.registry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;

/**
 * Where uploaded import files wait for their job ({@code lumbung.imports.directory}, default
 * {@code LUMBUNG_DATA_DIR/imports}). A file is deleted as soon as its job ends: it holds NIKs
 * in the clear.
 */
@ConfigurationProperties("lumbung.imports")
public record ImportSettings(@Nullable Path directory) {
    public ImportSettings {
        if (directory == null) {
            String data = System.getenv("LUMBUNG_DATA_DIR");
            directory = Path.of(data == null || data.isBlank() ? "lumbung-data" : data, "imports");
        }
    }
}
