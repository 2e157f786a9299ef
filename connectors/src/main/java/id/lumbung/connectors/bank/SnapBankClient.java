package id.lumbung.connectors.bank;

import id.lumbung.connectors.camel.AgencyException;
import id.lumbung.connectors.camel.AgencyException.Kind;
import id.lumbung.core.disbursement.BankOutcome;
import id.lumbung.core.disbursement.Disbursement;
import id.lumbung.core.observability.Tracing;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A SNAP BI client for one bank: an access token signed with our RSA key (cached until it
 * expires), transactions signed with HMAC-SHA512, a fresh X-EXTERNAL-ID per request (a
 * transfer's is kept, and its inquiries name it as originalExternalId), and the
 * bank's response codes (HTTP status + service code + case) turned into outcomes and failures.
 * Never logs a body: it holds account numbers.
 */
public final class SnapBankClient {
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final BankProfile profile;
    private final JsonMapper json;
    private final HttpClient http;
    private final URI base;
    private final String clientId;
    private final String clientSecret;
    private final PrivateKey privateKey;
    private final PublicKey bankPublicKey;
    private final DateTimeFormatter timestamps;
    private volatile String token;
    private volatile Instant tokenExpires = Instant.EPOCH;
    private volatile Instant tokenFetched = Instant.EPOCH;

    /**
     * Where and who: the profile's own settings, or the simulator's.
     *
     * @param baseUrl the bank's base URL
     * @param clientId our client id
     * @param clientSecret our client secret
     * @param privateKey our private key
     * @param bankPublicKey the bank's public key
     */
    record Endpoint(
            String baseUrl, String clientId, String clientSecret, PrivateKey privateKey, PublicKey bankPublicKey) {
        @Override
        public String toString() {
            return "Endpoint[" + baseUrl + "]";
        }
    }

    SnapBankClient(BankProfile profile, Endpoint endpoint, JsonMapper json) {
        this.profile = profile;
        this.json = json;
        this.base = URI.create(endpoint.baseUrl().endsWith("/") ? endpoint.baseUrl() : endpoint.baseUrl() + "/");
        this.clientId = endpoint.clientId();
        this.clientSecret = endpoint.clientSecret();
        this.privateKey = endpoint.privateKey();
        this.bankPublicKey = endpoint.bankPublicKey();
        this.timestamps = DateTimeFormatter.ofPattern(profile.timestampFormat());
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Sends the transfer under the disbursement's reference, dated {@code sentAt} (when it was first
     * sent: a resend repeats the original date, so a bank that deduplicates per day still does).
     */
    public BankOutcome transfer(Disbursement disbursement, String accountNo, Instant sentAt, String externalId)
            throws AgencyException {
        return transfer(disbursement, accountNo, sentAt, externalId, externalId);
    }

    /**
     * As {@link #transfer(Disbursement, String, Instant, String)}; a 409 "already processed" is
     * settled by an inquiry naming {@code inquiryId} ({@code null}: a resend, which cannot tell
     * which earlier send the bank has).
     */
    public BankOutcome transfer(
            Disbursement disbursement, String accountNo, Instant sentAt, String externalId, String inquiryId)
            throws AgencyException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partnerReferenceNo", disbursement.partnerReferenceNo());
        body.put("amount", amount(disbursement.amount()));
        body.put("beneficiaryAccountName", disbursement.beneficiaryName());
        body.put("beneficiaryAccountNo", accountNo);
        body.put("sourceAccountNo", profile.sourceAccountNo());
        body.put("transactionDate", at(sentAt));
        body.put("additionalInfo", Map.of("programme", disbursement.programme(), "period", disbursement.period()));
        Map<String, Object> answer = transaction(profile.transferPath(), body, externalId);
        String code = code(answer);
        String kase = code.length() == 7 ? code.substring(5) : "";
        return switch (code.length() == 7 ? code.substring(0, 3) : "") {
            case "200" -> new BankOutcome("SUCCEEDED", code, text(answer, "referenceNo"), null, "TRANSFER");
            case "202" -> new BankOutcome("IN_PROGRESS", code, text(answer, "referenceNo"), null, "TRANSFER");
            case "409" -> {
                if ("01".equals(kase)) {
                    // The bank has this reference already: it was processed; ask what became of it.
                    BankOutcome known = status(disbursement, sentAt, inquiryId);
                    yield "NOT_FOUND".equals(known.status())
                            ? new BankOutcome("IN_PROGRESS", code, null, null, "TRANSFER")
                            : known;
                }
                throw new AgencyException(Kind.TRANSPORT, "Duplicate X-EXTERNAL-ID (" + code + "); sent again");
            }
            // The bank's free text may quote the account: only the code is kept.
            case "404", "403" ->
                new BankOutcome("FAILED", code, null, "Refused by the bank (" + code + ")", "TRANSFER");
            default -> throw unexpected(code);
        };
    }

    /**
     * Asks what became of the transfer with the disbursement's reference, first sent at {@code
     * sentAt}, last sent with the X-EXTERNAL-ID {@code originalExternalId} (named when known).
     */
    public BankOutcome status(Disbursement disbursement, Instant sentAt, String originalExternalId)
            throws AgencyException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("originalPartnerReferenceNo", disbursement.partnerReferenceNo());
        if (originalExternalId != null) {
            body.put("originalExternalId", originalExternalId);
        }
        body.put("serviceCode", profile.serviceCode());
        body.put("transactionDate", at(sentAt));
        Map<String, Object> answer = transaction(profile.statusPath(), body, externalId());
        String code = code(answer);
        if (code.length() == 7 && code.startsWith("404") && code.endsWith("01")) {
            return new BankOutcome("NOT_FOUND", code, null, null, "STATUS_INQUIRY");
        }
        if (code.startsWith("404")) {
            // Any other 404 says nothing about the transfer: ask again, never take it as "never seen".
            throw new AgencyException(Kind.TRANSPORT, "Status inquiry answered " + code);
        }
        if (!code.startsWith("200")) {
            throw unexpected(code);
        }
        String latest = text(answer, "latestTransactionStatus");
        String reference = text(answer, "originalReferenceNo");
        SnapStatus status = SnapStatus.of(latest)
                .orElseThrow(
                        () -> new AgencyException(Kind.TRANSPORT, "Unknown latestTransactionStatus '" + latest + "'"));
        return switch (status) {
            case SUCCEEDED, IN_PROGRESS -> new BankOutcome(status.name(), code, reference, null, "STATUS_INQUIRY");
            case FAILED ->
                new BankOutcome(
                        status.name(), code, reference, text(answer, "transactionStatusDesc"), "STATUS_INQUIRY");
            case NOT_FOUND -> new BankOutcome(status.name(), code, null, null, "STATUS_INQUIRY");
        };
    }

    /**
     * Checks a notification the bank sent: its timestamp within the window and its SHA256withRSA
     * signature over {@code POST:path:sha256(minified body):timestamp}.
     *
     * @return {@code null} if it holds, else why not
     */
    public String verifyNotification(String path, String body, String timestamp, String signature) {
        if (timestamp == null || signature == null) {
            return "X-TIMESTAMP and X-SIGNATURE are required";
        }
        Instant sent;
        try {
            sent = ZonedDateTime.parse(timestamp, timestamps).toInstant();
        } catch (DateTimeParseException e) {
            return "X-TIMESTAMP is not " + profile.timestampFormat();
        }
        if (Duration.between(sent, Instant.now()).abs().compareTo(profile.notificationWindow()) > 0) {
            return "X-TIMESTAMP is outside the accepted window";
        }
        if (!SnapSignatures.rsaVerify(
                bankPublicKey, SnapSignatures.notificationStringToSign("POST", path, body, timestamp), signature)) {
            return "X-SIGNATURE does not verify";
        }
        return null;
    }

    private Map<String, Object> transaction(String path, Map<String, Object> body, String externalId)
            throws AgencyException {
        String accessToken = accessToken();
        String payload = write(body);
        String timestamp = now();
        HttpRequest request = Tracing.traced(
                        HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path)))
                .timeout(profile.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + accessToken)
                .header("X-TIMESTAMP", timestamp)
                .header(
                        "X-SIGNATURE",
                        SnapSignatures.hmacSha512(
                                clientSecret,
                                SnapSignatures.transactionStringToSign("POST", path, accessToken, payload, timestamp)))
                .header("X-PARTNER-ID", profile.partnerId())
                .header("X-EXTERNAL-ID", externalId)
                .header("CHANNEL-ID", profile.channelId())
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 401) {
            boolean fresh = Duration.between(tokenFetched, Instant.now()).compareTo(Duration.ofMinutes(1)) < 0;
            token = null; // expired or revoked: the next attempt fetches a new one
            if (fresh) {
                // A token just given is refused: our signature (client secret) is wrong, not the token.
                throw new AgencyException(Kind.CONFIGURATION, "The bank refused our signed request (HTTP 401)");
            }
            throw new AgencyException(Kind.TRANSPORT, "The bank refused our access token (HTTP 401)");
        }
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            throw new AgencyException(Kind.TRANSPORT, "The bank answered HTTP " + response.statusCode());
        }
        return read(response.body());
    }

    private synchronized String accessToken() throws AgencyException {
        if (token != null && Instant.now().isBefore(tokenExpires)) {
            return token;
        }
        String timestamp = now();
        HttpRequest request = Tracing.traced(HttpRequest.newBuilder(base.resolve(
                        profile.tokenPath().startsWith("/")
                                ? profile.tokenPath().substring(1)
                                : profile.tokenPath())))
                .timeout(profile.requestTimeout())
                .header("Content-Type", "application/json")
                .header("X-TIMESTAMP", timestamp)
                .header("X-CLIENT-KEY", clientId)
                .header(
                        "X-SIGNATURE",
                        SnapSignatures.rsaSign(privateKey, SnapSignatures.tokenStringToSign(clientId, timestamp)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"grantType\":\"client_credentials\"}"))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new AgencyException(
                    Kind.CONFIGURATION, "The bank refused our client credentials (HTTP " + response.statusCode() + ")");
        }
        if (response.statusCode() != 200) {
            throw new AgencyException(Kind.TRANSPORT, "Access token: the bank answered HTTP " + response.statusCode());
        }
        Map<String, Object> answer = read(response.body());
        String fresh = text(answer, "accessToken");
        if (fresh == null) {
            throw new AgencyException(Kind.TRANSPORT, "Access token: no accessToken in the answer");
        }
        long seconds;
        try {
            seconds = Long.parseLong(String.valueOf(answer.getOrDefault("expiresIn", "900")));
        } catch (NumberFormatException e) {
            seconds = 900;
        }
        token = fresh;
        tokenFetched = Instant.now();
        tokenExpires = tokenFetched.plusSeconds(Math.max(30, seconds - 30));
        return fresh;
    }

    private HttpResponse<String> send(HttpRequest request) throws AgencyException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AgencyException(Kind.TRANSPORT, "No answer from the bank in time: outcome unknown", e);
        } catch (IOException e) {
            throw new AgencyException(
                    Kind.TRANSPORT, "The bank is unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgencyException(Kind.TRANSPORT, "Interrupted while calling the bank", e);
        }
    }

    private static AgencyException unexpected(String code) {
        if (code.startsWith("400")) {
            return new AgencyException(Kind.BAD_REQUEST, "The bank refused the request (" + code + ")");
        }
        if (code.startsWith("401") || code.startsWith("403")) {
            return new AgencyException(Kind.CONFIGURATION, "The bank refused our signature (" + code + ")");
        }
        return new AgencyException(Kind.TRANSPORT, "Unexpected answer from the bank: " + code);
    }

    private static Map<String, String> amount(BigDecimal value) {
        Map<String, String> amount = new LinkedHashMap<>();
        amount.put("value", value.setScale(2).toPlainString());
        amount.put("currency", "IDR");
        return amount;
    }

    private String at(Instant instant) {
        return instant == null
                ? now()
                : timestamps.format(instant.atZone(profile.zone()).withNano(0));
    }

    private String now() {
        return timestamps.format(ZonedDateTime.now(profile.zone()).withNano(0));
    }

    /** A new X-EXTERNAL-ID, unique per day as SNAP asks: the millisecond of the day and random digits. */
    public static String externalId() {
        return Long.toString(System.currentTimeMillis() % 86_400_000L)
                + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
    }

    private String write(Map<String, Object> body) throws AgencyException {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new AgencyException(Kind.BAD_REQUEST, "The request could not be written");
        }
    }

    private Map<String, Object> read(String body) throws AgencyException {
        try {
            return json.readValue(body, JSON_OBJECT);
        } catch (IOException | RuntimeException e) {
            throw new AgencyException(Kind.TRANSPORT, "The bank answered a body that is not JSON");
        }
    }

    private static String code(Map<String, Object> answer) {
        String code = text(answer, "responseCode");
        return code == null ? "" : code.strip();
    }

    private static String text(Map<String, Object> answer, String key) {
        Object value = answer.get(key);
        return value == null ? null : String.valueOf(value);
    }
}
