package id.lumbung.simulators.kemensos;

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
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server that plays the ministry's file exchange (SIKS-NG has no public API:
 * operators upload and download files; this is that exchange as a service), for the demo and
 * tests. Per tenant account, with a bearer key:
 *
 * <ul>
 *   <li>{@code PUT /siksng/v1/{tenant}/usulan/{name}?periode=yyyy-mm}: proposals (CSV in the
 *       ministry's layout) — 201 with a receipt; the same name and content again 200 with the same
 *       receipt; the same name with other content 409 with the first receipt; a file without
 *       {@code iddtks, nama, nomor_nik} 400. Proposed members without a NIK come back as returned
 *       records ({@code PENGEMBALIAN}) of that period, as the ministry's matching would return them.
 *   <li>{@code GET /siksng/v1/{tenant}/berkas}: the files offered, {@code {"berkas":[{nama, jenis,
 *       periode, sha256, ukuran}]}}; with {@link Faults#duplicates()} every file twice, newest first.
 *   <li>{@code GET /siksng/v1/{tenant}/berkas/{name}}: a file.
 * </ul>
 *
 * Outside "access hours" it answers HTTP 200 {@code {"status":"PEMELIHARAAN"}} (maintenance).
 * Listens on the loopback interface only.
 */
@Singleton
@Requires(property = "lumbung.simulators.enabled", value = "true")
public final class KemensosSimulator extends AgencySimulator implements AgencyStandIns.Kemensos {
    private static final String PREFIX = "/siksng/v1/";

    private record File(String name, String kind, String period, byte[] content, String sha256) {}

    private record Received(String receipt, String sha256, int rows) {}

    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final Map<String, List<File>> offered = new ConcurrentHashMap<>();
    private final Map<String, Received> received = new ConcurrentHashMap<>();
    private final AtomicLong receipts = new AtomicLong();

    public KemensosSimulator(JsonMapper json, @Value("${lumbung.simulators.kemensos.port:8094}") int port) {
        super("Kemensos", json, port, 8);
        start();
    }

    @Override
    protected void contexts(HttpServer server) {
        server.createContext(PREFIX, this::exchange);
    }

    /** The key of a tenant's account (made on first use, new at every start: never a default secret). */
    public String keyFor(String tenantId) {
        return keys.computeIfAbsent(tenantId, ignored -> "siks-" + UUID.randomUUID());
    }

    /** Opens (or re-keys) a tenant's account with a key of its own, as configured in Lumbung. */
    public void account(String tenantId, String key) {
        keys.put(tenantId, key);
    }

    /**
     * Offers a file to a tenant, as the ministry publishes one.
     *
     * @param kind PENETAPAN (determination list) or PENGEMBALIAN (returned records)
     */
    public void offer(String tenantId, String name, String kind, String period, String csv) {
        byte[] content = csv.getBytes(StandardCharsets.UTF_8);
        List<File> files =
                offered.computeIfAbsent(tenantId, ignored -> Collections.synchronizedList(new ArrayList<>()));
        synchronized (files) {
            files.removeIf(file -> file.name().equals(name));
            files.add(new File(name, kind, period, content, sha256(content)));
        }
    }

    /** The proposals received under a name: its members, or -1. */
    public int rowsReceived(String tenantId, String name) {
        Received file = received.get(tenantId + "/" + name);
        return file == null ? -1 : file.rows();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (faulty(exchange)) {
                return;
            }
            String[] path = exchange.getRequestURI()
                    .getRawPath()
                    .substring(PREFIX.length())
                    .split("/");
            String tenantId = path.length > 0 ? decode(path[0]) : "";
            String key = keys.get(tenantId);
            if (key == null
                    || !("Bearer " + key).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, Map.of("message", "Akun tidak dikenal atau kunci salah"));
                return;
            }
            if (faults().outsideHours()) {
                respond(exchange, 200, Map.of("status", "PEMELIHARAAN", "message", "SIKS-NG sedang pemeliharaan"));
                return;
            }
            String method = exchange.getRequestMethod();
            if (path.length == 3 && "usulan".equals(path[1]) && "PUT".equals(method)) {
                receive(exchange, tenantId, decode(path[2]));
            } else if (path.length == 2 && "berkas".equals(path[1]) && "GET".equals(method)) {
                list(exchange, tenantId);
            } else if (path.length == 3 && "berkas".equals(path[1]) && "GET".equals(method)) {
                download(exchange, tenantId, decode(path[2]));
            } else {
                respond(exchange, 404, Map.of("message", "Tidak ditemukan"));
            }
        }
    }

    private void receive(HttpExchange exchange, String tenantId, String name) throws IOException {
        byte[] content;
        try (InputStream body = exchange.getRequestBody()) {
            content = body.readAllBytes();
        }
        String period = SimulatorHttp.query(exchange).get("periode");
        List<String> lines = lines(content);
        List<String> header = lines.isEmpty() ? List.of() : cells(lines.get(0));
        int nik = header.indexOf("nomor_nik");
        if (period == null
                || !period.matches("[0-9]{4}-[0-9]{2}")
                || nik < 0
                || !header.contains("iddtks")
                || !header.contains("nama")) {
            respond(exchange, 400, Map.of("message", "Format berkas tidak sesuai"));
            return;
        }
        String sha = sha256(content);
        Received earlier = received.get(tenantId + "/" + name);
        if (earlier != null) {
            respond(
                    exchange,
                    earlier.sha256().equals(sha) ? 200 : 409,
                    Map.of(
                            "nomorTandaTerima",
                            earlier.receipt(),
                            "jumlahBaris",
                            earlier.rows(),
                            "message",
                            "Berkas dengan nama ini sudah diterima"));
            return;
        }
        StringBuilder returned = new StringBuilder("iddtks;id_art;nomor_nik;nama;alasan\r\n");
        int withoutNik = 0;
        int idArt = header.indexOf("id_art");
        for (String line : lines.subList(1, lines.size())) {
            List<String> row = cells(line);
            if (row.size() > nik && row.get(nik).isBlank()) {
                withoutNik++;
                returned.append(row.get(header.indexOf("iddtks")))
                        .append(';')
                        .append(idArt >= 0 && row.size() > idArt ? row.get(idArt) : "")
                        .append(";;")
                        .append(row.get(header.indexOf("nama")))
                        .append(";NIK kosong, tidak dapat dipadankan dengan Dukcapil\r\n");
            }
        }
        Received file = new Received(
                "TT-" + tenantId + "-" + String.format(Locale.ROOT, "%06d", receipts.incrementAndGet()),
                sha,
                lines.size() - 1);
        received.put(tenantId + "/" + name, file);
        if (withoutNik > 0) {
            offer(
                    tenantId,
                    "PENGEMBALIAN_" + tenantId + "_" + period + "_" + file.receipt() + ".csv",
                    "PENGEMBALIAN",
                    period,
                    returned.toString());
        }
        respond(exchange, 201, Map.of("nomorTandaTerima", file.receipt(), "jumlahBaris", file.rows()));
    }

    private void list(HttpExchange exchange, String tenantId) throws IOException {
        List<File> files = new ArrayList<>(offered.getOrDefault(tenantId, List.of()));
        List<Map<String, Object>> listing = new ArrayList<>();
        boolean twice = faults().duplicates();
        if (twice) {
            Collections.reverse(files);
        }
        for (File file : files) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("nama", file.name());
            entry.put("jenis", file.kind());
            entry.put("periode", file.period());
            entry.put("sha256", file.sha256());
            entry.put("ukuran", file.content().length);
            listing.add(entry);
            if (twice) {
                listing.add(entry);
            }
        }
        respond(exchange, 200, Map.of("berkas", listing));
    }

    private void download(HttpExchange exchange, String tenantId, String name) throws IOException {
        File file = offered.getOrDefault(tenantId, List.of()).stream()
                .filter(candidate -> candidate.name().equals(name))
                .findFirst()
                .orElse(null);
        if (file == null) {
            respond(exchange, 404, Map.of("message", "Berkas tidak ditemukan"));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/csv; charset=utf-8");
        exchange.sendResponseHeaders(200, file.content().length);
        exchange.getResponseBody().write(file.content());
    }

    private static List<String> lines(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.lines().filter(line -> !line.isBlank()).toList();
    }

    /** A line of the ministry's ;-separated CSV (quoted cells allowed). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ';' && !quoted) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
