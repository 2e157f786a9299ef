package id.lumbung.simulators.dukcapil;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import id.lumbung.core.connector.AgencyStandIns;
import id.lumbung.simulators.AgencySimulator;
import id.lumbung.simulators.Faults;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server that answers like Dukcapil's web service, for the demo, tests and
 * benchmarks: the {@code CALL_NIK} path and envelope, errors inside HTTP 200 bodies, and fault
 * injection ({@link Faults}: latency, error rate, a rate limit answered with 429, a daily quota,
 * access hours, an outage — or stop it) from code or over HTTP at {@code /sim/faults}. Listens
 * on the loopback interface only.
 */
@Singleton
@Requires(property = "lumbung.simulators.enabled", value = "true")
public final class DukcapilSimulator extends AgencySimulator implements AgencyStandIns.Dukcapil {
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final Map<String, CivilRecord> registry = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> hitsByUser = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> servedToday = new ConcurrentHashMap<>();
    private final String userId = "sim-" + UUID.randomUUID().toString().substring(0, 8);
    private final String password = UUID.randomUUID().toString();

    public DukcapilSimulator(JsonMapper json, @Value("${lumbung.simulators.dukcapil.port:8091}") int port) {
        // 50 ms latency at 200 calls a second keeps 10 threads busy.
        super("Dukcapil", json, port, 32);
        start();
    }

    @Override
    protected void contexts(HttpServer server) {
        server.createContext("/dukcapil/get_json/", this::callNik);
        server.createContext("/sim/civil-records", this::civilRecords);
    }

