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

    /**
     * A problem with a row.
     *
     * @param line the file's line
     * @param column the column, if one
     * @param code a stable code
     * @param message what is wrong
     */
    public record Issue(long line, String column, String code, String message) {}

    /**
     * A file read whole: the rows a parser accepted, how many rows there were, how many were refused.
     *
     * @param accepted the accepted rows, in file order
     * @param rows rows read (the header aside)
     * @param rejected rows refused
     * @param issues the first 1,000 issues by line
     */
    public record Read<T>(List<T> accepted, long rows, long rejected, List<Issue> issues) {}

    /** Turns a row into a value, or answers {@code null} after adding the row's issue. */
    public interface Parser<T> {
        T parse(long line, List<String> fields, Columns columns, List<Issue> issues);
    }

    private static final int MAXIMUM_ISSUES = 1_000;

    /**
     * Reads a whole file of rows with a header: refused with {@code 400 wrong_header} when it lacks
     * a required column, {@code too_many_rows} beyond {@code maximumRows}, {@code no_rows} when
     * empty; a row whose key repeats an earlier one is refused as {@code duplicate_row}.
     */
    public static <T> Read<T> readAll(
            Path file,
            java.util.function.UnaryOperator<Columns> aliases,
            List<String> required,
            int maximumRows,
            String keyColumn,
            java.util.function.Function<T, String> key,
            Parser<T> parser) {
        return collect(handler -> read(file, handler), aliases, required, maximumRows, keyColumn, key, parser);
    }

    /** Rows from somewhere other than a file (an agency's answer): the header first, then the rows. */
    public interface RowSource {
        void feed(Handler handler) throws IOException;
    }

    /** {@link #readAll} over rows from any source. */
    public static <T> Read<T> collect(
            RowSource source,
            java.util.function.UnaryOperator<Columns> aliases,
            List<String> required,
            int maximumRows,
            String keyColumn,
            java.util.function.Function<T, String> key,
            Parser<T> parser) {
        List<T> accepted = new java.util.ArrayList<>();
        List<Issue> issues = new java.util.ArrayList<>() {
            @Override
            public boolean add(Issue issue) {
                return size() < MAXIMUM_ISSUES && super.add(issue);
            }
        };
        long[] counts = new long[2]; // rows, rejected
        Columns[] header = new Columns[1];
        java.util.Map<String, Long> seen = new java.util.HashMap<>();
        try {
            source.feed(new Handler() {
                @Override
                public void row(long line, List<String> fields) {
                    if (header[0] == null) {
                        header[0] = aliases.apply(new Columns(fields));
                        List<String> missing = header[0].missing(required);
                        if (!missing.isEmpty()) {
                            throw new id.lumbung.core.error.LumbungException(
                                    id.lumbung.core.error.ErrorCode.WRONG_HEADER,
                                    "The header lacks the column(s) " + String.join(", ", missing));
                        }
                        return;
                    }
                    if (++counts[0] > maximumRows) {
                        throw new id.lumbung.core.error.LumbungException(
                                id.lumbung.core.error.ErrorCode.TOO_MANY_ROWS,
                                "A file holds at most " + maximumRows + " rows");
                    }
                    T value = parser.parse(line, fields, header[0], issues);
                    if (value == null) {
                        counts[1]++;
                        return;
                    }
                    Long first = seen.putIfAbsent(key.apply(value), line);
                    if (first != null) {
                        counts[1]++;
                        issues.add(new Issue(line, keyColumn, "duplicate_row", "The same record is on line " + first));
                        return;
                    }
                    accepted.add(value);
                }

                @Override
                public void broken(long line, String code, String message) {
                    counts[0]++;
                    counts[1]++;
                    issues.add(new Issue(line, null, code, message));
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (header[0] == null || counts[0] == 0) {
            throw new id.lumbung.core.error.LumbungException(
                    id.lumbung.core.error.ErrorCode.NO_ROWS, "The file has no rows");
        }
        return new Read<>(accepted, counts[0], counts[1], List.copyOf(issues));
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
