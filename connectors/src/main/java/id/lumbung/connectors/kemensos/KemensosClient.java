package id.lumbung.connectors.kemensos;

import static id.lumbung.connectors.camel.Answers.field;

import id.lumbung.connectors.camel.AgencyException;
import id.lumbung.connectors.camel.AgencyException.Kind;
import id.lumbung.core.connector.AgencyStandIns;
import id.lumbung.core.ministry.MinistryExchange;
import id.lumbung.core.ministry.MinistryListService;
import id.lumbung.core.observability.Tracing;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ministry's file exchange, per tenant account: upload the proposals, list the files
 * offered, download one (checked against the hash the listing gave). Field names in any case.
 * Never logs or quotes a file (full NIKs).
 */
@Singleton
public final class KemensosClient {
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final HttpClient http;
    private final JsonMapper json;
    private final KemensosSettings settings;
    private final AgencyStandIns.Kemensos standIn;
    private final Map<String, String> keys = new HashMap<>();

    /**
     * The ministry's receipt for the proposals.
     *
     * @param receipt its number
     * @param rows members in the proposals as the ministry counted them (-1 when it did not say)
     * @param earlier the ministry had received the same file before (an earlier attempt)
     */
    public record Receipt(String receipt, long rows, boolean earlier) {}

    KemensosClient(
            KemensosSettings settings,
            JsonMapper json,
            @Nullable AgencyStandIns.Kemensos standIn,
            List<KemensosAccount> accounts) {
        this.settings = settings;
        this.json = json;
        this.standIn = standIn;
        accounts.forEach(account -> keys.put(account.tenantId(), account.key()));
        if (isBlank(settings.baseUrl()) && standIn == null && !accounts.isEmpty()) {
            throw new ConfigurationException("lumbung.connectors.kemensos.base-url is not set and no Kemensos"
                    + " simulator runs: set KEMENSOS_BASE_URL, or start in demo mode");
        }
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Uploads the proposals under their fixed name. */
    public Receipt upload(String tenantId, String fileName, String period, Path file) throws AgencyException {
        HttpRequest.BodyPublisher content;
        try {
            content = HttpRequest.BodyPublishers.ofFile(file);
        } catch (java.io.FileNotFoundException e) {
            throw new AgencyException(Kind.BAD_REQUEST, "internal: the proposals file is gone");
        }
        Answer response =
                send(tenantId, "usulan/" + encode(fileName) + "?periode=" + encode(period), builder -> builder.header(
                                "Content-Type", "text/csv; charset=utf-8")
                        .PUT(content));
        Map<String, Object> body = response.body();
        Object receipt = field(body, "nomortandaterima");
        if (receipt == null) {
            throw new AgencyException(Kind.TRANSPORT, "Upload: the ministry's answer has no receipt");
        }
        long rows;
        try {
            rows = Long.parseLong(String.valueOf(field(body, "jumlahbaris")));
        } catch (NumberFormatException e) {
            rows = -1;
        }
        // 200 or 409: a file of this name was received already — an earlier attempt got through.
        return new Receipt(String.valueOf(receipt), rows, response.status() != 201);
    }

    /** The files the ministry offers the tenant, in its order (a file may be listed twice). */
    public List<MinistryExchange.Offered> offered(String tenantId) throws AgencyException {
        Answer response = send(tenantId, "berkas", HttpRequest.Builder::GET);
        Object listing = field(response.body(), "berkas");
        if (!(listing instanceof List<?> entries)) {
            throw new AgencyException(Kind.TRANSPORT, "Listing: the ministry's answer has no berkas");
        }
        List<MinistryExchange.Offered> files = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> raw)) {
                continue;
            }
            Map<String, Object> file = new HashMap<>();
            raw.forEach((name, value) -> file.put(String.valueOf(name), value));
            String kind = String.valueOf(field(file, "jenis")).toUpperCase(Locale.ROOT);
            MinistryListService.Kind ours =
                    switch (kind) {
                        case "PENETAPAN" -> MinistryListService.Kind.DETERMINATION;
                        case "PENGEMBALIAN" -> MinistryListService.Kind.RETURNED;
                        default -> null; // a kind of file we do not read
                    };
            Object name = field(file, "nama");
            Object sha = field(file, "sha256");
            if (ours != null && name != null && sha != null) {
                files.add(new MinistryExchange.Offered(
                        String.valueOf(name),
                        ours,
                        String.valueOf(field(file, "periode")),
                        String.valueOf(sha).toLowerCase(Locale.ROOT)));
            }
        }
        return files;
    }

    /** Downloads a file to {@code target}; a content that does not match the listed hash is a broken download. */
    public void download(String tenantId, MinistryExchange.Offered file, Path target) throws AgencyException {
        HttpResponse<InputStream> response;
        try {
            response = http.send(
                    request(tenantId, "berkas/" + encode(file.name())).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new AgencyException(
                    Kind.TRANSPORT, "Download: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgencyException(Kind.TRANSPORT, "Interrupted");
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                classify(response.statusCode(), "download");
                throw new AgencyException(Kind.TRANSPORT, "Download: HTTP " + response.statusCode());
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
                in.transferTo(out);
            }
            if (!HexFormat.of().formatHex(digest.digest()).equals(file.sha256())) {
                throw new AgencyException(Kind.TRANSPORT, "Download: the file does not match its hash (cut off?)");
            }
        } catch (IOException e) {
            throw new AgencyException(
                    Kind.TRANSPORT, "Download: " + e.getClass().getSimpleName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An answer that is not a failure: its status and its JSON body, read once. */
    private record Answer(int status, Map<String, Object> body) {}

    private Answer send(String tenantId, String path, java.util.function.UnaryOperator<HttpRequest.Builder> body)
            throws AgencyException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(body.apply(request(tenantId, path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AgencyException(
                    Kind.TRANSPORT,
                    "The ministry did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgencyException(Kind.TRANSPORT, "Interrupted");
        }
        classify(response.statusCode(), path.substring(0, path.indexOf('/') < 0 ? path.length() : path.indexOf('/')));
        Map<String, Object> answer = object(response.body(), path);
        Object status = field(answer, "status");
        if (response.statusCode() == 200 && "PEMELIHARAAN".equalsIgnoreCase(String.valueOf(status))) {
            throw new AgencyException(Kind.OUTSIDE_HOURS, "SIKS-NG is under maintenance");
        }
        return new Answer(response.statusCode(), answer);
    }

    /** Every status but a success or a 409 (already received) is a failure of its kind. */
    private static void classify(int status, String what) throws AgencyException {
        if (status == 200 || status == 201 || status == 409) {
            return;
        }
        if (status == 401 || status == 403) {
            throw new AgencyException(
                    Kind.CONFIGURATION,
                    "The ministry refused the tenant's account (HTTP " + status + "): check"
                            + " lumbung.connectors.kemensos.tenants.<tenant>.key");
        }
        if (status == 400) {
            throw new AgencyException(
                    Kind.BAD_REQUEST, "The ministry refused the " + what + " as malformed (HTTP 400)");
        }
        throw new AgencyException(Kind.TRANSPORT, "The ministry answered HTTP " + status + " to the " + what);
    }

    private HttpRequest.Builder request(String tenantId, String path) throws AgencyException {
        boolean simulated = isBlank(settings.baseUrl());
        if (simulated && standIn == null) {
            throw new AgencyException(
                    Kind.CONFIGURATION, "The ministry's file exchange is not configured: set KEMENSOS_BASE_URL");
        }
        String key = simulated ? standIn.keyFor(tenantId) : keys.get(tenantId);
        if (key == null) {
            throw new AgencyException(
                    Kind.CONFIGURATION,
                    "No account at the ministry for this tenant: set lumbung.connectors.kemensos.tenants." + tenantId
                            + ".key");
        }
        String base = simulated ? standIn.baseUrl() : settings.baseUrl().replaceAll("/+$", "");
        return Tracing.traced(HttpRequest.newBuilder(URI.create(base + "/siksng/v1/" + encode(tenantId) + "/" + path)))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + key);
    }

    private Map<String, Object> object(byte[] body, String what) throws AgencyException {
        try {
            return json.readValue(body, JSON_OBJECT);
        } catch (IOException | RuntimeException e) {
            throw new AgencyException(Kind.TRANSPORT, "The ministry's answer to the " + what + " is unreadable");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
