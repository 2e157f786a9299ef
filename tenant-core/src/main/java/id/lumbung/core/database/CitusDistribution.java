package id.lumbung.core.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distributes the schema on a Citus coordinator after the migrations ({@code db/citus/distribute.sql},
 * kept equal to the schema by DistributionRulesTest): each table once — one distributed already
 * (by an earlier run) is left as it is, so every upgrade may run it again.
 */
final class CitusDistribution {
    private static final Logger LOG = LoggerFactory.getLogger(CitusDistribution.class);
    private static final Pattern CALL =
            Pattern.compile("SELECT create_(?:reference|distributed)_table\\('([a-z_]+)'.*;");

    private CitusDistribution() {}

    static void apply(Connection owner) throws SQLException {
        try (Statement statement = owner.createStatement();
                ResultSet citus = statement.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'citus'")) {
            if (!citus.next()) {
                throw new IllegalStateException("LUMBUNG_DATABASE_CITUS is true but the database has no citus"
                        + " extension: run CREATE EXTENSION citus on the coordinator first");
            }
        }
        int distributed = 0;
        for (String[] call : calls()) {
            boolean done;
            try (PreparedStatement already =
                    owner.prepareStatement("SELECT 1 FROM pg_dist_partition WHERE logicalrelid = ?::regclass")) {
                already.setString(1, call[0]);
                try (ResultSet row = already.executeQuery()) {
                    done = row.next();
                }
            }
            if (!done) {
                try (Statement statement = owner.createStatement()) {
                    statement.execute(call[1]);
                }
                distributed++;
            }
        }
        LOG.info("Citus: {} table(s) distributed or copied to every node now", distributed);
    }

    /** The script's calls, in order, with the table each names. */
    static List<String[]> calls() {
        List<String[]> calls = new ArrayList<>();
        try (InputStream script = CitusDistribution.class.getResourceAsStream("/db/citus/distribute.sql")) {
            if (script == null) {
                throw new IllegalStateException("db/citus/distribute.sql is missing from the build");
            }
            for (String line : new String(script.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher call = CALL.matcher(line.strip());
                if (call.matches()) {
                    calls.add(new String[] {call.group(1), line.strip()});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return calls;
    }
}
