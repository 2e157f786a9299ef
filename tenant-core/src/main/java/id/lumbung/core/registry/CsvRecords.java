package id.lumbung.core.registry;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: one record at a time from any reader, in constant memory (a
 * record longer than {@link #MAXIMUM_RECORD_CHARS} is refused, so a file without line ends
 * cannot exhaust the heap). Accepts CRLF and LF, quoted fields with doubled quotes and line
 * breaks inside. A record that breaks the quoting rules is reported with the line it starts on
 * and skipped; reading goes on with the next line.
 */
final class CsvRecords implements Records {
    static final int MAXIMUM_RECORD_CHARS = 64 * 1024;

    private final Reader reader;
    private final char delimiter;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private long line = 1;
    private final StringBuilder field = new StringBuilder(64);

    CsvRecords(Reader reader, char delimiter) {
        this.reader = reader;
        this.delimiter = delimiter;
    }

    /** One record, or a reason it could not be read. */
    sealed interface Result permits Row, Broken {
        long line();
    }

    /** A record and the (first) line it starts on. */
    record Row(long line, List<String> fields) implements Result {}

    /** A record that breaks the rules, with the line it starts on. */
    record Broken(long line, String code, String message) implements Result {}

    /** The next record, or {@code null} at the end of the input. Empty lines are skipped. */
    @Override
    public Result next() throws IOException {
        while (true) {
            int first = peek();
            if (first < 0) {
                return null;
            }
            if (first == '\n' || first == '\r') {
                consumeLineEnd();
                continue;
            }
            return record();
        }
    }

    private Result record() throws IOException {
        long start = line;
        List<String> fields = new ArrayList<>(40);
        int length = 0;
        field.setLength(0);
        boolean quoted = false;
        boolean afterClosingQuote = false;
        boolean fieldStart = true;
        while (true) {
            int c = read();
            if (c < 0) {
                if (quoted) {
                    return new Broken(
                            start,
                            "unterminated_quote",
                            "A quoted field is not closed before the end of the file (truncated file?)");
                }
                fields.add(id.lumbung.core.household.ExportSheet.Csv.unmarked(field.toString()));
                return new Row(start, fields);
            }
            if (++length > MAXIMUM_RECORD_CHARS) {
                skipRestOfRecord();
                return new Broken(
                        start, "record_too_long", "A record is longer than " + MAXIMUM_RECORD_CHARS + " characters");
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        field.append('"');
                    } else {
                        quoted = false;
                        afterClosingQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
                continue;
            }
            if (c == delimiter) {
                fields.add(id.lumbung.core.household.ExportSheet.Csv.unmarked(field.toString()));
                field.setLength(0);
                fieldStart = true;
                afterClosingQuote = false;
                continue;
            }
            if (c == '\r' || c == '\n') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                fields.add(id.lumbung.core.household.ExportSheet.Csv.unmarked(field.toString()));
                return new Row(start, fields);
            }
            if (afterClosingQuote) {
                skipRestOfRecord();
                return new Broken(
                        start,
                        "unescaped_quote",
                        "Text follows a closing quote; a quote inside a quoted field is written twice (\"\")");
            }
            if (c == '"') {
                if (fieldStart) {
                    quoted = true;
                    fieldStart = false;
                    continue;
                }
                skipRestOfRecord();
                return new Broken(
                        start,
                        "unescaped_quote",
                        "A quote inside an unquoted field; quote the whole field and double the quote");
            }
            fieldStart = false;
            field.append((char) c);
            // The rest of a plain field in one append, as far as the buffer goes.
            int from = position;
            while (position < limit) {
                char next = buffer[position];
                if (next == delimiter || next == '"' || next == '\r' || next == '\n') {
                    break;
                }
                position++;
            }
            field.append(buffer, from, position - from);
            length += position - from;
            if (length > MAXIMUM_RECORD_CHARS) {
                skipRestOfRecord();
                return new Broken(
                        start, "record_too_long", "A record is longer than " + MAXIMUM_RECORD_CHARS + " characters");
            }
        }
    }

    /** After a broken record, go on after the next line end. */
    private void skipRestOfRecord() throws IOException {
        int c;
        while ((c = read()) >= 0) {
            if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                return;
            }
        }
    }

    private void consumeLineEnd() throws IOException {
        int c = read();
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++];
    }

    private boolean fill() throws IOException {
        int read = reader.read(buffer, 0, buffer.length);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
