package id.lumbung.connectors.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** SNAP BI's signatures against values computed outside Java (Python's hmac and hashlib). */
class SnapSignaturesTest {
    private static final String PRETTY_BODY = "{\n  \"partnerReferenceNo\": \"P-1\",\n"
            + "  \"amount\": { \"value\": \"150000.00\", \"currency\": \"IDR\" },\n  \"note\": \"a b\"\n}";

    @Test
    void minifyingDropsWhitespaceBetweenTokensButNotInsideStrings() {
        assertThat(SnapSignatures.minify(PRETTY_BODY))
                .isEqualTo("{\"partnerReferenceNo\":\"P-1\",\"amount\":{\"value\":\"150000.00\",\"currency\":\"IDR\"},"
                        + "\"note\":\"a b\"}");
        assertThat(SnapSignatures.minify("{\"q\": \"say \\\"hi\\\" \"}")).isEqualTo("{\"q\":\"say \\\"hi\\\" \"}");
    }

    @Test
    void aTransactionIsSignedOverTheMinifiedBodysDigestAsPythonComputesIt() {
        String data = SnapSignatures.transactionStringToSign(
                "POST", "/snap/v1.0/transfer-intrabank", "TOKEN", PRETTY_BODY, "2026-12-04T17:00:00+07:00");

        assertThat(data)
                .isEqualTo("POST:/snap/v1.0/transfer-intrabank:TOKEN:"
                        + "ff89ab404107539ee9a976da5f990e605fbaf1e9c14754f78eb93732fd5c3df7:2026-12-04T17:00:00+07:00");
        assertThat(SnapSignatures.hmacSha512("secret", data))
                .isEqualTo("AyPLai5ObM/cslKwcG7NiRds/QQGnioV+icZTSeYM0mfkQW6UaiW40KP1VLTdWmIbDAv+FItP7Yi+lut+VQ94g==");
    }

    @Test
    void rsaSignaturesVerifyOnlyForTheirDataAndKeyAndNeverThrow() {
        KeyPair client = SnapSignatures.newKeyPair();
        KeyPair other = SnapSignatures.newKeyPair();
        String data = SnapSignatures.tokenStringToSign("LUMBUNG", "2026-12-04T17:00:00+07:00");
        String signature = SnapSignatures.rsaSign(client.getPrivate(), data);

        assertThat(data).isEqualTo("LUMBUNG|2026-12-04T17:00:00+07:00");
        assertThat(SnapSignatures.rsaVerify(client.getPublic(), data, signature))
                .isTrue();
        assertThat(SnapSignatures.rsaVerify(client.getPublic(), data + "x", signature))
                .isFalse();
        assertThat(SnapSignatures.rsaVerify(other.getPublic(), data, signature)).isFalse();
        assertThat(SnapSignatures.rsaVerify(client.getPublic(), data, "not base64!"))
                .isFalse();
        assertThat(SnapSignatures.rsaVerify(client.getPublic(), data, null)).isFalse();
    }

    @Test
    void keysReadFromPemOrBareBase64AndAnythingElseIsRefused() {
        KeyPair pair = SnapSignatures.newKeyPair();
        String body = Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";

        assertThat(SnapSignatures.privateKey(pem)).isEqualTo(pair.getPrivate());
        assertThat(SnapSignatures.publicKey(
                        Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())))
                .isEqualTo(pair.getPublic());
        assertThatThrownBy(() -> SnapSignatures.privateKey("bm90IGEga2V5"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SnapSignatures.same("abc", "abc")).isTrue();
        assertThat(SnapSignatures.same("abc", null)).isFalse();
    }
}
