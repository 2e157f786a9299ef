package id.lumbung.core.household;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Where an export writes its rows, one format each: both stream (nothing is held beyond the
 * current row) and close the underlying stream when closed.
 */
public interface ExportSheet extends AutoCloseable {

    /** Writes one row of cells. */
    void row(List<String> cells) throws IOException;

    @Override
    void close() throws IOException;

    /** The file format a caller asks for. */
    enum Format {
        CSV("csv", "text/csv; charset=utf-8"),
        XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        private final String extension;
        private final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        public String extension() {
            return extension;
        }

        public String mediaType() {
            return mediaType;
        }

        /** A sheet of this format over {@code out}. */
        public ExportSheet open(OutputStream out) throws IOException {
            return this == CSV ? new Csv(out) : new Xlsx(out);
        }
    }

    /**
     * UTF-8 with a BOM (Excel then reads it as UTF-8), {@code ;}-separated as the ministry's files,
     * CRLF; a cell a spreadsheet would evaluate ({@code = + - @}) gets a leading apostrophe.
     */
    final class Csv implements ExportSheet {
        private final Writer out;

        Csv(OutputStream stream) throws IOException {
            this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            out.write('\uFEFF');
        }

        @Override
        public void row(List<String> cells) throws IOException {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(';');
                }
                String value = marked(cells.get(i));
                if (value.indexOf(';') >= 0
                        || value.indexOf('"') >= 0
                        || value.indexOf('\n') >= 0
                        || value.indexOf('\r') >= 0) {
                    out.write('"');
                    out.write(value.replace("\"", "\"\""));
                    out.write('"');
                } else {
                    out.write(value);
                }
            }
            out.write("\r\n");
        }

        /** A value as a cell of the CSV export: with an apostrophe before what a spreadsheet would evaluate. */
        public static String marked(String value) {
            return needsMark(value) ? "'" + value : value;
        }

        /**
         * A cell read back from a CSV export: the apostrophe {@link #row} put before a value a
         * spreadsheet would evaluate is taken off again, so {@code -} (DTKS's "unknown") comes
         * back as {@code -}, not {@code '-}. A value of its own starting with an apostrophe
         * keeps it (the export marked it with a second one when that was needed).
         */
        public static String unmarked(String value) {
            return value.length() > 1 && value.charAt(0) == '\'' && needsMark(value.substring(1))
                    ? value.substring(1)
                    : value;
        }

        /** Whether a spreadsheet would evaluate the value, or it would read as one of our marks. */
        private static boolean needsMark(String value) {
            if (value.isEmpty()) {
                return false;
            }
            char first = value.charAt(0);
            return first == '='
                    || first == '+'
                    || first == '-'
                    || first == '@'
                    || (first == '\'' && needsMark(value.substring(1)));
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /**
     * A one-sheet Office Open XML workbook written as it goes: the sheet's XML streams into the
     * ZIP entry. Every cell is an inline string — a NIK stays 16 digits (not 1.2E+15) and no cell
     * is ever a formula; a carriage return and text that looks like an escape are escaped as
     * Excel escapes them.
     */
    final class Xlsx implements ExportSheet {
        private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
        private static final String CONTENT_TYPES = XML
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\""
                + " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\""
                + " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "</Types>";
        private static final String ROOT_RELATIONS = XML
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\""
                + " Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
                + " Target=\"xl/workbook.xml\"/></Relationships>";
        private static final String WORKBOOK = XML
                + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets><sheet name=\"DTKS\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
        private static final String WORKBOOK_RELATIONS = XML
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\""
                + " Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\""
                + " Target=\"worksheets/sheet1.xml\"/></Relationships>";

        private final ZipOutputStream zip;
        private final Writer sheet;
        private long rows;

        Xlsx(OutputStream stream) throws IOException {
            this.zip = new ZipOutputStream(stream, StandardCharsets.UTF_8);
            zip.setLevel(1); // text compresses well even at the fastest level; the CPU goes to the rows
            part("[Content_Types].xml", CONTENT_TYPES);
            part("_rels/.rels", ROOT_RELATIONS);
            part("xl/workbook.xml", WORKBOOK);
            part("xl/_rels/workbook.xml.rels", WORKBOOK_RELATIONS);
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            // The writer must not close the ZIP when it is flushed for the entry's end.
            this.sheet = new BufferedWriter(
                    new OutputStreamWriter(
                            new FilterOutputStream(zip) {
                                @Override
                                public void write(byte[] bytes, int offset, int length) throws IOException {
                                    out.write(bytes, offset, length);
                                }

                                @Override
                                public void close() {}
                            },
                            StandardCharsets.UTF_8),
                    1 << 16);
            sheet.write(XML);
            sheet.write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\""
                    + " activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><sheetData>");
        }

        private void part(String name, String content) throws IOException {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        @Override
        public void row(List<String> cells) throws IOException {
            rows++;
            sheet.write("<row r=\"");
            sheet.write(Long.toString(rows));
            sheet.write("\">");
            for (int i = 0; i < cells.size(); i++) {
                String value = cells.get(i);
                if (value.isEmpty()) {
                    continue;
                }
                sheet.write("<c r=\"");
                sheet.write(columnName(i));
                sheet.write(Long.toString(rows));
                sheet.write("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
                escape(value);
                sheet.write("</t></is></c>");
            }
            sheet.write("</row>");
        }

        /** XML text: markup escaped, characters XML 1.0 cannot carry left out. */
        private void escape(String value) throws IOException {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '&' -> sheet.write("&amp;");
                    case '<' -> sheet.write("&lt;");
                    case '>' -> sheet.write("&gt;");
                    // XML reads a carriage return as a line feed: Excel writes it as _x000D_.
                    case '\r' -> sheet.write("_x000D_");
                    case '_' -> sheet.write(escapes(value, i) ? "_x005F_" : "_");
                    default -> {
                        if (c >= 0x20 || c == '\n' || c == '\t') {
                            sheet.write(c);
                        }
                    }
                }
            }
        }

        /** Whether an underscore starts what a reader would take for an escape like {@code _x000D_}. */
        private static boolean escapes(String value, int at) {
            if (at + 7 > value.length() || value.charAt(at + 1) != 'x' || value.charAt(at + 6) != '_') {
                return false;
            }
            for (int i = at + 2; i < at + 6; i++) {
                if (Character.digit(value.charAt(i), 16) < 0) {
                    return false;
                }
            }
            return true;
        }

        /** A, B, …, Z, AA, … for a zero-based column. */
        static String columnName(int column) {
            StringBuilder name = new StringBuilder();
            for (int n = column + 1; n > 0; n = (n - 1) / 26) {
                name.insert(0, (char) ('A' + (n - 1) % 26));
            }
            return name.toString();
        }

        @Override
        public void close() throws IOException {
            sheet.write("</sheetData></worksheet>");
            sheet.flush();
            zip.closeEntry();
            zip.close();
        }
    }
}
