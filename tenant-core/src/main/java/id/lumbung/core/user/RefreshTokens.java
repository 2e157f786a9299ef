package id.lumbung.core.user;

import id.lumbung.core.database.TenantTransactions;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque, single-use refresh tokens. Only their SHA-256 hash is stored; using one revokes it
 * and issues the next (rotation), so a stolen token works at most once.
 */
@Singleton
public final class RefreshTokens {
    /** How long a refresh token stays valid. */
    public static final Duration LIFETIME = Duration.ofHours(12);

    private final TenantTransactions transactions;
    private final UserRepository users;
    private final SecureRandom random = new SecureRandom();

    RefreshTokens(TenantTransactions transactions, UserRepository users) {
        this.transactions = transactions;
        this.users = users;
    }

    /** A new refresh token for the user. */
    public String issue(UUID userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        transactions.platform(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO refresh_token (token_hash, user_id, expires_at) VALUES (?, ?, ?)")) {
                insert.setString(1, hash(token));
                insert.setObject(2, userId);
                insert.setTimestamp(3, Timestamp.from(Instant.now().plus(LIFETIME)));
                return insert.executeUpdate();
            }
        });
        return token;
    }

    /** Revokes the token and returns its enabled user, if the token was valid. */
    public Optional<UserAccount> redeem(String token) {
        Optional<UUID> userId = transactions.platform(connection -> {
            try (PreparedStatement revoke = connection.prepareStatement("UPDATE refresh_token SET revoked_at = now()"
                    + " WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > now() RETURNING user_id")) {
                revoke.setString(1, hash(token));
                try (ResultSet rows = revoke.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getObject(1, UUID.class)) : Optional.<UUID>empty();
                }
            }
        });
        return userId.flatMap(users::findById).filter(UserAccount::enabled);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
