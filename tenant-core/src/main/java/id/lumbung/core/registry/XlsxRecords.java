package id.lumbung.core.registry;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The first worksheet of an Excel workbook (.xlsx), row by row, read with the JDK's streaming
 * XML parser: the sheet is never held in memory (the shared strings are, capped). DTDs and
 * external entities are off. A row's line is its row number in the sheet.
 */
final class XlsxRecords implements Records {
    /** Shared strings beyond this many characters in all are refused (a workbook bomb). */
    static final long MAXIMUM_SHARED_CHARS = 256L * 1024 * 1024;

    private static final XMLInputFactory XML = safeFactory();

    private final ZipFile zip;
    private final InputStream sheetStream;
    private final XMLStreamReader sheet;
    private final List<String> shared;
    /** The header's width, once its row is read: absent cells up to it are empty cells. */
    private int width = -1;

    XlsxRecords(Path file) throws IOException {
        this.zip = new ZipFile(file.toFile());
        try {
            this.shared = sharedStrings(zip);
            ZipEntry entry = firstSheet(zip);
            this.sheetStream = zip.getInputStream(entry);
            this.sheet = XML.createXMLStreamReader(sheetStream, "UTF-8");
        } catch (XMLStreamException | RuntimeException e) {
            zip.close();
            throw e instanceof LumbungException problem
                    ? problem
                    : new LumbungException(ErrorCode.NOT_A_WORKBOOK, "The file is not a readable Excel workbook");
        }
    }

