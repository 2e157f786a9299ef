package id.lumbung.simulators.dapodik;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import id.lumbung.core.connector.AgencyStandIns;
import id.lumbung.simulators.AgencySimulator;
import id.lumbung.simulators.Faults;
import id.lumbung.simulators.SimulatorHttp;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP server that answers like a school's Dapodik web service, for the demo and tests:
 * {@code GET /WebService/getPesertaDidik?npsn=&start=&limit=} and {@code getSekolah} with a
 * bearer token per school, paged answers {@code {"rows":[…],"results":N}}, a token refused with
 * HTTP 401, and the common {@link Faults} (outage, latency, 429, 503). Outside "access hours" a
 * school's PC is off: the connection is refused the same way as in an outage. Listens on the
 * loopback interface only.
 */
@Singleton
@Requires(property = "lumbung.simulators.enabled", value = "true")
public final class DapodikSimulator extends AgencySimulator implements AgencyStandIns.Dapodik {
    private static final String[] BOYS = {"MUHAMMAD RIZKY", "AHMAD FAUZAN", "LA ODE ARYA", "ANDI SAPUTRA", "RAFI"};
    private static final String[] GIRLS = {"SITI NURHALIZA", "WA ODE NADIA", "PUTRI AYU", "NUR AINUN", "DEWI LESTARI"};
    private static final String[] FAMILIES = {"HASAN", "RIDWAN", "BASO", "AMINAH", "SAPUTRA", "LAHIDA"};

    private record School(String name, String token, List<Map<String, Object>> students) {}

    private final Map<String, School> schools = new ConcurrentHashMap<>();

    public DapodikSimulator(JsonMapper json, @Value("${lumbung.simulators.dapodik.port:8092}") int port) {
        super("Dapodik", json, port, 8);
        start();
    }

    @Override
    protected void contexts(HttpServer server) {
        server.createContext("/WebService/", this::webService);
    }

    /**
     * Puts a school and its students (Dapodik's field names) in the simulator, replacing what it
     * had.
     *
     * @return the school's bearer token (new at every start: never a default secret)
     */
    public String register(String npsn, String name, List<Map<String, Object>> students) {
        School previous = schools.get(npsn);
        String token = previous != null ? previous.token() : "dpd-" + UUID.randomUUID();
        schools.put(npsn, new School(name, token, List.copyOf(students)));
        return token;
    }

    /** The token the simulated school accepts; {@code null} for a school it does not know. */
    public String tokenFor(String npsn) {
        School school = schools.get(npsn);
        return school == null ? null : school.token();
    }

    /**
     * {@code count} pupils of a primary school (aged 6 to 12, NIKs registered in {@code region},
     * consistent with the birth date and sex), the same for the same {@code seed}.
     */
    public static List<Map<String, Object>> pupils(String npsn, String region, int count, long seed) {
        Random random = new Random(seed);
        String schoolId =
                UUID.nameUUIDFromBytes(npsn.getBytes(StandardCharsets.UTF_8)).toString();
        List<Map<String, Object>> pupils = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean girl = random.nextBoolean();
            LocalDate born = LocalDate.of(2014 + random.nextInt(6), 1 + random.nextInt(12), 1 + random.nextInt(28));
            String nik = region
                    + String.format("%02d", born.getDayOfMonth() + (girl ? 40 : 0))
                    + String.format("%02d", born.getMonthValue())
                    + String.format("%02d", born.getYear() % 100)
                    + String.format("%04d", 1 + random.nextInt(9_000));
            String family = FAMILIES[random.nextInt(FAMILIES.length)];
            Map<String, Object> pupil = new LinkedHashMap<>();
            pupil.put(
                    "peserta_didik_id",
                    UUID.nameUUIDFromBytes((npsn + i).getBytes(StandardCharsets.UTF_8))
                            .toString());
            pupil.put("nisn", String.format("%03d%07d", born.getYear() % 1000, random.nextInt(10_000_000)));
            pupil.put("nik", nik);
            pupil.put(
                    "nama",
                    (girl ? GIRLS[random.nextInt(GIRLS.length)] : BOYS[random.nextInt(BOYS.length)]) + " " + family);
            pupil.put("jenis_kelamin", girl ? "P" : "L");
            pupil.put("tempat_lahir", "KENDARI");
            pupil.put("tanggal_lahir", born.toString());
            pupil.put("alamat_jalan", "Jl. Pendidikan No. " + (1 + random.nextInt(99)));
            pupil.put("nama_ayah", "LA " + family);
            pupil.put("nama_ibu", "WA " + family);
            pupil.put("sekolah_id", schoolId);
            pupil.put("semester_id", "20261");
            pupil.put("nama_rombel", "Kelas " + (2026 - born.getYear() - 5));
            pupils.add(pupil);
        }
        return pupils;
    }

    private void webService(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (faulty(exchange)) {
                return;
            }
            if (faults().outsideHours()) {
                return; // the school's PC is off
            }
            Map<String, String> query = SimulatorHttp.query(exchange);
            School school = schools.get(query.getOrDefault("npsn", ""));
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())
                    || school == null
                    || !(path.endsWith("/getPesertaDidik") || path.endsWith("/getSekolah"))) {
                respond(exchange, 404, Map.of("success", false, "message", "Not found"));
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + school.token()).equals(authorization)) {
                respond(exchange, 401, Map.of("success", false, "message", "Token tidak valid"));
                return;
            }
            if (path.endsWith("/getSekolah")) {
                Map<String, Object> row = new HashMap<>();
                row.put("npsn", query.get("npsn"));
                row.put("nama", school.name());
                respond(exchange, 200, Map.of("rows", List.of(row), "results", 1));
                return;
            }
            int start;
            int limit;
            try {
                start = Integer.parseInt(query.getOrDefault("start", "0"));
                limit = Integer.parseInt(query.getOrDefault("limit", "20"));
            } catch (NumberFormatException e) {
                respond(exchange, 400, Map.of("success", false, "message", "start dan limit harus angka"));
                return;
            }
            List<Map<String, Object>> all = school.students();
            int from = Math.min(Math.max(start, 0), all.size());
            int to = Math.min(from + Math.max(limit, 0), all.size());
            respond(exchange, 200, Map.of("rows", all.subList(from, to), "results", all.size()));
        }
    }
}
