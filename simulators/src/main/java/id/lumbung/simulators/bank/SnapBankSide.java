package id.lumbung.simulators.bank;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bank's side of SNAP BI's signatures, written from the standard on its own rather than
 * borrowed from our connector: a mistake in how we build a string to sign is then caught by the
 * simulator, as a real bank would catch it, instead of being mirrored by it.
 */
final class SnapBankSide {
    /** A JSON string literal, escapes included: what minifying must leave untouched. */
    private static final Pattern STRING_OR_SPACE = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|\\s+");

    private SnapBankSide() {}

    static KeyPair keyPair() {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            return rsa.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lower-case hex SHA-256 of the body with the whitespace between its tokens removed. */
    static String bodyDigest(String body) {
        Matcher tokens = STRING_OR_SPACE.matcher(body);
        StringBuilder minified = new StringBuilder();
        while (tokens.find()) {
            tokens.appendReplacement(
                    minified, tokens.group().startsWith("\"") ? Matcher.quoteReplacement(tokens.group()) : "");
        }
        tokens.appendTail(minified);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(minified.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the client signed {@code clientId|timestamp} for its access token. */
    static boolean tokenSigned(PublicKey client, String clientId, String timestamp, String signature) {
        if (signature == null) {
            return false;
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(client);
            rsa.update((clientId + "|" + timestamp).getBytes(StandardCharsets.UTF_8));
            return rsa.verify(Base64.getDecoder().decode(signature.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether a transaction carries the HMAC-SHA512 of {@code METHOD:path:token:digest:timestamp}. */
    static boolean transactionSigned(
            String secret, String method, String path, String token, String body, String timestamp, String signature) {
        if (signature == null) {
            return false;
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA512");
            hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            byte[] expected = hmac.doFinal(String.join(":", method, path, token, bodyDigest(body), timestamp)
                    .getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(
                    Base64.getEncoder().encode(expected), signature.strip().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bank's signature of a notification: {@code POST:path:digest:timestamp}, SHA256withRSA. */
    static String signNotification(PrivateKey bank, String path, String body, String timestamp) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(bank);
            rsa.update(
                    String.join(":", "POST", path, bodyDigest(body), timestamp).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
