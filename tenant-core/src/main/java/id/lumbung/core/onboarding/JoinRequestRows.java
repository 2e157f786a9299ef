package id.lumbung.core.onboarding;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Requests to join (a platform table, no tenant rows). */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface JoinRequestRows extends GenericRepository<JoinRequestRow, UUID> {

    @Query("INSERT INTO join_request (id, region_code, province_id, contact_name, contact_position, admin_username,"
            + " note) VALUES (:id, :regionCode, :provinceId, :contactName, :contactPosition, :adminUsername, :note)"
            + " ON CONFLICT DO NOTHING")
    int open(
            UUID id,
            String regionCode,
            String provinceId,
            String contactName,
            String contactPosition,
            String adminUsername,
            @io.micronaut.core.annotation.Nullable String note);

    Optional<JoinRequestRow> findById(UUID id);

    @Query("SELECT * FROM join_request WHERE province_id = :provinceId ORDER BY (state = 'PENDING') DESC,"
            + " created_at DESC LIMIT 200")
    List<JoinRequestRow> ofProvince(String provinceId);

    @Query("SELECT * FROM join_request WHERE id = :id FOR UPDATE")
    Optional<JoinRequestRow> lock(UUID id);

    @Query("UPDATE join_request SET state = :state, decided_by = :by, decided_at = now(), decision_note = :note"
            + " WHERE id = :id AND state = 'PENDING'")
    int decide(UUID id, String state, String by, @io.micronaut.core.annotation.Nullable String note);
}
