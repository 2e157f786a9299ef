package id.lumbung.connectors.dukcapil;

import id.lumbung.connectors.camel.AgencyException;
import id.lumbung.connectors.camel.AgencyException.Kind;
import id.lumbung.core.civilsync.CivilBiodata;
import id.lumbung.core.connector.AgencyStandIns;
import id.lumbung.core.connector.ConnectorCredentials;
import id.lumbung.core.nikcheck.NikCheckResult;
import id.lumbung.core.observability.Tracing;
import id.lumbung.core.verification.ElementResult;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A tolerant adapter for Dukcapil's web service: field names in any case, errors inside HTTP
 * 200 bodies, response codes classified into business results and failures. Never logs a
 * request or response body.
 */
@Singleton
@io.micronaut.context.annotation.Requires(condition = DukcapilConfigured.class)
public final class DukcapilClient {
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final HttpClient http;
    private final JsonMapper json;
    private final DukcapilSettings settings;
    private final URI callNik;
    private final URI verifyByElement;
    private final String userId;
    private final String password;

    private static final String AGENCY = "DUKCAPIL";

    private final Map<String, DukcapilTenantCredentials> tenants = new java.util.HashMap<>();
    private final ConnectorCredentials stored;

    DukcapilClient(
            DukcapilSettings settings,
            JsonMapper json,
            @Nullable AgencyStandIns.Dukcapil standIn,
            List<DukcapilTenantCredentials> tenantCredentials,
            ConnectorCredentials stored) {
        this.settings = settings;
        this.stored = stored;
        tenantCredentials.forEach(credentials -> tenants.put(credentials.tenantId(), credentials));
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        String baseUrl = settings.baseUrl();
        if (baseUrl == null || baseUrl.isBlank()) {
            if (standIn == null) {
                throw new ConfigurationException("lumbung.connectors.dukcapil.base-url is not set and no Dukcapil"
                        + " simulator runs: set DUKCAPIL_BASE_URL, or start in demo mode");
            }
            baseUrl = standIn.baseUrl();
            this.userId = standIn.userId();
            this.password = standIn.password();
        } else {
            if (isBlank(settings.userId()) || isBlank(settings.password())) {
                throw new ConfigurationException(
                        "Dukcapil credentials missing: set DUKCAPIL_USER_ID and DUKCAPIL_PASSWORD");
            }
            this.userId = settings.userId();
            this.password = settings.password();
        }
        this.callNik = URI.create(stripSlash(baseUrl) + "/dukcapil/get_json/" + settings.institution() + "/CALL_NIK");
        this.verifyByElement = URI.create(
                stripSlash(baseUrl) + "/dukcapil/get_json/" + settings.institution() + "/CALL_VERIFY_BY_ELEMEN");
    }

    /** Asks Dukcapil about a NIK, with the tenant's credentials (or the default ones). */
    public NikCheckResult checkNik(String tenantId, String nik) throws AgencyException {
        return classify(ask(tenantId, callNik, Map.of("NIK", nik)));
    }

    /**
     * What Dukcapil holds of a NIK (CALL_NIK), as far as a synchronisation compares it: the KK,
     * name, place and date of birth, sex. Asked only about records already suspected of being out
     * of sync; nothing else of the answer is read.
     */
    public CivilBiodata biodata(String tenantId, String nik) throws AgencyException {
        Map<String, Object> record = ask(tenantId, callNik, Map.of("NIK", nik));
        NikCheckResult result = classify(record);
        if (result != NikCheckResult.FOUND && result != NikCheckResult.DECEASED) {
            return CivilBiodata.unknown(result.name());
        }
        return new CivilBiodata(
                result.name(),
                text(record.get("no_kk")),
                text(record.get("nama_lgkp")),
                text(record.get("tmpt_lhr")),
                date(text(record.get("tgl_lhr"))),
                sex(text(record.get("jenis_klmin"))));
    }

    private static String text(Object value) {
        return value == null || String.valueOf(value).isBlank()
                ? null
                : String.valueOf(value).strip();
    }

    /** dd-mm-yyyy as Dukcapil writes it (yyyy-mm-dd tolerated); unreadable: none. */
    static java.time.LocalDate date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 && value.charAt(4) == '-'
                    ? java.time.LocalDate.parse(value)
                    : java.time.LocalDate.parse(value, java.time.format.DateTimeFormatter.ofPattern("dd-MM-yyyy"));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** LAKI-LAKI / PEREMPUAN (or L / P, 1 / 2) as L or P. */
    static String sex(String value) {
        if (value == null) {
            return null;
        }
        String v = value.toUpperCase(Locale.ROOT);
        if (v.startsWith("L") || v.equals("1")) {
            return "L";
        }
        return v.startsWith("P") || v.equals("2") ? "P" : null;
    }

