package id.lumbung.core.connector;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A regency's own agency credentials, sealed (run inside the regency's transaction). */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ConnectorCredentialRows extends GenericRepository<ConnectorCredentialRows.Row, String> {

    /** As stored: the user id and password sealed. */
    @Introspected
    record Row(
            String tenantId,
            String agency,
            String userIdEncrypted,
            String passwordEncrypted,
            @Nullable String ipUser,
            String setBy,
            Instant setAt,
            @Nullable UUID tryId,
            @Nullable String tryOutcome,
            @Nullable String tryMessage,
            @Nullable Instant triedAt) {}

    @Query("SELECT tenant_id, agency, user_id_encrypted, password_encrypted, ip_user, set_by, set_at, try_id,"
            + " try_outcome, try_message, tried_at FROM connector_credential WHERE tenant_id = :tenantId"
            + " AND agency = :agency")
    Optional<Row> find(String tenantId, String agency);

    @Query("SELECT tenant_id, agency, user_id_encrypted, password_encrypted, ip_user, set_by, set_at, try_id,"
            + " try_outcome, try_message, tried_at FROM connector_credential WHERE tenant_id = :tenantId"
            + " ORDER BY agency")
    List<Row> of(String tenantId);

    @Query("INSERT INTO connector_credential (tenant_id, agency, user_id_encrypted, password_encrypted, ip_user,"
            + " set_by) VALUES (:tenantId, :agency, :userId, :password, :ipUser, :by) ON CONFLICT (tenant_id, agency)"
            + " DO UPDATE SET user_id_encrypted = excluded.user_id_encrypted,"
            + " password_encrypted = excluded.password_encrypted, ip_user = excluded.ip_user, set_by = excluded.set_by,"
            + " set_at = now(), try_id = NULL, try_outcome = NULL, try_message = NULL, tried_at = NULL")
    void store(String tenantId, String agency, String userId, String password, @Nullable String ipUser, String by);

    @Query("DELETE FROM connector_credential WHERE tenant_id = :tenantId AND agency = :agency")
    int remove(String tenantId, String agency);

    /** A pause for a configuration error ends when new credentials are entered: they are what it waited for. */
    @Query("DELETE FROM connector_pause WHERE tenant_id = :tenantId AND agency = :agency AND reason = 'CONFIGURATION'")
    int liftConfigurationPause(String tenantId, String agency);

    @Query("UPDATE connector_credential SET try_id = :tryId, try_outcome = 'WAITING', try_message = NULL,"
            + " tried_at = now() WHERE tenant_id = :tenantId AND agency = :agency")
    int trying(String tenantId, String agency, UUID tryId);

    @Query("UPDATE connector_credential SET try_outcome = :outcome, try_message = :message, tried_at = now()"
            + " WHERE tenant_id = :tenantId AND agency = :agency AND try_id = :tryId")
    int tried(String tenantId, String agency, UUID tryId, String outcome, @Nullable String message);
}
