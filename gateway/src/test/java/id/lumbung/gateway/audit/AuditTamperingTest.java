package id.lumbung.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.audit.AuditCheckpoints;
import id.lumbung.core.testing.TestDatabase;
import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Someone with write access to the database but not the audit key tries to hide what happened:
 * cut the newest entries, rewrite one in the middle and recompute the chain after it, pass a
 * whole chain off as entries from before keys, swap two, forge a checkpoint.
 * Each is found at the first affected entry. Each case has a regency of its own (Sulawesi
 * Tengah), onboarded as a real one is: by the platform admin, with its first tenant admin.
 */
@MicronautTest(transactional = false)
class AuditTamperingTest extends ApiTest {
    @Inject
    AuditCheckpoints checkpoints;

    /** A tenant with a dozen audited acts, its auditor's token, and its chain signed. */
    private record Chain(String tenantId, String auditor, long head) {}

    private Chain chainOf(String regionCode) {
        String platform = login("admin");
        var tenant = postJson("/api/v1/tenants", platform, "{\"regionCode\":\"" + regionCode + "\"}");
        assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(201);
        String tenantId = regionCode.replace(".", "");
        String adminName =
                "admin-" + tenantId + "-" + UUID.randomUUID().toString().substring(0, 4);
        var admin = postJson(
                "/api/v1/tenants/" + tenantId + "/users",
                platform,
                "{\"username\":\"" + adminName + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"TENANT_ADMIN\"]}");
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(201);
        String adminToken = login(adminName);
        String auditorName =
                "auditor-" + tenantId + "-" + UUID.randomUUID().toString().substring(0, 4);
        postJson(
                "/api/v1/tenants/" + tenantId + "/users",
                adminToken,
                "{\"username\":\"" + auditorName + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"AUDITOR\"]}");
        for (int i = 0; i < 10; i++) {
            var narrowed = putJson(
                    "/api/v1/tenants/" + tenantId + "/permissions/APPROVER",
                    adminToken,
                    "{\"denied\":[" + (i % 2 == 0 ? "\"PAYMENT_ORDER\"" : "") + "]}");
            assertThat(narrowed.statusCode()).as(narrowed.body()).isEqualTo(200);
        }
        String auditor = login(auditorName);
        Map<String, Object> before = verify(tenantId, auditor);
        assertThat(before).containsEntry("intact", true);
        checkpoints.sign();
        long head = ((Number) verify(tenantId, auditor).get("checkpointSeq")).longValue();
        assertThat(head).isGreaterThanOrEqualTo(11);
        return new Chain(tenantId, auditor, head);
    }

    private Map<String, Object> verify(String tenantId, String auditor) {
        var response = get("/api/v1/tenants/" + tenantId + "/audit/verify", auditor);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return object(response);
    }

    @Test
    void deletingTheNewestEntriesIsFoundAtTheFirstOneDeleted() throws Exception {
        Chain chain = chainOf("72.01");
        try (Connection owner = TestDatabase.get().ownerConnection();
                PreparedStatement cut =
                        owner.prepareStatement("DELETE FROM audit_log WHERE tenant_id = ? AND seq > ?")) {
            cut.setString(1, chain.tenantId());
            cut.setLong(2, chain.head() - 3);
            assertThat(cut.executeUpdate()).isEqualTo(3);
        }
        assertThat(verify(chain.tenantId(), chain.auditor()))
                .containsEntry("intact", false)
                .containsEntry("reason", "tail_missing")
                .satisfies(result -> assertThat(((Number) result.get("firstBrokenSeq")).longValue())
                        .isEqualTo(chain.head() - 2));
    }

    @Test
    void rewritingAnEntryAndRecomputingTheChainWithoutTheKeyIsFoundAtThatEntry() throws Exception {
        Chain chain = chainOf("72.02");
        long victim = chain.head() - 5;
        forge(chain.tenantId(), victim, true);
        assertThat(verify(chain.tenantId(), chain.auditor()))
                .containsEntry("intact", false)
                .containsEntry("reason", "entry_changed")
                .satisfies(result -> assertThat(((Number) result.get("firstBrokenSeq")).longValue())
                        .isEqualTo(victim));
    }

    @Test
    void aWholeChainRewrittenAsEntriesOfBeforeKeysIsFoundAtItsFirstEntry() throws Exception {
        Chain chain = chainOf("72.05");
        forge(chain.tenantId(), 1, false);
        assertThat(verify(chain.tenantId(), chain.auditor()))
                .containsEntry("intact", false)
                .containsEntry("reason", "entry_changed")
                .containsEntry("firstBrokenSeq", 1);
    }

