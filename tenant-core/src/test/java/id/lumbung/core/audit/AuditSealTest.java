package id.lumbung.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The audit chain's seal directly, against values computed outside Java (Python's hmac). */
class AuditSealTest {
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="; // bytes 0..31
    private static final String ENTRY = "7471|1|admin|HOUSEHOLD_READ";

    private final AuditSeal seal = new AuditSeal(new AuditSettings(
            "old:" + java.util.Base64.getEncoder().encodeToString(new byte[32]) + ",k2:" + KEY,
            "k2",
            Duration.ofSeconds(30)));

    @Test
    void anEntryIsSealedWithHmacSha256UnderTheNamedKey() {
        assertThat(seal.activeKeyId()).isEqualTo("k2");
        assertThat(seal.seal("k2", ENTRY))
                .isEqualTo("2f21feb465f4ee708ec4b0d4f1585cc5e0e35f54319138aff04c856240329f8b");
        assertThat(seal.verifies("k2", ENTRY, "2f21feb465f4ee708ec4b0d4f1585cc5e0e35f54319138aff04c856240329f8b"))
                .isTrue();
    }

    @Test
    void aChangedEntryAnotherKeyOrAnUnknownKeyDoesNotVerify() {
        String sealed = seal.seal("k2", ENTRY);

        assertThat(seal.verifies("k2", ENTRY + " ", sealed)).isFalse();
        assertThat(seal.verifies("old", ENTRY, sealed))
                .as("an old key still verifies, its own seals only")
                .isFalse();
        assertThat(seal.verifies("old", ENTRY, seal.seal("old", ENTRY))).isTrue();
        assertThat(seal.seal("gone", ENTRY)).isNull();
        assertThat(seal.verifies("gone", ENTRY, sealed)).isFalse();
        assertThat(seal.verifies("k2", ENTRY, null)).isFalse();
    }

    @Test
    void entriesFromBeforeKeysVerifyByPlainSha256() {
        assertThat(AuditSeal.sha256("entry"))
                .isEqualTo("923fe53966c6cd9343e11af776cd4b05be315ea4b200b02e4d5dfb0f929b73bf");
    }

    @Test
    void anActiveKeyThatIsNotConfiguredIsRefusedAtStart() {
        assertThatThrownBy(() -> new AuditSeal(new AuditSettings("k1:" + KEY, "k9", Duration.ofSeconds(30))))
                .hasMessageContaining("LUMBUNG_AUDIT_ACTIVE_KEY_ID");
    }
}