    /**
     * Verifies a person's elements (NIK, NO_KK, NAMA_LGKP, TMPT_LHR, TGL_LHR, JENIS_KLMIN) with
     * CALL_VERIFY_BY_ELEMEN: each answered "Sesuai" or "Tidak Sesuai (score)"; nothing more of the
     * person is copied.
     */
    public ElementResult verifyByElement(String tenantId, Map<String, String> elements) throws AgencyException {
        Map<String, Object> question = new LinkedHashMap<>();
        question.put("TRESHOLD", settings.threshold()); // sic: the field is spelled so
        question.putAll(elements);
        Map<String, Object> record = ask(tenantId, verifyByElement, question);
        NikCheckResult result = classify(record);
        Map<String, ElementResult.Match> matches = new LinkedHashMap<>();
        if (result == NikCheckResult.FOUND || result == NikCheckResult.DECEASED) {
            for (String element : elements.keySet()) {
                Object verdict = record.get(element.toLowerCase(Locale.ROOT));
                if (verdict != null) {
                    matches.put(element, match(String.valueOf(verdict)));
                }
            }
        }
        return new ElementResult(result.name(), matches);
    }

    /** "Sesuai", or "Tidak Sesuai (59)": whether it matched, and the score if one is given. */
    static ElementResult.Match match(String verdict) {
        String text = verdict.strip().toLowerCase(Locale.ROOT);
        int score = -1;
        int open = text.indexOf('(');
        int close = text.indexOf(')', open + 1);
        if (open >= 0 && close > open) {
            try {
                score = Integer.parseInt(text.substring(open + 1, close).strip());
            } catch (NumberFormatException e) {
                score = -1;
            }
        }
        return new ElementResult.Match(text.startsWith("sesuai"), score);
    }

    /**
     * Tries the regency's credentials: a CALL_NIK of a NIK no one holds. Dukcapil checks the
     * access first, so "not found" (or its quota, or its hours) means they were accepted.
     *
     * @return {@code null} when accepted, else why not
     * @throws AgencyException when Dukcapil could not be reached (retried like any call)
     */
    public String tryAccess(String tenantId) throws AgencyException {
        Optional<ConnectorCredentials.Credentials> entered = stored.fresh(tenantId, AGENCY);
        if (entered.isEmpty()) {
            return "Kredensial kabupaten/kota ini tidak tersimpan lagi";
        }
        try {
            classify(post(callNik, body(tenantId, entered, Map.of("NIK", "0000000000000000"))));
            return null;
        } catch (AgencyException e) {
            return switch (e.kind()) {
                case QUOTA, OUTSIDE_HOURS -> null;
                case CONFIGURATION, BAD_REQUEST, REJECTED -> e.getMessage();
                default -> throw e;
            };
        }
    }

    /**
     * Posts a question with the regency's credentials. Refused access with the credentials this
     * process read earlier: they are read again, and the question asked once more if they changed
     * (the regency's admin may have replaced them in another process a moment ago).
     */
    private Map<String, Object> ask(String tenantId, URI uri, Map<String, Object> question) throws AgencyException {
        Optional<ConnectorCredentials.Credentials> used = stored.forCall(tenantId, AGENCY);
        Map<String, Object> record = post(uri, body(tenantId, used, question));
        if (used.isPresent() && accessRefused(record)) {
            Optional<ConnectorCredentials.Credentials> now = stored.fresh(tenantId, AGENCY);
            if (!now.equals(used)) {
                record = post(uri, body(tenantId, now, question));
            }
        }
        return record;
    }

    private static boolean accessRefused(Map<String, Object> record) {
        try {
            classify(record);
            return false;
        } catch (AgencyException e) {
            return e.kind() == Kind.CONFIGURATION;
        }
    }

