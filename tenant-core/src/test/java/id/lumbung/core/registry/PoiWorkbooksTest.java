package id.lumbung.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.household.RegistryField;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workbooks written by another writer than ours — Apache POI, as Excel and LibreOffice write
 * them: absent cells, shared and inline strings, rich text, dates and NIKs typed as numbers, a
 * carriage return, a formula, and several sheets in an order of their own.
 */
class PoiWorkbooksTest {
    @TempDir
    Path folder;

    private Path save(Workbook workbook) throws IOException {
        Path file = Files.createTempFile(folder, "poi", ".xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
        workbook.close();
        return file;
    }

    private static List<CsvRecords.Result> read(Path file) throws IOException {
        return TabularReadersTest.xlsx(file);
    }

    private static void fill(Workbook workbook, Sheet sheet) {
        Row header = sheet.createRow(0);
        String[] names = {"nama", "dusun", "tanggal_lahir", "nomor_nik", "rt", "luas_lantai"};
        for (int i = 0; i < names.length; i++) {
            header.createCell(i).setCellValue(names[i]);
        }
        CellStyle date = workbook.createCellStyle();
        date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
        // Row 2: a gap in the middle (no dusun cell) and nothing after the NIK.
        Row second = sheet.createRow(1);
        second.createCell(0).setCellValue("Wa Ode Siti");
        Cell born = second.createCell(2);
        born.setCellValue(LocalDate.of(1980, 3, 12));
        born.setCellStyle(date);
        second.createCell(3).setCellValue("7471015203800001");
        // Row 3: a NIK typed as a number, RT and area as numbers, a carriage return in a value.
        Row third = sheet.createRow(2);
        third.createCell(0).setCellValue("La Ode\r\nArif");
        third.createCell(3).setCellValue(7471010101100002d);
        third.createCell(4).setCellValue(3);
        third.createCell(5).setCellValue(12.5);
        // Row 5 (row 4 left out): only the name.
        sheet.createRow(4).createCell(0).setCellValue("Sitti");
    }

    @Test
    void aWorkbookOfPoisSharedStringsReadsAsItsRowsWithEveryAbsentCellEmpty() throws IOException {
        XSSFWorkbook workbook = new XSSFWorkbook();
        fill(workbook, workbook.createSheet("DTKS"));

        assertThat(read(save(workbook)))
                .containsExactly(
                        new CsvRecords.Row(
                                1, List.of("nama", "dusun", "tanggal_lahir", "nomor_nik", "rt", "luas_lantai")),
                        new CsvRecords.Row(2, List.of("Wa Ode Siti", "", "29292", "7471015203800001", "", "")),
                        new CsvRecords.Row(3, List.of("La Ode\r\nArif", "", "", "7.47101E+15", "3", "12.5")),
                        new CsvRecords.Row(5, List.of("Sitti", "", "", "", "", "")));
    }

    @Test
    void aStreamedWorkbookOfInlineStringsReadsTheSame() throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        fill(workbook, workbook.createSheet("DTKS"));
        Path file = save(workbook);

        assertThat(read(file))
                .hasSize(4)
                .element(2)
                .isEqualTo(new CsvRecords.Row(3, List.of("La Ode\r\nArif", "", "", "7.47101E+15", "3", "12.5")));
    }

    @Test
    void aNikTypedAsANumberIsRefusedWithWhatToDoAndADateAsANumberIsADate() throws IOException {
        XSSFWorkbook workbook = new XSSFWorkbook();
        fill(workbook, workbook.createSheet("DTKS"));
        List<CsvRecords.Result> rows = read(save(workbook));
        List<String> codes = new ArrayList<>();
        RegistryField.Problems problems = new RegistryField.Problems() {
            @Override
            public void error(RegistryField field, String code, String message) {
                codes.add(code + ": " + message);
            }

            @Override
            public void warning(RegistryField field, String code, String message) {
                codes.add(code);
            }
        };

        Object nik = RegistryField.NOMOR_NIK.read(
                ((CsvRecords.Row) rows.get(2)).fields().get(3), problems);
        Object born = RegistryField.TANGGAL_LAHIR.read(
                ((CsvRecords.Row) rows.get(1)).fields().get(2), problems);

        assertThat(nik).isNull();
        assertThat(codes)
                .singleElement()
                .asString()
                .startsWith("stored_as_number")
                .contains("Text");
        assertThat(born).isEqualTo(LocalDate.of(1980, 3, 12));
    }

    @Test
    void richTextAndAFormulaWithItsCachedValue() throws IOException {
        XSSFWorkbook workbook = new XSSFWorkbook();
        Sheet sheet = workbook.createSheet("DTKS");
        sheet.createRow(0).createCell(0).setCellValue("nama");
        XSSFRichTextString rich = new XSSFRichTextString("Hj. Asma");
        rich.applyFont(0, 3, workbook.createFont());
        sheet.createRow(1).createCell(0).setCellValue(rich);
        Cell formula = sheet.createRow(2).createCell(0);
        formula.setCellFormula("1+1");
        workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();

        assertThat(read(save(workbook)))
                .extracting(row -> ((CsvRecords.Row) row).fields().get(0))
                .containsExactly("nama", "Hj. Asma", "=1+1");
    }

    @Test
    void theFirstVisibleSheetInTheWorkbooksOrderIsRead() throws IOException {
        XSSFWorkbook workbook = new XSSFWorkbook();
        workbook.createSheet("Petunjuk").createRow(0).createCell(0).setCellValue("Isi lembar DTKS");
        workbook.createSheet("Kode").createRow(0).createCell(0).setCellValue("kode_wilayah");
        fill(workbook, workbook.createSheet("DTKS"));
        // DTKS moved to the front (its part stays sheet3.xml), the code list hidden before it.
        workbook.setSheetOrder("DTKS", 0);
        workbook.setSheetOrder("Kode", 0);
        workbook.setSheetHidden(0, true);
        workbook.setActiveSheet(1);
        workbook.setSelectedTab(1);

        List<CsvRecords.Result> rows = read(save(workbook));

        assertThat(rows).hasSize(4);
        assertThat(((CsvRecords.Row) rows.get(1)).fields().get(0)).isEqualTo("Wa Ode Siti");
    }
}
