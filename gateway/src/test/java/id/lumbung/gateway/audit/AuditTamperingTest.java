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
 * cut the newest entries, rewrite one in the middle and recompute the chain after it, swap two.
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
        try (Connection owner = TestDatabase.get().ownerConnection()) {
            owner.setAutoCommit(false);
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement read = owner.prepareStatement("SELECT seq, occurred_at, actor, roles, action,"
                    + " purpose, subject_hash, fields, result, request_id, prev_hash, key_id FROM audit_log"
                    + " WHERE tenant_id = ? AND seq >= ? ORDER BY seq")) {
                read.setString(1, chain.tenantId());
                read.setLong(2, victim);
                try (ResultSet row = read.executeQuery()) {
                    while (row.next()) {
                        rows.add(new Object[] {
                            row.getLong(1),
                            row.getTimestamp(2).toInstant().toString(),
                            row.getString(3),
                            row.getString(4),
                            row.getString(5),
                            row.getString(6),
                            row.getString(7),
                            row.getString(8),
                            row.getString(9),
                            row.getString(10),
                            row.getString(11),
                            row.getString(12)
                        });
                    }
                }
            }
            // The forger's best effort: the entry says someone else did it, and every hash after it
            // is recomputed as a chain of SHA-256 (the HMAC key is not in the database).
            String prev = (String) rows.get(0)[10];
            for (Object[] row : rows) {
                if ((long) row[0] == victim) {
                    row[2] = "someone-else";
                }
                String canonical = String.join(
                                "\u001f",
                                chain.tenantId(),
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
                                prev)
                        + "\u001f" + row[11];
                String hash = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
                try (PreparedStatement write = owner.prepareStatement("UPDATE audit_log SET actor = ?, prev_hash = ?,"
                        + " hash = ? WHERE tenant_id = ? AND seq = ?")) {
                    write.setString(1, (String) row[2]);
                    write.setString(2, prev);
                    write.setString(3, hash);
                    write.setString(4, chain.tenantId());
                    write.setLong(5, (long) row[0]);
                    write.executeUpdate();
                }
                prev = hash;
            }
            owner.commit();
        }
        assertThat(verify(chain.tenantId(), chain.auditor()))
                .containsEntry("intact", false)
                .containsEntry("reason", "entry_changed")
                .satisfies(result -> assertThat(((Number) result.get("firstBrokenSeq")).longValue())
                        .isEqualTo(victim));
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
