package id.lumbung.connectors.bank;

import id.lumbung.connectors.camel.PipelineSettings;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.time.ZoneId;

/**
 * One paying bank ({@code lumbung.connectors.banks.<code>.*}): where it is, our credentials and
 * keys there (secrets, from the environment), its public key for its notifications, and how its
 * SNAP dialect differs (paths, service code, timestamp format). With {@code simulated=true} and no
 * base URL, the in-process bank simulator stands in (demo and tests).
 *
 * @param code the bank's code in Lumbung, e.g. {@code BNI} (upper case in the outbox: BANK_BNI)
 * @param simulated use the bank simulator
 * @param baseUrl e.g. {@code https://api.bank.example.co.id}
 * @param clientId our client id (X-CLIENT-KEY)
 * @param clientSecret our client secret, for the transactions' HMAC-SHA512
 * @param privateKey our RSA private key (PKCS#8, base64 or PEM), for the access token's signature
 * @param bankPublicKey the bank's RSA public key (X.509, base64 or PEM), for its notifications
 * @param partnerId X-PARTNER-ID
 * @param channelId CHANNEL-ID
 * @param sourceAccountNo the programme's account the aid is paid from
 * @param tokenPath the access token's path
 * @param transferPath the transfer's path (interbank or intrabank)
 * @param statusPath the status inquiry's path
 * @param serviceCode the transfer's SNAP service code (18 interbank, 17 intrabank)
 * @param timestampFormat X-TIMESTAMP's pattern
 * @param zone X-TIMESTAMP's zone
 * @param notificationWindow how far a notification's timestamp may be from now
 * @param requestTimeout one call's timeout; after it the outcome is asked, never resent blindly
 * @param followUp how long after an "in progress" answer the status is asked again (in case no
 *     notification comes)
 * @param ratePerSecond calls a second to this bank
 * @param concurrency calls in flight
 * @param maxAttempts claims of one payment before it is a dead letter
 * @param lease how long a claimed payment is reserved for its worker; by default the longer of
 *     30 request timeouts and 5 minutes (an attempt's calls with their redeliveries). Never less
 *     than one request timeout; shorter than an attempt only in tests.
 */
@EachProperty("lumbung.connectors.banks")
public record BankProfile(
        @Parameter String code,
        @Bindable(defaultValue = "false") boolean simulated,
        @Nullable String baseUrl,
        @Nullable String clientId,
        @Nullable String clientSecret,
        @Nullable String privateKey,
        @Nullable String bankPublicKey,
        @Bindable(defaultValue = "LUMBUNG") String partnerId,
        @Bindable(defaultValue = "95221") String channelId,
        @Bindable(defaultValue = "0000000000") String sourceAccountNo,
        @Bindable(defaultValue = "/v1.0/access-token/b2b") String tokenPath,
        @Bindable(defaultValue = "/v1.0/transfer-interbank") String transferPath,
        @Bindable(defaultValue = "/v1.0/transfer/status") String statusPath,
        @Bindable(defaultValue = "18") String serviceCode,
        @Bindable(defaultValue = "yyyy-MM-dd'T'HH:mm:ssXXX") String timestampFormat,
        @Bindable(defaultValue = "Asia/Jakarta") ZoneId zone,
        @Bindable(defaultValue = "5m") Duration notificationWindow,
        @Bindable(defaultValue = "10s") Duration requestTimeout,
        @Bindable(defaultValue = "2m") Duration followUp,
        @Bindable(defaultValue = "10") double ratePerSecond,
        @Bindable(defaultValue = "4") int concurrency,
        @Bindable(defaultValue = "20") int maxAttempts,
        @Nullable Duration lease) {

    /** The bank's code as the outbox and the URLs know it. */
    public String name() {
        return code.toUpperCase(java.util.Locale.ROOT);
    }

    PipelineSettings pipeline() {
        return new PipelineSettings(
                Duration.ofMillis(250),
                20,
                // Long enough for an attempt's calls (token, status, transfer, status) and its
                // redeliveries: a lease that ran out mid-attempt would let another worker in.
                lease != null
                        ? max(lease, requestTimeout)
                        : max(requestTimeout.multipliedBy(30), Duration.ofMinutes(5)),
                concurrency,
                ratePerSecond,
                0,
                zone,
                2,
                Duration.ofMillis(500),
                5,
                10,
                50,
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                maxAttempts);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Without the secrets. */
    @Override
    public String toString() {
        return "BankProfile[code=" + code + ", simulated=" + simulated + ", baseUrl=" + baseUrl + "]";
    }
}
