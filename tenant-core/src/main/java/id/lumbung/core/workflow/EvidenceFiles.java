package id.lumbung.core.workflow;

import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.protection.PrivateFiles;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The files of the cycle — a meeting's minutes (berita acara), the evidence of a removal, a
 * house photo — kept outside the database under their SHA-256 ({@code
 * lumbung.files.directory}, default {@code LUMBUNG_DATA_DIR/files}, owner-only, one folder per
 * tenant). The type is read from the content, never from the name or the declared type: a PDF,
 * a JPEG or a PNG, complete, of at most {@link #MAXIMUM_BYTES}.
 */
@Singleton
public final class EvidenceFiles {
    public static final int MAXIMUM_BYTES = 5 * 1024 * 1024;

    private final Path folder;
    private final TenantTransactions transactions;
    private final StoredFileRows rows;

    EvidenceFiles(
            @Nullable @Value("${lumbung.files.directory:}") String directory,
            TenantTransactions transactions,
            StoredFileRows rows) {
        this.folder =
                PrivateFiles.folder(directory == null || directory.isBlank() ? defaultFolder() : Path.of(directory));
        this.transactions = transactions;
        this.rows = rows;
    }

    static Path defaultFolder() {
        String data = System.getenv("LUMBUNG_DATA_DIR");
        return Path.of(data == null || data.isBlank() ? "lumbung-data" : data, "files");
    }

    /** A kept file: its hash (its name), what it is, and its size. */
    public record Stored(String sha256, String contentType, long size) {}

    /** The file's content and type, for a download the caller was allowed. */
    public record Content(String contentType, byte[] bytes) {}

    /**
     * Reads the content (refusing it past the cap before reading further), checks its type by its
     * bytes, writes it once under its hash and records it for the tenant.
     */
    public Stored keep(String tenantId, String username, InputStream content) {
        byte[] bytes;
        try {
            bytes = content.readNBytes(MAXIMUM_BYTES + 1);
        } catch (IOException e) {
            throw new LumbungException(ErrorCode.UPLOAD_FAILED, "The file could not be read");
        }
        if (bytes.length > MAXIMUM_BYTES) {
            throw new LumbungException(
                    ErrorCode.FILE_TOO_LARGE, "A photo or PDF has at most " + MAXIMUM_BYTES / 1024 / 1024 + " MB");
        }
        String type = typeOf(bytes);
        String sha256 = sha256(bytes);
        Path tenantFolder = PrivateFiles.folder(folder.resolve(tenantId));
        Path target = tenantFolder.resolve(sha256);
        try {
            if (!Files.exists(target)) {
                Path part = PrivateFiles.newFile(tenantFolder, "part-", ".tmp");
                try {
                    Files.write(part, bytes);
                    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    PrivateFiles.delete(part);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The file could not be kept", e);
        }
        transactions.inTenant(tenantId, connection -> rows.keep(tenantId, sha256, type, bytes.length, username));
        return new Stored(sha256, type, bytes.length);
    }

    /** The bytes of a file sent as base64 in JSON (a {@code data:} URL allowed); anything else is refused. */
    public static byte[] fromBase64(String base64, String field) {
        String data = base64.strip();
        int comma = data.indexOf(',');
        if (data.startsWith("data:") && comma > 0) {
            data = data.substring(comma + 1);
        }
        try {
            return java.util.Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new LumbungException(ErrorCode.FILE_TYPE_REFUSED, field + " is not base64");
        }
    }

    /** A kept file of the tenant, checked again against its hash as it is read. */
    Content read(String tenantId, String sha256) {
        StoredFileRow row = transactions
                .inTenant(tenantId, connection -> rows.findById(sha256))
                .orElseThrow(() -> new LumbungException(ErrorCode.PROPOSAL_NOT_FOUND, "No such file"));
        try {
            byte[] bytes = Files.readAllBytes(folder.resolve(tenantId).resolve(row.sha256()));
            if (!sha256(bytes).equals(row.sha256())) {
                throw new IllegalStateException("The stored file " + row.sha256() + " no longer matches its hash");
            }
            return new Content(row.contentType(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("The stored file " + row.sha256() + " cannot be read", e);
        }
    }

    /** The type the bytes are, or a refusal: the name and the declared type are never trusted. */
    static String typeOf(byte[] bytes) {
        if (startsWith(bytes, "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                && tailHolds(bytes, "%%EOF".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return "application/pdf";
        }
        if (startsWith(bytes, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})
                && tailHolds(bytes, new byte[] {(byte) 0xFF, (byte) 0xD9})) {
            return "image/jpeg";
        }
        if (startsWith(bytes, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})
                && tailHolds(bytes, "IEND".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return "image/png";
        }
        throw new LumbungException(
                ErrorCode.FILE_TYPE_REFUSED, "Only a complete PDF, JPEG or PNG is kept (read from its content)");
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Whether the marker is in the last kilobyte (a file cut short lacks its end). */
    private static boolean tailHolds(byte[] bytes, byte[] marker) {
        int from = Math.max(0, bytes.length - 1024);
        for (int i = bytes.length - marker.length; i >= from; i--) {
            if (Arrays.equals(bytes, i, i + marker.length, marker, 0, marker.length)) {
                return true;
            }
        }
        return false;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
