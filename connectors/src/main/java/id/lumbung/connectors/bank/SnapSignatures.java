package id.lumbung.connectors.bank;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signatures of SNAP BI (Bank Indonesia's open API standard): SHA256withRSA for the access
 * token and the bank's notifications, HMAC-SHA512 for transactions, both over strings built
 * from the lower-case hex SHA-256 of the minified body.
 */
public final class SnapSignatures {
    private SnapSignatures() {}

    /** The body without whitespace outside strings; the order of keys is kept. */
    public static String minify(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** {@code clientId|timestamp}, signed for the access token. */
    public static String tokenStringToSign(String clientId, String timestamp) {
        return clientId + "|" + timestamp;
    }

    /** {@code METHOD:path:token:sha256(minified body):timestamp}, for a transaction's HMAC. */
    public static String transactionStringToSign(
            String method, String path, String accessToken, String body, String timestamp) {
        return method + ":" + path + ":" + accessToken + ":" + sha256Hex(minify(body)) + ":" + timestamp;
    }

    /** {@code METHOD:path:sha256(minified body):timestamp}, signed by the bank for a notification. */
    public static String notificationStringToSign(String method, String path, String body, String timestamp) {
        return method + ":" + path + ":" + sha256Hex(minify(body)) + ":" + timestamp;
    }

    public static String rsaSign(PrivateKey key, String data) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(data.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA signing failed", e);
        }
    }

    /** Whether {@code base64Signature} is the key's SHA256withRSA signature of {@code data}; never throws. */
    public static boolean rsaVerify(PublicKey key, String data, String base64Signature) {
        if (base64Signature == null || base64Signature.isBlank()) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update(data.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(base64Signature.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static String hmacSha512(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA512 is part of every Java runtime", e);
        }
    }

    /** Equal without leaking where they differ. */
    public static boolean same(String a, String b) {
        return a != null
                && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** A PKCS#8 private key, base64 (a PEM's body; its header lines and line breaks are ignored). */
    public static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an RSA private key in PKCS#8 (base64 or PEM)", e);
        }
    }

    /** An X.509 public key, base64 (a PEM's body; its header lines and line breaks are ignored). */
    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pemBody(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an RSA public key in X.509 (base64 or PEM)", e);
        }
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every Java runtime", e);
        }
    }

    private static byte[] pemBody(String text) {
        return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
    }
}
