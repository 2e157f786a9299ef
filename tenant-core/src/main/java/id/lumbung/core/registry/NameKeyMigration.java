package id.lumbung.core.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.zip.CRC32;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Re-keys every member's name ({@link NameKey}) when the way names are keyed changes: a
 * repeatable migration whose checksum is the table of name variants and {@link #RULES}, so
 * adding a spelling to {@code name-variants.txt} (or changing the rules and this number) re-keys
 * the registry at the next start, and search finds the old names by the new spellings. Only
 * names whose key changes are written; {@code updated_at} is left alone (the person did not change).
 */
public final class NameKeyMigration implements JavaMigration {
    /** Raise when {@link NameKey}'s code changes what a key is. */
    static final int RULES = 3;

    @Override
    public MigrationVersion getVersion() {
        return null; // repeatable: runs again whenever its checksum changes
    }

    @Override
    public String getDescription() {
        return "name keys";
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(RULES);
        try (InputStream table = NameKey.class.getResourceAsStream("name-variants.txt")) {
            crc.update(table.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            // Row-level security is forced on member: this transaction sees every tenant.
            statement.execute("SELECT set_config('lumbung.tenants', coalesce((SELECT string_agg(id, ',') FROM"
                    + " tenant), ''), true)");
        }
        try (PreparedStatement read =
                        connection.prepareStatement("SELECT tenant_id, id, full_name, name_key FROM member");
                PreparedStatement write =
                        connection.prepareStatement("UPDATE member SET name_key = ? WHERE tenant_id = ? AND id = ?")) {
            read.setFetchSize(5_000); // a cursor: any registry in constant memory
            int pending = 0;
            try (ResultSet member = read.executeQuery()) {
                while (member.next()) {
                    String key = NameKey.of(member.getString("full_name"));
                    if (!key.equals(member.getString("name_key"))) {
                        write.setString(1, key);
                        write.setString(2, member.getString("tenant_id"));
                        write.setObject(3, member.getObject("id"));
                        write.addBatch();
                        if (++pending == 1_000) {
                            write.executeBatch();
                            pending = 0;
                        }
                    }
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }
}
