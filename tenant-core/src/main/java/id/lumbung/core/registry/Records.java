package id.lumbung.core.registry;

import java.io.IOException;

/** The records of an import file, one at a time: CSV ({@link CsvRecords}) or Excel ({@link XlsxRecords}). */
interface Records extends AutoCloseable {
    /** The next record, or {@code null} at the end. */
    CsvRecords.Result next() throws IOException;

    @Override
    void close() throws IOException;
}
