package id.lumbung.core.onboarding;

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

/** Invitations, province templates and what a tenant's checklist counts. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface OnboardingRows extends GenericRepository<InvitationRow, UUID> {

    InvitationRow save(InvitationRow row);

    @Query("SELECT lumbung_invitation_tenant(:hash)")
    Optional<String> tenantOfToken(String hash);

    @Query("SELECT * FROM invitation WHERE tenant_id = :tenantId AND token_hash = :hash AND used_at IS NULL"
            + " AND expires_at > now() FOR UPDATE")
    Optional<InvitationRow> openByHash(String tenantId, String hash);

    @Query("UPDATE invitation SET used_at = now() WHERE tenant_id = :tenantId AND id = :id")
    int use(String tenantId, UUID id);

    @Query("SELECT * FROM invitation WHERE tenant_id = :tenantId AND used_at IS NULL AND expires_at > now()"
            + " ORDER BY created_at DESC LIMIT 50")
    List<InvitationRow> pending(String tenantId);

    /** A province's template. */
    @Introspected
    record Template(
            String provinceId,
            String approvalChain,
            double matchThreshold,
            double reviewThreshold,
            String updatedBy,
            Instant updatedAt) {}

    @Query("SELECT province_id, approval_chain, match_threshold, review_threshold, updated_by, updated_at"
            + " FROM province_template WHERE province_id = :provinceId")
    Optional<Template> template(String provinceId);

    @Query("INSERT INTO province_template (province_id, approval_chain, match_threshold, review_threshold,"
            + " updated_by) VALUES (:provinceId, :chain, :match, :review, :by) ON CONFLICT (province_id) DO UPDATE"
            + " SET approval_chain = excluded.approval_chain, match_threshold = excluded.match_threshold,"
            + " review_threshold = excluded.review_threshold, updated_by = excluded.updated_by, updated_at = now()")
    int saveTemplate(String provinceId, String chain, double match, double review, String by);

    @Query("INSERT INTO approval_step (tenant_id, position, role, label) VALUES (:tenantId, :position, :role, :label)"
            + " ON CONFLICT DO NOTHING")
    int addStep(String tenantId, int position, String role, String label);

    @Query("INSERT INTO identity_setting (tenant_id, match_threshold, review_threshold, updated_by)"
            + " VALUES (:tenantId, :match, :review, :by) ON CONFLICT (tenant_id) DO NOTHING")
    int setThresholds(String tenantId, double match, double review, String by);

    /** What a tenant's checklist counts, in one read. */
    @Introspected
    record Progress(
            long admins,
            long verifiers,
            long users,
            long pendingInvitations,
            long approvalSteps,
            @Nullable Instant firstImport,
            long households,
            @Nullable Instant firstVerification,
            long proposals) {}

    @Query("SELECT"
            + " (SELECT count(*) FROM app_user WHERE tenant_id = :tenantId AND enabled AND 'TENANT_ADMIN' = ANY (roles))"
            + "   AS admins,"
            + " (SELECT count(*) FROM app_user WHERE tenant_id = :tenantId AND enabled AND 'VERIFIER' = ANY (roles))"
            + "   AS verifiers,"
            + " (SELECT count(*) FROM app_user WHERE tenant_id = :tenantId AND enabled) AS users,"
            + " (SELECT count(*) FROM invitation WHERE tenant_id = :tenantId AND used_at IS NULL AND expires_at > now())"
            + "   AS pending_invitations,"
            + " (SELECT count(*) FROM approval_step WHERE tenant_id = :tenantId) AS approval_steps,"
            + " (SELECT min(created_at) FROM import_job WHERE tenant_id = :tenantId AND status = 'SUCCEEDED')"
            + "   AS first_import,"
            + " (SELECT count(*) FROM household WHERE tenant_id = :tenantId) AS households,"
            + " (SELECT min(at) FROM (SELECT min(created_at) AS at FROM verification_batch WHERE tenant_id = :tenantId"
            + "   UNION ALL SELECT min(created_at) FROM civil_sync WHERE tenant_id = :tenantId) v) AS first_verification,"
            + " (SELECT count(*) FROM proposal WHERE tenant_id = :tenantId) AS proposals")
    Progress progress(String tenantId);
}
