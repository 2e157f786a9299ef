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

    /** A header row: column names in lower case, spaces, dots and dashes as underscores; first one wins. */
    public static final class Columns {
        private final java.util.Map<String, Integer> index = new java.util.HashMap<>();

        public Columns(List<String> header) {
            for (int i = 0; i < header.size(); i++) {
                index.putIfAbsent(
                        header.get(i).strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s.-]+", "_"), i);
            }
        }

        /** Reads {@code alias} where {@code name} is absent. */
        public Columns alias(String name, String alias) {
            if (!index.containsKey(name) && index.containsKey(alias)) {
                index.put(name, index.get(alias));
            }
            return this;
        }

        /** The required columns the header lacks. */
        public List<String> missing(List<String> required) {
            return required.stream().filter(name -> !index.containsKey(name)).toList();
        }

        /** The cell of the column, stripped; empty when the column or the cell is absent. */
        public String value(List<String> fields, String name) {
            Integer at = index.get(name);
            return at == null || at >= fields.size() ? "" : fields.get(at).strip();
        }
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