    /** Checks that the file is a workbook with a worksheet; refuses it with 400 otherwise. */
    static void inspect(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            firstSheet(zip);
        } catch (IOException e) {
            throw new LumbungException(ErrorCode.NOT_A_WORKBOOK, "The file is a damaged ZIP, not an Excel workbook");
        }
    }

    @Override
    public CsvRecords.Result next() throws IOException {
        try {
            while (sheet.hasNext()) {
                if (sheet.next() == XMLStreamConstants.START_ELEMENT
                        && sheet.getLocalName().equals("row")) {
                    CsvRecords.Result row = row();
                    if (!(row instanceof CsvRecords.Row read)) {
                        return row;
                    }
                    // A row with no text (cells only formatted) is an empty line, as in a CSV file.
                    if (!read.fields().stream().allMatch(String::isEmpty)) {
                        return widened(read);
                    }
                }
            }
            return null;
        } catch (XMLStreamException e) {
            throw new IOException("The worksheet's XML is broken", e);
        }
    }

    /**
     * The row as wide as the header: Excel leaves an empty cell out, at the end of a row too, and
     * it is an empty field. Past the header, an empty (say, styled) cell is no field; a filled one
     * stays, and the row is refused for its width.
     */
    private CsvRecords.Row widened(CsvRecords.Row row) {
        List<String> fields = row.fields();
        if (width < 0) {
            width = fields.size();
            return row;
        }
        while (fields.size() < width) {
            fields.add("");
        }
        while (fields.size() > width && fields.get(fields.size() - 1).isEmpty()) {
            fields.remove(fields.size() - 1);
        }
        return row;
    }

    private CsvRecords.Result row() throws XMLStreamException {
        String number = sheet.getAttributeValue(null, "r");
        long line = number == null ? -1 : Long.parseLong(number);
        List<String> fields = new ArrayList<>(40);
        int length = 0;
        while (sheet.hasNext()) {
            int event = sheet.next();
            if (event == XMLStreamConstants.END_ELEMENT && sheet.getLocalName().equals("row")) {
                break;
            }
            if (event == XMLStreamConstants.START_ELEMENT
                    && sheet.getLocalName().equals("c")) {
                int column = column(sheet.getAttributeValue(null, "r"), fields.size());
                String type = sheet.getAttributeValue(null, "t");
                String value = cell(type);
                length += value.length();
                if (length > CsvRecords.MAXIMUM_RECORD_CHARS || column > 16_384) {
                    return new CsvRecords.Broken(line, "record_too_long", "A row holds too much text");
                }
                while (fields.size() < column) {
                    fields.add("");
                }
                fields.add(value);
            }
        }
        return new CsvRecords.Row(line, fields);
    }

    /** The text of the current cell, up to its end tag. */
    private String cell(String type) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        String formula = null;
        int phonetic = 0;
        while (sheet.hasNext()) {
            int event = sheet.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                if (sheet.getLocalName().equals("c")) {
                    break;
                }
                if (sheet.getLocalName().equals("rPh")) {
                    phonetic--;
                }
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                String name = sheet.getLocalName();
                if (name.equals("f")) {
                    formula = sheet.getElementText();
                } else if (name.equals("rPh")) {
                    phonetic++; // a reading aid for East Asian text, not the cell's text
                } else if (phonetic == 0 && (name.equals("v") || name.equals("t"))) {
                    text.append(sheet.getElementText());
                }
            }
        }
        if (formula != null) {
            // A formula is not a value, whatever Excel last computed for it: it reads as the
            // formula, so the field's rule refuses it as it refuses a typed "=1+1".
            return "=" + formula;
        }
        String value = text.toString();
        if (type == null || type.equals("n")) {
            return number(value);
        }
        if ("s".equals(type)) {
            try {
                int index = Integer.parseInt(value.strip());
                return index >= 0 && index < shared.size() ? shared.get(index) : "";
            } catch (NumberFormatException e) {
                return "";
            }
        }
        if ("b".equals(type)) {
            return "1".equals(value) ? "Ya" : "Tidak";
        }
        return unescaped(value);
    }

    /**
     * A number cell as Excel shows it: {@code 1}, not {@code 1.0}. A whole number of more than 15
     * digits (a NIK or KK typed into a number cell) has lost its last digits to Excel's precision:
     * it reads as Excel shows it ({@code 7.47101E+15}), so the field's rule refuses it instead of
     * taking a wrong number for a NIK.
     */
    static String number(String value) {
        String plain = value.strip();
        if (plain.isEmpty()) {
            return plain;
        }
        java.math.BigDecimal number;
        try {
            number = new java.math.BigDecimal(plain);
        } catch (NumberFormatException e) {
            return plain;
        }
        if (number.abs().compareTo(java.math.BigDecimal.TEN.pow(15)) >= 0) {
            return String.format(java.util.Locale.ROOT, "%.5E", number).replace("E+0", "E+");
        }
        java.math.BigDecimal stripped = number.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** Office Open XML's escapes in text: {@code _x000D_} is a carriage return, {@code _x005F_} an underscore. */
    static String unescaped(String text) {
        int at = text.indexOf("_x");
        if (at < 0) {
            return text;
        }
        StringBuilder plain = new StringBuilder(text.length());
        int from = 0;
        while (at >= 0) {
            if (at + 7 <= text.length() && text.charAt(at + 6) == '_' && hex(text, at + 2, at + 6)) {
                plain.append(text, from, at).append((char) Integer.parseInt(text.substring(at + 2, at + 6), 16));
                from = at + 7;
                at = text.indexOf("_x", from);
            } else {
                at = text.indexOf("_x", at + 1);
            }
        }
        return plain.append(text, from, text.length()).toString();
    }

    private static boolean hex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Zero-based column of a cell reference such as {@code AB12}; without one, the next column. */
    private static int column(String reference, int next) {
        if (reference == null) {
            return next;
        }
        int column = 0;
        for (int i = 0; i < reference.length() && Character.isLetter(reference.charAt(i)); i++) {
            column = column * 26 + (Character.toUpperCase(reference.charAt(i)) - 'A' + 1);
        }
        return column == 0 ? next : column - 1;
    }

    private static List<String> sharedStrings(ZipFile zip) throws IOException, XMLStreamException {
        ZipEntry entry = zip.getEntry("xl/sharedStrings.xml");
        List<String> strings = new ArrayList<>();
        if (entry == null) {
            return strings;
        }
        long total = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            XMLStreamReader reader = XML.createXMLStreamReader(in, "UTF-8");
            StringBuilder current = null;
            int phonetic = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (reader.getLocalName().equals("si")) {
                        current = new StringBuilder();
                    } else if (reader.getLocalName().equals("rPh")) {
                        phonetic++;
                    } else if (reader.getLocalName().equals("t") && current != null && phonetic == 0) {
                        current.append(reader.getElementText());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT
                        && reader.getLocalName().equals("rPh")) {
                    phonetic--;
                } else if (event == XMLStreamConstants.END_ELEMENT
                        && reader.getLocalName().equals("si")) {
                    total += current.length();
                    if (total > MAXIMUM_SHARED_CHARS) {
                        throw new LumbungException(ErrorCode.WORKBOOK_TOO_LARGE, "The workbook holds too much text");
                    }
                    strings.add(unescaped(current.toString()));
                    current = null;
                }
            }
        }
        return strings;
    }

    /**
     * The first visible worksheet in the workbook's own order (a workbook whose sheets were moved
     * or renamed need not keep it in {@code sheet1.xml}); without a readable workbook part, the
     * first worksheet part.
     */
    private static ZipEntry firstSheet(ZipFile zip) {
        String target = firstSheetTarget(zip);
        ZipEntry first = target == null ? null : zip.getEntry(target);
        if (first == null) {
            first = zip.getEntry("xl/worksheets/sheet1.xml");
        }
        if (first != null) {
            return first;
        }
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (entry.getName().startsWith("xl/worksheets/") && entry.getName().endsWith(".xml")) {
                return entry;
            }
        }
        throw new LumbungException(
                ErrorCode.NOT_A_WORKBOOK, "The file is a ZIP without a worksheet, not an Excel workbook");
    }

    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /** The part name of the workbook's first visible sheet, or {@code null} if it cannot be told. */
    private static String firstSheetTarget(ZipFile zip) {
        ZipEntry workbook = zip.getEntry("xl/workbook.xml");
        ZipEntry relations = zip.getEntry("xl/_rels/workbook.xml.rels");
        if (workbook == null || relations == null) {
            return null;
        }
        try {
            String id = null;
            try (InputStream in = zip.getInputStream(workbook)) {
                XMLStreamReader reader = XML.createXMLStreamReader(in, "UTF-8");
                while (id == null && reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT
                            && reader.getLocalName().equals("sheet")
                            && reader.getAttributeValue(null, "state") == null) {
                        id = reader.getAttributeValue(RELATIONSHIPS, "id");
                    }
                }
            }
            if (id == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(relations)) {
                XMLStreamReader reader = XML.createXMLStreamReader(in, "UTF-8");
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT
                            && reader.getLocalName().equals("Relationship")
                            && id.equals(reader.getAttributeValue(null, "Id"))) {
                        String target = reader.getAttributeValue(null, "Target");
                        return target == null ? null : target.startsWith("/") ? target.substring(1) : "xl/" + target;
                    }
                }
            }
            return null;
        } catch (IOException | XMLStreamException e) {
            return null;
        }
    }

    private static XMLInputFactory safeFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    @Override
    public void close() throws IOException {
        try {
            sheet.close();
        } catch (XMLStreamException e) {
            // closing only
        }
        sheetStream.close();
        zip.close();
    }
}
