package id.lumbung.core.region;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPInputStream;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads the Kemendagri region list (idn-area-data, ODbL; see {@code regions/ATTRIBUTION.md})
 * once, in the migration's transaction, with {@code COPY}: about 91,000 rows in a second or two.
 * A newer release of the data arrives as a new migration.
 */
public final class RegionDataMigration implements JavaMigration {
    private static final String VERSION = "202611231901";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(VERSION);
    }

    @Override
    public String getDescription() {
        return "load regions from idn-area-data 4.0.1";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TEMP TABLE region_import (code text, parent_code text, name text) ON COMMIT DROP");
            load(statement, copy, "provinces", "code, name", RegionLevel.PROVINCE);
            load(statement, copy, "regencies", "code, parent_code, name", RegionLevel.REGENCY);
            load(statement, copy, "districts", "code, parent_code, name", RegionLevel.DISTRICT);
            load(statement, copy, "villages", "code, parent_code, name", RegionLevel.VILLAGE);
        }
    }

    private static void load(Statement statement, CopyManager copy, String file, String columns, RegionLevel level)
            throws SQLException, IOException {
        try (InputStream data = new GZIPInputStream(resource("regions/" + file + ".csv.gz"))) {
            copy.copyIn("COPY region_import (" + columns + ") FROM STDIN (FORMAT csv, HEADER true)", data);
        }
        statement.execute("INSERT INTO region (code, parent_code, level, name) SELECT code, parent_code, "
                + level.number() + ", name FROM region_import");
        statement.execute("TRUNCATE region_import");
    }

    private static InputStream resource(String path) {
        InputStream in = RegionDataMigration.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new UncheckedIOException(new IOException("Region data file missing from the build: " + path));
        }
        return in;
    }
}
