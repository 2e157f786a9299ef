package id.lumbung.gateway;

import id.lumbung.core.protection.IdentifierProtection;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * Demo mode only: NIK protection keys generated once and kept beside the demo's data (owner-only
 * file), so a restarted demo still reads what it encrypted. Production keys come from the
 * environment or a secret store, never from here.
 */
final class DemoKeys {
    private DemoKeys() {}

    static Map<String, Object> loadOrCreate(Path file) throws IOException {
        Properties keys = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                keys.load(in);
            }
        } else {
            keys.setProperty("lumbung.protection.keys", "demo1:" + IdentifierProtection.newKey());
            keys.setProperty("lumbung.protection.active-key-id", "demo1");
            keys.setProperty("lumbung.protection.blind-index-key", IdentifierProtection.newKey());
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(file)) {
                keys.store(out, "Lumbung demo keys: for the demo's data only");
            }
        }
        return Map.of(
                "lumbung.protection.keys", keys.getProperty("lumbung.protection.keys"),
                "lumbung.protection.active-key-id", keys.getProperty("lumbung.protection.active-key-id"),
                "lumbung.protection.blind-index-key", keys.getProperty("lumbung.protection.blind-index-key"));
    }
}
