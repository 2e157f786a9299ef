package id.lumbung.gateway;

import id.lumbung.core.protection.IdentifierProtection;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Demo mode only: NIK protection and audit keys generated once and kept beside the demo's data
 * (owner-only file), so a restarted demo still reads what it encrypted and verifies what it
 * sealed. Production keys come from the environment or a secret store, never from here.
 */
final class DemoKeys {
    private DemoKeys() {}

    private static final List<String> PROTECTION = List.of(
            "lumbung.protection.keys", "lumbung.protection.active-key-id", "lumbung.protection.blind-index-key");
    private static final List<String> AUDIT = List.of("lumbung.audit.keys", "lumbung.audit.active-key-id");

    /**
     * The keys of the demo, created where missing (a data folder from before audit keys gets
     * them added): only those the environment does not set.
     */
    static Map<String, Object> loadOrCreate(Path file, boolean protection, boolean audit) throws IOException {
        Properties keys = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                keys.load(in);
            }
        }
        boolean changed = false;
        if (keys.getProperty("lumbung.protection.keys") == null) {
            keys.setProperty("lumbung.protection.keys", "demo1:" + IdentifierProtection.newKey());
            keys.setProperty("lumbung.protection.active-key-id", "demo1");
            keys.setProperty("lumbung.protection.blind-index-key", IdentifierProtection.newKey());
            changed = true;
        }
        if (keys.getProperty("lumbung.audit.keys") == null) {
            keys.setProperty("lumbung.audit.keys", "demoaudit1:" + IdentifierProtection.newKey());
            keys.setProperty("lumbung.audit.active-key-id", "demoaudit1");
            changed = true;
        }
        if (changed) {
            Files.createDirectories(file.getParent());
            Path fresh = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(fresh);
            Files.createFile(fresh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(fresh)) {
                keys.store(out, "Lumbung demo keys: for the demo's data only");
            }
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        Map<String, Object> properties = new HashMap<>();
        if (protection) {
            PROTECTION.forEach(name -> properties.put(name, keys.getProperty(name)));
        }
        if (audit) {
            AUDIT.forEach(name -> properties.put(name, keys.getProperty(name)));
        }
        return properties;
    }
}