    /** The question with the regency's own credentials if it entered any, else the deployment's. */
    private Map<String, Object> body(
            String tenantId, Optional<ConnectorCredentials.Credentials> entered, Map<String, Object> question) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (entered.isPresent()) {
            body.put("user_id", entered.get().userId());
            body.put("password", entered.get().password());
            body.put("ip_user", entered.get().ipUser() != null ? entered.get().ipUser() : settings.ipUser());
        } else {
            DukcapilTenantCredentials own = tenants.get(tenantId);
            body.put("user_id", own != null && own.userId() != null ? own.userId() : userId);
            body.put("password", own != null && own.password() != null ? own.password() : password);
            body.put("ip_user", own != null && own.ipUser() != null ? own.ipUser() : settings.ipUser());
        }
        body.putAll(question);
        return body;
    }

    /** Posts the request; answers the first content record, keys in lower case. */
    private Map<String, Object> post(URI uri, Map<String, Object> body) throws AgencyException {
        HttpResponse<byte[]> response;
        try {
            HttpRequest request = Tracing.traced(HttpRequest.newBuilder(uri))
                    .timeout(settings.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AgencyException(
                    Kind.TRANSPORT, "Dukcapil unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgencyException(Kind.TRANSPORT, "Interrupted while calling Dukcapil", e);
        }
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            throw new AgencyException(Kind.TRANSPORT, "Dukcapil answered HTTP " + response.statusCode());
        }
        if (response.statusCode() != 200) {
            throw new AgencyException(Kind.BAD_REQUEST, "Dukcapil answered HTTP " + response.statusCode());
        }
        return firstContent(response.body());
    }

    private Map<String, Object> firstContent(byte[] body) throws AgencyException {
        Map<String, Object> envelope;
        try {
            envelope = lowerCaseKeys(json.readValue(body, JSON_OBJECT));
        } catch (IOException | RuntimeException e) {
            throw new AgencyException(Kind.TRANSPORT, "Dukcapil answered a body that is not JSON");
        }
        if (envelope.get("content") instanceof List<?> content
                && !content.isEmpty()
                && content.get(0) instanceof Map<?, ?> first) {
            @SuppressWarnings("unchecked")
            Map<String, Object> record = (Map<String, Object>) first;
            return lowerCaseKeys(record);
        }
        throw new AgencyException(Kind.TRANSPORT, "Dukcapil answered without content");
    }

    /** Response codes as seen in public integrations (interfaces.md). */
    static NikCheckResult classify(Map<String, Object> record) throws AgencyException {
        String code = String.valueOf(record.getOrDefault("response_code", "")).strip();
        String respon = String.valueOf(record.getOrDefault("respon", "")).strip();
        if (code.isEmpty() && record.containsKey("nik") && respon.isEmpty()) {
            code = "01";
        }
        return switch (code) {
            case "01", "1" -> NikCheckResult.FOUND;
            case "11" -> NikCheckResult.DECEASED;
            case "12" -> NikCheckResult.MULTIPLE;
            case "08", "13" -> NikCheckResult.NOT_FOUND;
            case "14" -> NikCheckResult.INACTIVE;
            case "15" -> NikCheckResult.INVALID;
            case "03", "04", "09", "10", "16", "17" ->
                throw new AgencyException(
                        Kind.CONFIGURATION, "Dukcapil rejected our access (code " + code + "): " + respon);
            case "05" -> throw new AgencyException(Kind.QUOTA, "Dukcapil daily quota reached (code 05): " + respon);
            case "06" ->
                throw new AgencyException(Kind.OUTSIDE_HOURS, "Dukcapil outside access hours (code 06): " + respon);
            case "07" -> throw new AgencyException(Kind.BAD_REQUEST, "Dukcapil: incomplete request (code 07)");
            default -> classifyByText(respon, code);
        };
    }

    private static NikCheckResult classifyByText(String respon, String code) throws AgencyException {
        String text = respon.toLowerCase(Locale.ROOT);
        if (text.contains("tidak ditemukan")) {
            return NikCheckResult.NOT_FOUND;
        }
        if (text.contains("login gagal") || text.contains("ip address")) {
            throw new AgencyException(Kind.CONFIGURATION, "Dukcapil rejected our access: " + respon);
        }
        if (text.contains("kuota")) {
            throw new AgencyException(Kind.QUOTA, "Dukcapil quota reached: " + respon);
        }
        throw new AgencyException(Kind.TRANSPORT, "Dukcapil answered an unknown response code '" + code + "'");
    }

    private static Map<String, Object> lowerCaseKeys(Map<String, Object> map) {
        Map<String, Object> lower = new LinkedHashMap<>();
        map.forEach((key, value) -> lower.put(key.toLowerCase(Locale.ROOT), value));
        return lower;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
