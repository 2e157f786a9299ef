package id.lumbung.core.connector;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.outbox.OutboxMessage;
import id.lumbung.core.protection.IdentifierProtection;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A regency's own credentials for an agency (Dukcapil gives each social office its own user id,
 * password and registered client IP): entered on its checklist page by whoever onboards it or by
 * its admin, sealed with the NIK key for that regency (AES-GCM, the regency's id as associated
 * data), never shown back — only the user id's first two characters. Its calls use them instead
 * of the platform's. "Try the connection" is a message in the outbox: the worker, the only
 * process that reaches agencies, asks the agency with them and writes what it answered.
 * Entering new credentials lifts the regency's pause for a configuration error (they are what it
 * waited for). The worker reads them at most every {@code lumbung.connectors.credentials-fresh}
 * (30 s), and again at once when the agency refuses the ones it holds ({@link #fresh}); a try
 * always reads them afresh.
 */
@Singleton
public final class ConnectorCredentials {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorCredentials.class);
    /** The agencies whose credentials a regency enters itself. */
    public static final List<String> AGENCIES = List.of("DUKCAPIL");
    /** The outbox kind of a try. */
    public static final String TRY = "CREDENTIAL_TRY";

    private final Authorizer access;
    private final TenantTransactions transactions;
    private final ConnectorCredentialRows rows;
    private final IdentifierProtection protection;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Duration fresh;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** Credentials for a call, in clear (never logged: {@link #toString} leaves the secret out). */
    public record Credentials(String userId, String password, String ipUser) {
        @Override
        public String toString() {
            return "Credentials[userId=" + mask(userId) + "]";
        }
    }

    private record Cached(Optional<Credentials> credentials, Instant readAt) {}

    ConnectorCredentials(
            Authorizer access,
            TenantTransactions transactions,
            ConnectorCredentialRows rows,
            IdentifierProtection protection,
            Outbox outbox,
            AuditLog audit,
            @Value("${lumbung.connectors.credentials-fresh:30s}") Duration fresh) {
        this.access = access;
        this.transactions = transactions;
        this.rows = rows;
        this.protection = protection;
        this.outbox = outbox;
        this.audit = audit;
        this.fresh = fresh;
    }

    /** What the regency stored, per agency it may enter (the password never). */
    public List<ConnectorCredential> list(Caller caller, String tenantId) {
        access.require(caller, Permission.CONNECTOR_READ, tenantId);
        return transactions.inTenant(tenantId, connection -> AGENCIES.stream()
                .map(agency -> rows.find(tenantId, agency)
                        .map(row -> shown(tenantId, row))
                        .orElse(new ConnectorCredential(agency, false, null, null, null, null, null, null, null)))
                .toList());
    }

    /** The regency's credentials for the agency, as the checklist reads them. */
    public ConnectorCredential of(String tenantId, String agency) {
        return transactions.inTenant(tenantId, connection -> rows.find(tenantId, agency)
                .map(row -> shown(tenantId, row))
                .orElse(new ConnectorCredential(agency, false, null, null, null, null, null, null, null)));
    }

    /** Stores (or replaces) the regency's credentials for the agency, sealed. */
    public ConnectorCredential set(
            Caller caller, String tenantId, String agency, String userId, String password, String ipUser) {
        access.require(caller, Permission.CONNECTOR_CONFIGURE, tenantId);
        String name = agency(agency);
        String user = text(userId, "userId", 100).strip();
        // A password is taken as typed: spaces at its ends may be part of it.
        String secret = text(password, "password", 200);
        String ip = ipUser == null || ipUser.isBlank() ? null : ip(ipUser.strip());
        int lifted = transactions.inTenant(tenantId, connection -> {
            rows.store(
                    tenantId,
                    name,
                    protection.encrypt(tenantId, user),
                    protection.encrypt(tenantId, secret),
                    ip,
                    caller.username());
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "CONNECTOR_CREDENTIALS_SET",
                    name,
                    List.of("user_id", "password", "ip_user"),
                    "OK");
            return rows.liftConfigurationPause(tenantId, name);
        });
        cache.remove(key(tenantId, name));
        if (lifted > 0) {
            LOG.info(
                    "Connector {} resumed for tenant {}: new credentials entered by {}",
                    name,
                    tenantId,
                    caller.username());
        }
        return of(tenantId, name);
    }

    /** Forgets the regency's credentials: its calls use the platform's again. */
    public void remove(Caller caller, String tenantId, String agency) {
        access.require(caller, Permission.CONNECTOR_CONFIGURE, tenantId);
        String name = agency(agency);
        transactions.inTenant(tenantId, connection -> {
            if (rows.remove(tenantId, name) == 0) {
                throw missing(name);
            }
            audit.record(connection, tenantId, caller, "CONNECTOR_CREDENTIALS_REMOVE", name, List.of(), "OK");
            return null;
        });
        cache.remove(key(tenantId, name));
    }

    /** Asks the worker to try the stored credentials with the agency; the answer comes with {@link #list}. */
    public ConnectorCredential tryThem(Caller caller, String tenantId, String agency) {
        access.require(caller, Permission.CONNECTOR_CONFIGURE, tenantId);
        String name = agency(agency);
        UUID id = UUID.randomUUID();
        transactions.inTenant(tenantId, connection -> {
            if (rows.trying(tenantId, name, id) == 0) {
                throw missing(name);
            }
            outbox.append(connection, tenantId, name, TRY, id, "{}");
            audit.record(connection, tenantId, caller, "CONNECTOR_CREDENTIALS_TRY", name, List.of(), "OK");
            return null;
        });
        return of(tenantId, name);
    }

    /**
     * The regency's own credentials for a call to the agency, in clear, if it stored any (read
     * at most every {@code credentials-fresh}; at once in the process that changed them).
     */
    public Optional<Credentials> forCall(String tenantId, String agency) {
        Cached cached = cache.get(key(tenantId, agency));
        if (cached == null || cached.readAt().plus(fresh).isBefore(Instant.now())) {
            return fresh(tenantId, agency);
        }
        return cached.credentials();
    }

    /**
     * The regency's own credentials as stored now (for a try, and for a call the agency refused
     * with the ones read before: another process may have replaced them since).
     */
    public Optional<Credentials> fresh(String tenantId, String agency) {
        Instant now = Instant.now();
        Optional<Credentials> read = transactions.inTenant(tenantId, connection -> rows.find(tenantId, agency)
                .map(row -> new Credentials(
                        protection.decrypt(tenantId, row.userIdEncrypted()),
                        protection.decrypt(tenantId, row.passwordEncrypted()),
                        row.ipUser())));
        cache.put(key(tenantId, agency), new Cached(read, now));
        return read;
    }

    /**
     * What the agency answered to a try, written once with the message done.
     *
     * @param outcome {@code OK}, {@code REFUSED} or {@code UNREACHABLE}
     * @param said what it said (never a credential)
     */
    public boolean recordTry(OutboxMessage message, String outcome, String said) {
        return transactions.inTenant(message.tenantId(), connection -> {
            if (!outbox.complete(connection, message.tenantId(), message.id())) {
                return false;
            }
            rows.tried(message.tenantId(), message.agency(), message.aggregateId(), outcome, said);
            return true;
        });
    }

    /** A try the agency did not answer: retried like any call, {@code UNREACHABLE} once given up. */
    public void tryFailed(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
        transactions.inTenant(message.tenantId(), connection -> {
            outbox.retryLater(connection, message.tenantId(), message.id(), delay, reason, giveUp);
            rows.tried(
                    message.tenantId(),
                    message.agency(),
                    message.aggregateId(),
                    giveUp ? "UNREACHABLE" : "WAITING",
                    giveUp ? reason : "Dicoba lagi: " + reason);
            return null;
        });
    }

    private ConnectorCredential shown(String tenantId, ConnectorCredentialRows.Row row) {
        return new ConnectorCredential(
                row.agency(),
                true,
                mask(protection.decrypt(tenantId, row.userIdEncrypted())),
                row.ipUser(),
                row.setBy(),
                row.setAt(),
                row.tryOutcome(),
                row.tryMessage(),
                row.triedAt());
    }

    static String mask(String userId) {
        if (userId == null) {
            return null;
        }
        // A fixed mask: its length says nothing of the user id's.
        return userId.length() <= 2 ? "******" : userId.substring(0, 2) + "******";
    }

    private static String agency(String agency) {
        String name = agency == null ? "" : agency.strip().toUpperCase(Locale.ROOT);
        if (!AGENCIES.contains(name)) {
            throw new LumbungException(
                    ErrorCode.CONNECTOR_CREDENTIALS_INVALID,
                    "A regency enters its own credentials for " + AGENCIES
                            + "; the other agencies' are the deployment's settings");
        }
        return name;
    }

    private static String text(String value, String field, int longest) {
        if (value == null || value.isBlank() || value.length() > longest) {
            throw new LumbungException(
                    ErrorCode.CONNECTOR_CREDENTIALS_INVALID,
                    field + " is required, at most " + longest + " characters");
        }
        return value;
    }

    private static String ip(String text) {
        if (!text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") && !text.matches("[0-9A-Fa-f:]{2,39}")) {
            throw new LumbungException(
                    ErrorCode.CONNECTOR_CREDENTIALS_INVALID, "ipUser is an IPv4 or IPv6 address, e.g. 10.1.2.3");
        }
        return text;
    }

    private static String key(String tenantId, String agency) {
        return tenantId + "/" + agency;
    }

    private static LumbungException missing(String agency) {
        return new LumbungException(
                ErrorCode.CONNECTOR_CREDENTIALS_MISSING, "No credentials of this regency are stored for " + agency);
    }
}