    /**
     * {@code POST /sim/civil-records}: the people Dukcapil knows, as the registry generator's
     * {@code --civil} file ({@code nik;nomor_kk;nama;tempat_lahir;tanggal_lahir;jenis_kelamin;meninggal}
     * and optionally {@code ;alamat;rt;rw},
     * a header line first), added to those it has; answers how many were read, and the lines it
     * could not read.
     */
    private void civilRecords(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, Map.of("message", "POST the civil records"));
                return;
            }
            List<Long> unreadable = new java.util.ArrayList<>();
            long read = load(exchange.getRequestBody(), unreadable);
            respond(exchange, 200, Map.of("registered", read, "unreadableLines", unreadable));
        }
    }

    /**
     * Adds the people of a civil-records file (the generator's {@code --civil} layout, a header
     * line first); answers how many were read, noting up to 100 lines it could not read.
     */
    public long load(java.io.InputStream csv, List<Long> unreadable) throws IOException {
        long read = 0;
        try (java.io.BufferedReader lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(csv, java.nio.charset.StandardCharsets.UTF_8))) {
            String line = lines.readLine(); // the header
            long number = 1;
            while ((line = lines.readLine()) != null) {
                number++;
                String[] cells = line.split(";", -1);
                if ((cells.length != 7 && cells.length != 10) || !cells[0].matches("[0-9]{16}")) {
                    if (!line.isBlank() && unreadable.size() < 100) {
                        unreadable.add(number);
                    }
                    continue;
                }
                register(new CivilRecord(
                        cells[0],
                        cells[1],
                        cells[2],
                        cells[3],
                        cells[4],
                        cells[5],
                        "1".equals(cells[6].strip()),
                        cells.length == 10 ? cells[7] : null,
                        cells.length == 10 ? cells[8] : null,
                        cells.length == 10 ? cells[9] : null));
                read++;
            }
        }
        return read;
    }

    /** The credentials the simulator accepts (generated per start; never a default secret). */
    public String userId() {
        return userId;
    }

    public String password() {
        return password;
    }

    public void register(CivilRecord record) {
        registry.put(record.nik(), record);
    }

    /** A new simulated day: daily quotas start again. */
    public void newDay() {
        servedToday.clear();
    }

    /** Calls received with this user id (credentials of one tenant), faulty ones included. */
    public long hitsBy(String userId) {
        AtomicLong count = hitsByUser.get(userId);
        return count == null ? 0 : count.get();
    }

    private void callNik(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (faulty(exchange)) {
                return;
            }
            Faults current = faults();
            String path = exchange.getRequestURI().getPath();
            boolean byElement = path.endsWith("/CALL_VERIFY_BY_ELEMEN");
            if (!"POST".equals(exchange.getRequestMethod()) || !(path.endsWith("/CALL_NIK") || byElement)) {
                respond(exchange, 404, Map.of("message", "Not found"));
                return;
            }
            Map<String, Object> request;
            try (InputStream body = exchange.getRequestBody()) {
                request = json.readValue(body.readAllBytes(), JSON_OBJECT);
            } catch (IOException | RuntimeException e) {
                respond(exchange, 200, envelope(error("07", "Request Tidak Lengkap")));
                return;
            }
            String user = String.valueOf(request.get("user_id"));
            hitsByUser.computeIfAbsent(user, ignored -> new AtomicLong()).incrementAndGet();
            if (!accepts(user, String.valueOf(request.get("password")))) {
                respond(exchange, 200, envelope(error("03", "Login Gagal")));
                return;
            }
            if (current.outsideHours()) {
                respond(exchange, 200, envelope(error("06", "Di luar jam layanan akses")));
                return;
            }
            if (current.quotaExhausted()
                    || (current.dailyQuota() > 0
                            && servedToday
                                            .computeIfAbsent(user, ignored -> new AtomicLong())
                                            .incrementAndGet()
                                    > current.dailyQuota())) {
                respond(exchange, 200, envelope(error("05", "Kuota akses hari ini telah habis")));
                return;
            }
            CivilRecord record = registry.get(String.valueOf(request.get("NIK")));
            if (record == null) {
                respond(exchange, 200, envelope(error("13", "Data Tidak Ditemukan")));
                return;
            }
            respond(exchange, 200, envelope(byElement ? verdicts(record, request) : biodata(record)));
        }
    }

    /** The simulator's own credentials, and any user id whose password is "{user id}-secret" (a tenant's own). */
    private boolean accepts(String user, String givenPassword) {
        return (userId.equals(user) && password.equals(givenPassword))
                || (!user.isBlank() && (user + "-secret").equals(givenPassword));
    }

    private static Map<String, Object> biodata(CivilRecord record) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("NIK", record.nik());
        content.put("NO_KK", record.kk());
        content.put("NAMA_LGKP", record.fullName());
        content.put("TMPT_LHR", record.placeOfBirth());
        content.put("TGL_LHR", record.dateOfBirth());
        content.put("JENIS_KLMIN", record.sex());
        content.put("RESPONSE_CODE", record.deceased() ? "11" : "01");
        content.put("RESPON", record.deceased() ? "Data Ditemukan, Status Meninggal" : "Data Ditemukan");
        return content;
    }

    /** Each element asked for: "Sesuai", or "Tidak Sesuai (score)"; names and places fuzzy against TRESHOLD. */
    private static Map<String, Object> verdicts(CivilRecord record, Map<String, Object> request) {
        int threshold;
        try {
            threshold = Integer.parseInt(String.valueOf(request.getOrDefault("TRESHOLD", "85")));
        } catch (NumberFormatException e) {
            threshold = 85;
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("NIK", "Sesuai");
        Map<String, String> truth = new LinkedHashMap<>();
        truth.put("NO_KK", record.kk());
        truth.put("NAMA_LGKP", record.fullName());
        truth.put("TMPT_LHR", record.placeOfBirth());
        truth.put("TGL_LHR", record.dateOfBirth());
        truth.put("JENIS_KLMIN", record.sex());
        truth.put("ALAMAT", record.address());
        truth.put("NO_RT", number(record.rt()));
        truth.put("NO_RW", number(record.rw()));
        for (Map.Entry<String, String> element : truth.entrySet()) {
            Object asked = request.get(element.getKey());
            if (asked == null || element.getValue() == null) {
                continue; // not asked, or not known here
            }
            boolean fuzzy = element.getKey().equals("NAMA_LGKP")
                    || element.getKey().equals("TMPT_LHR")
                    || element.getKey().equals("ALAMAT");
            String value = element.getKey().startsWith("NO_R") ? number(String.valueOf(asked)) : String.valueOf(asked);
            int score = similarity(value, element.getValue());
            boolean matches = fuzzy ? score >= threshold : score == 100;
            content.put(element.getKey(), matches ? "Sesuai" : fuzzy ? "Tidak Sesuai (" + score + ")" : "Tidak Sesuai");
        }
        content.put("RESPONSE_CODE", record.deceased() ? "11" : "01");
        content.put("RESPON", record.deceased() ? "Data Ditemukan, Status Meninggal" : "Data Ditemukan");
        return content;
    }

    /** An RT or RW as a number: "002" and "2" are the same unit. */
    private static String number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String digits = value.strip().replaceFirst("^0+(?=.)", "");
        return digits;
    }

    /** 100 for equal texts (case and spaces aside), else 100 × (1 − edit distance / longer length). */
    static int similarity(String a, String b) {
        String x = a.strip().replaceAll("\\s+", " ").toUpperCase(java.util.Locale.ROOT);
        String y = b == null ? "" : b.strip().replaceAll("\\s+", " ").toUpperCase(java.util.Locale.ROOT);
        int longer = Math.max(x.length(), y.length());
        if (longer == 0) {
            return 100;
        }
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return (int) Math.round(100.0 * (longer - previous[y.length()]) / longer);
    }

    private static Map<String, Object> error(String code, String message) {
        // Casing varies in the wild: this simulator answers in lower case, the client must cope.
        return Map.of("response_code", code, "respon", message);
    }

    private static Map<String, Object> envelope(Map<String, Object> content) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("content", List.of(content));
        envelope.put("lastPage", true);
        envelope.put("numberOfElements", 1);
        envelope.put("totalElements", 1);
        return envelope;
    }
}
