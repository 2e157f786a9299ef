package id.lumbung.core.database;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the planner's statistics of tables just filled in bulk (a registry import, a
 * verification batch), in a transaction of its own. Without it, the minute before autovacuum
 * notices is planned as if the tables were empty: a lookup by primary key turned into a scan
 * per row took 25 s per call, emptied the connection pool and stalled every connector. Needs
 * PostgreSQL 17's MAINTAIN privilege (granted by the migrations); on an older server ANALYZE
 * skips the tables with a warning of its own, and autovacuum does the work a minute later. It
 * never fails the work that called it.
 */
@Singleton
public final class Statistics {
    private static final Logger LOG = LoggerFactory.getLogger(Statistics.class);
    private static final List<String> TABLES = List.of("household", "member", "member_verification", "outbox");

    private final TenantTransactions transactions;
    private volatile boolean permitted = true;

    Statistics(TenantTransactions transactions) {
        this.transactions = transactions;
    }

    /** Analyses the tables (of {@link #TABLES} only: the names are never a caller's text). */
    public void refresh(String tenantId, String... tables) {
        if (!permitted) {
            return;
        }
        long started = System.nanoTime();
        try {
            transactions.inTenant(tenantId, connection -> {
                try (Statement statement = connection.createStatement()) {
                    for (String table : tables) {
                        if (!TABLES.contains(table)) {
                            throw new IllegalArgumentException("Not a table to analyse: " + table);
                        }
                        statement.execute("ANALYZE " + table);
                    }
                }
                return null;
            });
            LOG.debug(
                    "Statistics of {} refreshed in {} ms",
                    String.join(", ", tables),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) { // SQLException arrives undeclared: nothing here may fail the caller's work
            if (insufficientPrivilege(e)) {
                permitted = false;
                LOG.warn("The application role may not ANALYZE (PostgreSQL before 17?): statistics after bulk loads"
                        + " are left to autovacuum");
            } else {
                LOG.warn(
                        "Statistics of {} not refreshed: {}",
                        String.join(", ", tables),
                        e.getClass().getSimpleName());
            }
        }
    }

    private static boolean insufficientPrivilege(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "42501".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
