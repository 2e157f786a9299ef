package id.lumbung.core.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CSV (UTF-8 or Windows-1252, any of the usual delimiters) or Excel .xlsx file, read record
 * by record exactly as the registry import reads it — for the other imports (students, lists
 * from the ministry). A file that is empty, binary or UTF-16 is refused before any record.
 */
public final class TabularFile {
    private TabularFile() {}

    /** What the reader hands over, record by record. */
    public interface Handler {
        /** A record, with the line it starts on (the header is line 1). */
        void row(long line, List<String> fields);

        /** A record that breaks the CSV rules, skipped. */
        void broken(long line, String code, String message);
    }

    public static void read(Path file, Handler handler) throws IOException {
        ImportFile.Shape shape = ImportFile.inspect(file);
        try (Records records = ImportFile.records(file, shape, new AtomicLong())) {
            CsvRecords.Result result;
            while ((result = records.next()) != null) {
                if (result instanceof CsvRecords.Row row) {
                    handler.row(row.line(), row.fields());
                } else {
                    CsvRecords.Broken broken = (CsvRecords.Broken) result;
                    handler.broken(broken.line(), broken.code(), broken.message());
                }
            }
        }
    }
}
