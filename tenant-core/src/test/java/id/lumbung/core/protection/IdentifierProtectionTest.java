package id.lumbung.core.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class IdentifierProtectionTest {
    private static final String OLD_KEY = IdentifierProtection.newKey();
    private static final String NEW_KEY = IdentifierProtection.newKey();
    private static final String INDEX_KEY = IdentifierProtection.newKey();
    private static final String NIK = "7471011205850001";

    private final IdentifierProtection protection =
            new IdentifierProtection(new ProtectionSettings("k1:" + OLD_KEY, "k1", INDEX_KEY));

    @Test
    void aNikIsStoredEncryptedAndReadBackForTheSameTenant() {
        String stored = protection.encrypt("7471", NIK);

        assertThat(stored).startsWith("k1$").doesNotContain(NIK);
        assertThat(protection.encrypt("7471", NIK)).as("a fresh IV every time").isNotEqualTo(stored);
        assertThat(protection.decrypt("7471", stored)).isEqualTo(NIK);
    }

    @Test
    void aValueMovedToAnotherTenantOrChangedDoesNotDecrypt() {
        String stored = protection.encrypt("7471", NIK);
        byte[] data = Base64.getDecoder().decode(stored.substring(3));
        data[data.length - 1] ^= 1;
        String tampered = "k1$" + Base64.getEncoder().encodeToString(data);

        assertThatThrownBy(() -> protection.decrypt("7401", stored)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> protection.decrypt("7471", tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void afterKeyRotationOldValuesStillDecryptAndNewOnesUseTheNewKey() {
        String old = protection.encrypt("7471", NIK);
        IdentifierProtection rotated =
                new IdentifierProtection(new ProtectionSettings("k1:" + OLD_KEY + ",k2:" + NEW_KEY, "k2", INDEX_KEY));

        assertThat(rotated.decrypt("7471", old)).isEqualTo(NIK);
        assertThat(rotated.encrypt("7471", NIK)).startsWith("k2$");
    }

    @Test
    void theBlindIndexMatchesEqualValuesOnlyAndDependsOnTheKey() {
        assertThat(protection.blindIndex(NIK))
                .isEqualTo(protection.blindIndex(NIK))
                .doesNotContain(NIK);
        assertThat(protection.blindIndex(NIK)).isNotEqualTo(protection.blindIndex("7471011205850002"));
        IdentifierProtection otherKey =
                new IdentifierProtection(new ProtectionSettings("k1:" + OLD_KEY, "k1", IdentifierProtection.newKey()));
        assertThat(otherKey.blindIndex(NIK)).isNotEqualTo(protection.blindIndex(NIK));
    }

    @Test
    void missingOrMalformedKeysStopStartUpWithAClearMessage() {
        assertThatThrownBy(() -> new IdentifierProtection(new ProtectionSettings(null, null, null)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("LUMBUNG_PROTECTION_KEYS");
        assertThatThrownBy(() -> new IdentifierProtection(new ProtectionSettings("k1:c2hvcnQ=", "k1", INDEX_KEY)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new IdentifierProtection(new ProtectionSettings("k1:" + OLD_KEY, "k9", INDEX_KEY)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ACTIVE_KEY_ID");
    }
}
