package id.lumbung.core.registry;

import java.util.List;

/**
 * What an import refused, as the file had it: the header and each refused row with the reasons
 * for it. Written out as a file of the import's own layout plus a column of reasons
 * ({@link #REASON_COLUMN}), which the import reads back (the extra column is only a warning).
 *
 * @param header the file's header cells, {@code null} when no row was kept
 * @param rows the refused rows by line
 */
public record RefusedRows(List<String> header, List<Row> rows) {
    /** Between the cells of a stored row (a character no text cell of a file may hold). */
    static final String SEPARATOR = "\u001f";

    public static final String REASON_COLUMN = "alasan_ditolak";

    /**
     * A refused row.
     *
     * @param line its line in the file
     * @param fields its cells as the file had them (none when the line could not be split)
     * @param reasons why it was refused, one per issue
     */
    public record Row(long line, List<String> fields, List<String> reasons) {}

    /**
     * Writes the file: the header and a reason column, then each refused row as it was (as wide as
     * the header) with its reasons; closes the sheet.
     */
    public void write(id.lumbung.core.household.ExportSheet sheet) throws java.io.IOException {
        List<String> head = header == null ? List.of() : header;
        List<String> first = new java.util.ArrayList<>(head);
        first.add(REASON_COLUMN);
        sheet.row(first);
        for (Row row : rows) {
            List<String> cells = new java.util.ArrayList<>(row.fields());
            while (cells.size() < head.size()) {
                cells.add("");
            }
            cells.add("baris " + row.line() + ": " + String.join(" | ", row.reasons()));
            sheet.row(cells);
        }
        sheet.close();
    }

    static List<String> cells(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(SEPARATOR, -1));
    }
}
