package id.lumbung.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.lumbung.core.error.LumbungException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV and .xlsx readers directly: records, lines and refusals, without an import around them. */
class TabularReadersTest {
    @TempDir
    Path folder;

    private static List<CsvRecords.Result> csv(String text, char delimiter) throws IOException {
        List<CsvRecords.Result> results = new ArrayList<>();
        try (CsvRecords records = new CsvRecords(new StringReader(text), delimiter)) {
            CsvRecords.Result result;
            while ((result = records.next()) != null) {
                results.add(result);
            }
        }
        return results;
    }

    @Test
    void csvKeepsQuotedDelimitersQuotesAndLineBreaksAndCountsLinesAsAnEditorDoes() throws IOException {
        List<CsvRecords.Result> results =
                csv("a;b;c\r\n\"Jl. Mawar; No. 1\";\"say \"\"hi\"\"\";\"two\nlines\"\r\n\r\nx;;z\n", ';');

        assertThat(results)
                .containsExactly(
                        new CsvRecords.Row(1, List.of("a", "b", "c")),
                        new CsvRecords.Row(2, List.of("Jl. Mawar; No. 1", "say \"hi\"", "two\nlines")),
                        // The empty line 4 is skipped; the record after it is on line 5.
                        new CsvRecords.Row(5, List.of("x", "", "z")));
    }

    @Test
    void aBrokenQuoteIsReportedAtTheLineItStartsOnAndTheReaderGoesOn() throws IOException {
        List<CsvRecords.Result> results = csv("a,b\n1,\"unterminated\n2,ok\n", ',');

        assertThat(results.get(0)).isEqualTo(new CsvRecords.Row(1, List.of("a", "b")));
        assertThat(results).anySatisfy(result -> {
            assertThat(result).isInstanceOf(CsvRecords.Broken.class);
            assertThat(result.line()).isEqualTo(2);
        });
    }

    @Test
    void aRecordLongerThanTheLimitIsRefusedNotRead() throws IOException {
        String huge = "x".repeat(CsvRecords.MAXIMUM_RECORD_CHARS + 10);
        List<CsvRecords.Result> results = csv("a\n" + huge + "\nb\n", ',');

        assertThat(results).anySatisfy(result -> assertThat(result)
                .isInstanceOfSatisfying(CsvRecords.Broken.class, broken -> assertThat(broken.code())
                        .isEqualTo("record_too_long")));
        assertThat(results.get(results.size() - 1)).isEqualTo(new CsvRecords.Row(3, List.of("b")));
    }

    /** Every record of a workbook, as the import reads them. */
    static List<CsvRecords.Result> xlsx(Path file) throws IOException {
        List<CsvRecords.Result> rows = new ArrayList<>();
        try (XlsxRecords records = new XlsxRecords(file)) {
            CsvRecords.Result row;
            while ((row = records.next()) != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** A workbook as Excel writes one: shared strings, cell references that skip empty cells, booleans. */
    private Path workbook(String sheet, String sharedStrings) throws IOException {
        Path file = folder.resolve("registry.xlsx");
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet"
                            + " xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + sheet
                            + "</sheetData></worksheet>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            if (sharedStrings != null) {
                zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
                zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst"
                                + " xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                                + sharedStrings
                                + "</sst>")
                        .getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void xlsxReadsSharedAndInlineStringsNumbersAndBooleansIntoTheirColumns() throws IOException {
        Path file = workbook(
                "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                        + "<c r=\"D1\" t=\"s\"><v>2</v></c></row>"
                        + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Siti</t></is></c>"
                        + "<c r=\"B3\"><v>31025</v></c><c r=\"D3\" t=\"b\"><v>1</v></c></row>"
                        // A formula reads as the formula, never as the value Excel cached for it.
                        + "<row r=\"4\"><c r=\"A4\" t=\"str\"><f>CONCAT(\"Wa \",\"Ode\")</f><v>Wa Ode</v></c>"
                        + "<c r=\"B4\"><f>1+1</f><v>2</v></c></row>",
                "<si><t>nama</t></si><si><r><t>tanggal</t></r><r><t>_lahir</t></r></si><si><t>pakaian</t></si>");
        assertThat(xlsx(file))
                .containsExactly(
                        new CsvRecords.Row(1, List.of("nama", "tanggal_lahir", "", "pakaian")),
                        // Row numbers are the sheet's: an empty row 2 leaves line 3 as line 3.
                        new CsvRecords.Row(3, List.of("Siti", "31025", "", "Ya")),
                        new CsvRecords.Row(4, List.of("=CONCAT(\"Wa \",\"Ode\")", "=1+1", "", "")));
    }

    @Test
    void absentCellsAreEmptyCellsUpToTheHeadersWidthAsExcelLeavesThemOut() throws IOException {
        // Excel and LibreOffice write no cell for an empty one, at the end of a row too; a styled
        // empty cell past the header's last column is no field either.
        Path file = workbook(
                "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>nama</t></is></c>"
                        + "<c r=\"B1\" t=\"inlineStr\"><is><t>dusun</t></is></c>"
                        + "<c r=\"C1\" t=\"inlineStr\"><is><t>desil</t></is></c></row>"
                        + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Siti</t></is></c></row>"
                        + "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>Dusun I</t></is></c>"
                        + "<c r=\"E3\" s=\"1\"/></row>"
                        + "<row r=\"4\"><c r=\"A4\" s=\"1\"/><c r=\"B4\" s=\"1\"/></row>"
                        + "<row r=\"5\"/>",
                null);
        assertThat(xlsx(file))
                .containsExactly(
                        new CsvRecords.Row(1, List.of("nama", "dusun", "desil")),
                        new CsvRecords.Row(2, List.of("Siti", "", "")),
                        new CsvRecords.Row(3, List.of("", "Dusun I", "")));
    }

    @Test
    void aZipWithoutAWorksheetIsNoWorkbook() throws IOException {
        Path file = folder.resolve("not.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write("<document/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        assertThatThrownBy(() -> XlsxRecords.inspect(file))
                .isInstanceOfSatisfying(
                        LumbungException.class, e -> assertThat(e.code()).isEqualTo("not_a_workbook"));
    }

    @Test
    void numberCellsReadAsExcelShowsThemAndALongOneAsItsRoundedFigure() {
        assertThat(XlsxRecords.number("1.0")).isEqualTo("1");
        assertThat(XlsxRecords.number("12.50")).isEqualTo("12.5");
        assertThat(XlsxRecords.number("1500000")).isEqualTo("1500000");
        assertThat(XlsxRecords.number("1.5E6")).isEqualTo("1500000");
        assertThat(XlsxRecords.number("999999999999999")).isEqualTo("999999999999999");
        // Past 15 digits Excel has lost digits: the value is what Excel shows, never a NIK.
        assertThat(XlsxRecords.number("7471012345678900")).isEqualTo("7.47101E+15");
        assertThat(XlsxRecords.number("7.4710123456789E+15")).isEqualTo("7.47101E+15");
        assertThat(XlsxRecords.number("abc")).isEqualTo("abc");
    }

    @Test
    void officeEscapesInTextAreDecodedAndAnythingElseIsLeftAlone() {
        assertThat(XlsxRecords.unescaped("a_x000D_b")).isEqualTo("a\rb");
        assertThat(XlsxRecords.unescaped("_x005F_x000D_")).isEqualTo("_x000D_");
        assertThat(XlsxRecords.unescaped("nama_x_y _x00G_ _x000")).isEqualTo("nama_x_y _x00G_ _x000");
    }
}
