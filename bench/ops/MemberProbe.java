import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What another regency sees while one loads (decision 0028): a NIK lookup on member for tenant
 * {tenant} every 20 ms for {seconds} (or until the server stops), each over 50 ms printed as it
 * happens, then how many ran, their median and their longest.
 * Usage: java -cp postgresql.jar bench/ops/MemberProbe.java jdbcUrl password tenant seconds
 * (beside BENCH_NO_LOOKUP=1 bench/import.sh 1000000 1; the URL and password of its embedded server).
 */
public class MemberProbe {
    public static void main(String[] args) throws Exception {
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> report(millis)));
        try (Connection connection = DriverManager.getConnection(args[0], "postgres", args[1]);
                Statement statement = connection.createStatement()) {
            long end = System.currentTimeMillis() + Long.parseLong(args[3]) * 1000;
            while (System.currentTimeMillis() < end) {
                long started = System.nanoTime();
                try (ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM member WHERE tenant_id = '" + args[2] + "' AND nik_index = 'x'")) {
                    rows.next();
                }
                long ms = (System.nanoTime() - started) / 1_000_000;
                millis.add(ms);
                if (ms > 50) {
                    System.out.println(new java.util.Date() + ": a lookup took " + ms + " ms");
                }
                Thread.sleep(20);
            }
        } catch (java.sql.SQLException e) {
            System.out.println("stopped: " + e.getMessage());
        }
    }

    private static void report(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        if (!sorted.isEmpty()) {
            System.out.println(sorted.size() + " lookups, median " + sorted.get(sorted.size() / 2) + " ms, longest "
                    + sorted.get(sorted.size() - 1) + " ms");
        }
    }
}
