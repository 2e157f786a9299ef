package id.lumbung.simulators.bank;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import id.lumbung.core.connector.AgencyStandIns;
import id.lumbung.simulators.SimulatorHttp;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real HTTP server that answers like a bank's SNAP BI API, for the demo, tests and benchmarks:
 * the access token (our RSA signature checked), transfers and status inquiries (HMAC-SHA512
 * checked, references deduplicated: a second transfer under a reference answers 409xx01), account
 * numbers starting with 000 are invalid (404xx11), and signed notifications sent to Lumbung —
 * with faults: latency, 500s, a transfer carried out whose answer never comes in time, in-progress
 * transfers settled later, duplicate and out-of-order notifications. Loopback only.
 */
@Singleton
@Requires(property = "lumbung.simulators.enabled", value = "true")
public final class BankSimulator implements AgencyStandIns.Bank {
    public static final String PATH_TOKEN = "/v1.0/access-token/b2b";
    private static final Logger LOG = LoggerFactory.getLogger(BankSimulator.class);
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

    private final JsonMapper json;
    private final KeyPair client = SnapBankSide.keyPair();
    private final KeyPair bank = SnapBankSide.keyPair();
    private final String clientId = "lumbung-" + UUID.randomUUID().toString().substring(0, 8);
    private final String clientSecret = UUID.randomUUID().toString();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Transfer> transfers = new ConcurrentHashMap<>();
    private final AtomicLong transferCalls = new AtomicLong();
    private final AtomicLong statusCalls = new AtomicLong();
    private final AtomicLong duplicateReferences = new AtomicLong();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bank-simulator-notifications");
        thread.setDaemon(true);
        return thread;
    });
    private volatile BankFaults faults = BankFaults.NONE;
    private volatile String notificationUrl;
    private final int port;
    private HttpServer server;

    /** A transfer the bank carried out: how often it was asked, and its state. */
    static final class Transfer {
        final String reference;
        final String bankReference =
                "BNK" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        final String amount;
        final String externalId;
        final AtomicInteger requests = new AtomicInteger();
        volatile String status;

        Transfer(String reference, String amount, String status, String externalId) {
            this.reference = reference;
            this.amount = amount;
            this.status = status;
            this.externalId = externalId;
        }
    }

    public BankSimulator(
            JsonMapper json,
            @Value("${lumbung.simulators.banks.port:8093}") int port,
            @Nullable @Value("${lumbung.simulators.banks.notification-url}") String notificationUrl) {
        this.json = json;
        this.notificationUrl = notificationUrl;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("The bank simulator cannot listen on port " + port, e);
        }
        this.port = server.getAddress().getPort();
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext(PATH_TOKEN, this::token);
        server.createContext("/v1.0/transfer-interbank", this::transfer);
        server.createContext("/v1.0/transfer-intrabank", this::transfer);
        server.createContext("/v1.0/transfer/status", this::status);
        server.createContext("/sim/faults", this::faults);
        server.createContext("/sim/stats", this::stats);
        server.start();
        LOG.info("Bank simulator listening on {}", baseUrl());
    }

    @PreDestroy
    public synchronized void stop() {
        server.stop(0);
        later.shutdownNow();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** The key Lumbung signs its token requests with (generated per start: never a default secret). */
    public PrivateKey clientPrivateKey() {
        return client.getPrivate();
    }

    /** The key Lumbung checks the notifications with. */
    public PublicKey bankPublicKey() {
        return bank.getPublic();
    }

    public void faults(BankFaults faults) {
        this.faults = faults;
    }

    /** Where notifications go, e.g. {@code http://127.0.0.1:8080/api/v1/partners/banks/BNI/notifications}. */
    public void notificationUrl(String url) {
        this.notificationUrl = url;
    }

    /** Transfer requests received (duplicates and failures included). */
    public long transferCalls() {
        return transferCalls.get();
    }

    public long statusCalls() {
        return statusCalls.get();
    }

    /** How many transfer requests came with this reference (carried out at most once). */
    public int requestsFor(String reference) {
        Transfer transfer = transfers.get(reference);
        return transfer == null ? 0 : transfer.requests.get();
    }

    /** Whether a transfer with this reference was carried out. */
    public boolean carriedOut(String reference) {
        return transfers.containsKey(reference);
    }

    /**
     * Records a transfer as carried out already (an earlier attempt whose answer was lost), sent
     * with {@code externalId}: inquiries naming another X-EXTERNAL-ID do not find it.
     */
    public void carriedOutElsewhere(String reference, String amount, String externalId) {
        transfers.putIfAbsent(reference, new Transfer(reference, amount, "00", externalId));
    }

    /**
     * A notification as the bank sends it, signed: headers and body. Tests send it themselves,
     * as often and as altered as they like.
     */
    public record Notification(String path, String body, Map<String, String> headers) {}

    public Notification notification(String path, String reference, String status, String externalId) {
        return notification(path, reference, status, externalId, ZonedDateTime.now(WIB));
    }

    /** A notification signed as sent at {@code sentAt} (a stale one, for tests). */
    public Notification notification(
            String path, String reference, String status, String externalId, ZonedDateTime sentAt) {
        Transfer transfer = transfers.get(reference);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("originalPartnerReferenceNo", reference);
        body.put("originalReferenceNo", transfer == null ? null : transfer.bankReference);
        body.put("latestTransactionStatus", status);
        body.put("transactionStatusDesc", "00".equals(status) ? "Success" : "03".equals(status) ? "Pending" : "Failed");
        body.put("amount", Map.of("value", transfer == null ? "0.00" : transfer.amount, "currency", "IDR"));
        String payload = write(body);
        String timestamp = TIMESTAMP.format(sentAt.withZoneSameInstant(WIB).withNano(0));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-TIMESTAMP", timestamp);
        headers.put("X-SIGNATURE", SnapBankSide.signNotification(bank.getPrivate(), path, payload, timestamp));
        headers.put("X-PARTNER-ID", "BANKSIM");
        headers.put("X-EXTERNAL-ID", externalId);
        headers.put("CHANNEL-ID", "95221");
        return new Notification(path, payload, headers);
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            String timestamp = exchange.getRequestHeaders().getFirst("X-TIMESTAMP");
            String key = exchange.getRequestHeaders().getFirst("X-CLIENT-KEY");
            String signature = exchange.getRequestHeaders().getFirst("X-SIGNATURE");
            if (!clientId.equals(key)
                    || timestamp == null
                    || !SnapBankSide.tokenSigned(client.getPublic(), key, timestamp, signature)) {
                respond(exchange, 401, Map.of("responseCode", "4017300", "responseMessage", "Unauthorized. Signature"));
                return;
            }
            String token = UUID.randomUUID().toString().replace("-", "");
            tokens.put(token, key);
            respond(
                    exchange,
                    200,
                    Map.of(
                            "responseCode", "2007300",
                            "responseMessage", "Successful",
                            "accessToken", token,
                            "tokenType", "Bearer",
                            "expiresIn", "900"));
        }
    }

    private void transfer(HttpExchange exchange) throws IOException {
        try (exchange) {
            transferCalls.incrementAndGet();
            BankFaults current = faults;
            SimulatorHttp.sleep(current.latencyMs());
            String body = verified(exchange);
            if (body == null) {
                return;
            }
            if (ThreadLocalRandom.current().nextDouble() < current.errorRate()) {
                respond(exchange, 500, Map.of("responseCode", "5001800", "responseMessage", "General Error"));
                return;
            }
            Map<String, Object> request = json.readValue(body, JSON_OBJECT);
            String reference = String.valueOf(request.get("partnerReferenceNo"));
            String account = String.valueOf(request.get("beneficiaryAccountNo"));
            String amount = String.valueOf(((Map<?, ?>) request.getOrDefault("amount", Map.of())).get("value"));
            if (account.startsWith("000")) {
                respond(exchange, 404, Map.of("responseCode", "4041811", "responseMessage", "Invalid Account"));
                return;
            }
            Transfer fresh = new Transfer(
                    reference,
                    amount,
                    current.inProgress() ? "03" : "00",
                    exchange.getRequestHeaders().getFirst("X-EXTERNAL-ID"));
            Transfer known = transfers.putIfAbsent(reference, fresh);
            Transfer transfer = known == null ? fresh : known;
            transfer.requests.incrementAndGet();
            if (known != null) {
                duplicateReferences.incrementAndGet();
                respond(
                        exchange,
                        409,
                        Map.of("responseCode", "4091801", "responseMessage", "Duplicate partnerReferenceNo"));
                return;
            }
            if (current.inProgress()) {
                settleLater(transfer, current);
            }
            SimulatorHttp.sleep(current.hangAfterTransferMs());
            respond(
                    exchange,
                    current.inProgress() ? 202 : 200,
                    Map.of(
                            "responseCode",
                            current.inProgress() ? "2021800" : "2001800",
                            "responseMessage",
                            current.inProgress() ? "Request In Progress" : "Successful",
                            "referenceNo",
                            transfer.bankReference,
                            "partnerReferenceNo",
                            reference));
        }
    }

    /**
     * {@code GET /sim/stats}: transfer and status requests received, transfers carried out (one
     * per reference, ever), and transfers sent again under a reference already carried out —
     * each answered 409, never paid twice, but a resend the client should not have made.
     */
    private void stats(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(
                    exchange,
                    200,
                    Map.of(
                            "transferRequests", transferCalls.get(),
                            "statusRequests", statusCalls.get(),
                            "carriedOut", transfers.size(),
                            "duplicateReferences", duplicateReferences.get()));
        }
    }

    private void status(HttpExchange exchange) throws IOException {
        try (exchange) {
            statusCalls.incrementAndGet();
            SimulatorHttp.sleep(faults.latencyMs());
            String body = verified(exchange);
            if (body == null) {
                return;
            }
            Map<String, Object> request = json.readValue(body, JSON_OBJECT);
            Transfer transfer = transfers.get(String.valueOf(request.get("originalPartnerReferenceNo")));
            Object originalExternalId = request.get("originalExternalId");
            if (transfer != null
                    && transfer.externalId != null
                    && originalExternalId != null
                    && !transfer.externalId.equals(originalExternalId)) {
                // Named by its reference but with another transfer's X-EXTERNAL-ID: not this transaction.
                respond(exchange, 404, Map.of("responseCode", "4043601", "responseMessage", "Transaction Not Found"));
                return;
            }
            if (transfer == null) {
                respond(exchange, 404, Map.of("responseCode", "4043601", "responseMessage", "Transaction Not Found"));
                return;
            }
            respond(
                    exchange,
                    200,
                    Map.of(
                            "responseCode",
                            "2003600",
                            "responseMessage",
                            "Successful",
                            "originalPartnerReferenceNo",
                            transfer.reference,
                            "originalReferenceNo",
                            transfer.bankReference,
                            "latestTransactionStatus",
                            transfer.status,
                            "transactionStatusDesc",
                            "00".equals(transfer.status) ? "Success" : "Pending"));
        }
    }

    /** The body, if the bearer token and the HMAC-SHA512 signature hold; else a 401 is answered. */
    private String verified(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = authorization == null ? "" : authorization.replaceFirst("^Bearer ", "");
        String timestamp = exchange.getRequestHeaders().getFirst("X-TIMESTAMP");
        if (!tokens.containsKey(token)) {
            respond(exchange, 401, Map.of("responseCode", "4011801", "responseMessage", "Invalid Token (B2B)"));
            return null;
        }
        if (!SnapBankSide.transactionSigned(
                clientSecret,
                "POST",
                exchange.getRequestURI().getPath(),
                token,
                body,
                String.valueOf(timestamp),
                exchange.getRequestHeaders().getFirst("X-SIGNATURE"))) {
            respond(exchange, 401, Map.of("responseCode", "4011800", "responseMessage", "Unauthorized. Signature"));
            return null;
        }
        return body;
    }

    private void settleLater(Transfer transfer, BankFaults current) {
        later.schedule(
                () -> {
                    transfer.status = "00";
                    String url = notificationUrl;
                    if (url == null) {
                        return;
                    }
                    String externalId =
                            Long.toString(ThreadLocalRandom.current().nextLong(1L << 40));
                    List<String> statuses = current.outOfOrder() ? List.of("00", "03") : List.of("00");
                    for (String status : statuses) {
                        for (int copy = 0; copy < Math.max(1, current.notificationCopies()); copy++) {
                            deliver(
                                    url,
                                    notification(
                                            URI.create(url).getPath(),
                                            transfer.reference,
                                            status,
                                            externalId + status));
                        }
                    }
                },
                300,
                TimeUnit.MILLISECONDS);
    }

    /** Sends a notification to Lumbung; answers the HTTP status (or -1 when unreachable). */
    public int deliver(String url, Notification notification) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(notification.body()));
        notification.headers().forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void faults(HttpExchange exchange) throws IOException {
        faults = SimulatorHttp.faults(json, exchange, BankFaults.class, faults, "Body must be a BankFaults record");
    }

    private String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        SimulatorHttp.respond(json, exchange, status, body);
    }
}