    @Test
    void aForgedCheckpointIsReportedAndStopsNoSigning() throws Exception {
        Chain chain = chainOf("72.06");
        try (Connection owner = TestDatabase.get().ownerConnection();
                PreparedStatement forged = owner.prepareStatement("INSERT INTO audit_checkpoint (tenant_id, seq,"
                        + " hash, key_id, signed_at, signature) VALUES (?, ?, 'x', 'a1', now(), 'not-a-signature')")) {
            forged.setString(1, chain.tenantId());
            forged.setLong(2, chain.head() + 1_000);
            forged.executeUpdate();
        }
        get("/api/v1/tenants/" + chain.tenantId() + "/audit", chain.auditor()); // one more entry
        checkpoints.sign();
        assertThat(verify(chain.tenantId(), chain.auditor()))
                .containsEntry("intact", false)
                .containsEntry("reason", "checkpoint_not_signed")
                .containsEntry("firstBrokenSeq", (int) chain.head() + 1_000)
                .containsEntry("checkpointSeq", (int) chain.head() + 1);
    }

    /**
     * The forger's best effort without the key: every entry from {@code from} on recomputed as a
     * chain of SHA-256, the first said to be someone else's; {@code keepKeyIds} false passes them
     * off as entries from before keys.
     */
    private static void forge(String tenantId, long from, boolean keepKeyIds) throws Exception {
        try (Connection owner = TestDatabase.get().ownerConnection()) {
            owner.setAutoCommit(false);
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement read = owner.prepareStatement("SELECT seq, occurred_at, actor, roles, action,"
                    + " purpose, subject_hash, fields, result, request_id, prev_hash, key_id FROM audit_log"
                    + " WHERE tenant_id = ? AND seq >= ? ORDER BY seq")) {
                read.setString(1, tenantId);
                read.setLong(2, from);
                try (ResultSet row = read.executeQuery()) {
                    while (row.next()) {
                        Object[] values = new Object[12];
                        values[0] = row.getLong(1);
                        values[1] = row.getTimestamp(2).toInstant().toString();
                        for (int i = 2; i < 12; i++) {
                            values[i] = row.getString(i + 1);
                        }
                        rows.add(values);
                    }
                }
            }
            String prev = (String) rows.get(0)[10];
            for (Object[] row : rows) {
                if ((long) row[0] == from) {
                    row[2] = "someone-else";
                }
                String keyId = keepKeyIds ? (String) row[11] : null;
                String canonical = String.join(
                        "\u001f",
                        tenantId,
                        Long.toString((long) row[0]),
                        (String) row[1],
                        (String) row[2],
                        (String) row[3],
                        (String) row[4],
                        (String) row[5],
                        row[6] == null ? "" : (String) row[6],
                        (String) row[7],
                        (String) row[8],
                        (String) row[9],
                        prev);
                if (keyId != null) {
                    canonical += "\u001f" + keyId;
                }
                String hash = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
                try (PreparedStatement write = owner.prepareStatement("UPDATE audit_log SET actor = ?, prev_hash = ?,"
                        + " hash = ?, key_id = ? WHERE tenant_id = ? AND seq = ?")) {
                    write.setString(1, (String) row[2]);
                    write.setString(2, prev);
                    write.setString(3, hash);
                    write.setString(4, keyId);
                    write.setString(5, tenantId);
                    write.setLong(6, (long) row[0]);
                    write.executeUpdate();
                }
                prev = hash;
            }
            owner.commit();
        }
    }

    @Test
    void swappingTwoEntriesIsFoundAtTheFirstOfThem() throws Exception {
        Chain chain = chainOf("72.03");
        long first = chain.head() - 4;
        try (Connection owner = TestDatabase.get().ownerConnection()) {
            owner.setAutoCommit(false);
            for (long[] move : new long[][] {{first, -1}, {first + 1, first}, {-1, first + 1}}) {
                try (PreparedStatement swap =
                        owner.prepareStatement("UPDATE audit_log SET seq = ? WHERE tenant_id = ? AND seq = ?")) {
                    swap.setLong(1, move[1]);
                    swap.setString(2, chain.tenantId());
                    swap.setLong(3, move[0]);
                    assertThat(swap.executeUpdate()).isEqualTo(1);
                }
            }
            owner.commit();
        }
        assertThat(verify(chain.tenantId(), chain.auditor()))
                .containsEntry("intact", false)
                .satisfies(result -> assertThat(((Number) result.get("firstBrokenSeq")).longValue())
                        .isEqualTo(first));
    }

    @Test
    void anUntouchedChainVerifiesAgainstItsSignedHead() {
        Chain chain = chainOf("72.04");
        assertThat(verify(chain.tenantId(), chain.auditor()))
                .containsEntry("intact", true)
                .containsEntry("checkpointSeq", (int) chain.head());
    }
}
