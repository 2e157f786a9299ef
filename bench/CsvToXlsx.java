import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Turns a ';'-separated CSV without quoted fields (as bench/GenerateRegistry.java writes it) into a
 * minimal Excel workbook: one worksheet, every cell an inline string, streamed (constant memory).
 * Usage: java bench/CsvToXlsx.java in.csv out.xlsx
 */
public class CsvToXlsx {
    public static void main(String[] args) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8);
                ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(Path.of(args[1])))) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                            + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            BufferedWriter out = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16);
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            String line;
            long row = 0;
            while ((line = in.readLine()) != null) {
                row++;
                out.write("<row r=\"" + row + "\">");
                String[] cells = line.split(";", -1);
                for (int c = 0; c < cells.length; c++) {
                    out.write("<c r=\"" + column(c) + row + "\" t=\"inlineStr\"><is><t>");
                    out.write(cells[c].replace("&", "&amp;").replace("<", "&lt;").replace("\"", ""));
                    out.write("</t></is></c>");
                }
                out.write("</row>");
            }
            out.write("</sheetData></worksheet>");
            out.flush();
            zip.closeEntry();
            System.err.println(args[1] + ": " + (row - 1) + " rows");
        }
    }

    private static String column(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index)) : "A" + (char) ('A' + index - 26);
    }
}
