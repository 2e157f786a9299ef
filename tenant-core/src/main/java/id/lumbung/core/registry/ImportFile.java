package id.lumbung.core.registry;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an uploaded file is: an Excel workbook (a ZIP with a worksheet), or CSV with its encoding
 * (UTF-8, with or without BOM, else Windows-1252) and its delimiter (the one of comma,
 * semicolon, pipe or tab the header uses most). Anything that makes the whole file unreadable is refused here, with 400, before a
 * job is queued.
 */
final class ImportFile {
    private static final int SNIFF_BYTES = 1 << 20;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private ImportFile() {}

    /**
     * @param charset the file's encoding
     * @param bom whether it starts with a UTF-8 byte order mark
     * @param delimiter the field delimiter
     */
    record Shape(Charset charset, boolean bom, char delimiter, boolean xlsx) {
        static Shape workbook() {
            return new Shape(StandardCharsets.UTF_8, false, ',', true);
        }
    }

    /** The file's records: the first worksheet of a workbook, else CSV (counting bytes read into {@code bytesRead}). */
    static Records records(Path file, Shape shape, AtomicLong bytesRead) throws IOException {
        return shape.xlsx() ? new XlsxRecords(file) : new CsvRecords(open(file, shape, bytesRead), shape.delimiter());
    }

    static Shape inspect(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            throw new LumbungException(ErrorCode.UNREADABLE_FILE, "The uploaded file could not be read");
        }
        if (head.length == 0) {
            throw new LumbungException(ErrorCode.EMPTY_FILE, "The file is empty");
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            XlsxRecords.inspect(file);
            return Shape.workbook();
        }
        boolean bom =
                head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF;
        if ((head.length >= 2 && ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE))
                || (head.length >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF)) {
            throw new LumbungException(
                    ErrorCode.UNSUPPORTED_ENCODING, "UTF-16 files are not accepted; save as CSV UTF-8");
        }
        for (int i = 0; i < Math.min(head.length, 8192); i++) {
            if (head[i] == 0) {
                throw new LumbungException(ErrorCode.BINARY_FILE, "The file holds binary data, not text");
            }
        }
        Charset charset = validUtf8(head) ? StandardCharsets.UTF_8 : WINDOWS_1252;
        String firstLine = firstLine(new String(head, bom ? 3 : 0, head.length - (bom ? 3 : 0), charset));
        if (firstLine.isBlank()) {
            throw new LumbungException(ErrorCode.EMPTY_FILE, "The file has no header row");
        }
        return new Shape(charset, bom, delimiterOf(firstLine), false);
    }

    /**
     * A reader of the file's text after any BOM, counting the bytes read into {@code bytesRead} (for
     * progress); with UTF-8 a malformed byte later fails the read.
     */
    static Reader open(Path file, Shape shape, AtomicLong bytesRead) throws IOException {
        InputStream in = new FilterInputStream(Files.newInputStream(file)) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytesRead.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bytesRead.addAndGet(n);
                }
                return n;
            }
        };
        if (shape.bom()) {
            in.skipNBytes(3);
        }
        CharsetDecoder decoder = shape.charset()
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
    }

    private static boolean validUtf8(byte[] head) {
        // The sniffed block may end inside a character: drop up to 3 trailing bytes of it.
        int end = head.length;
        if (end == SNIFF_BYTES) {
            int back = 0;
            while (back < 3 && end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0x80) {
                back++;
            }
            if (end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0xC0) {
                back++;
            }
            end -= back;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Arrays.copyOf(head, end)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String firstLine(String text) {
        int end = 0;
        boolean quoted = false;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            }
            end++;
        }
        return text.substring(0, end);
    }

    private static char delimiterOf(String header) {
        char best = ',';
        int bestCount = -1;
        for (char candidate : new char[] {',', ';', '|', '\t'}) {
            int count = 0;
            boolean quoted = false;
            for (int i = 0; i < header.length(); i++) {
                char c = header.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == candidate) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }
}
