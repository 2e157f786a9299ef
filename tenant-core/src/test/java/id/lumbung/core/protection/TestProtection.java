package id.lumbung.core.protection;

/** Identifier protection with fresh keys, for tests that need no application context. */
public final class TestProtection {
    private TestProtection() {}

    public static IdentifierProtection fresh() {
        return new IdentifierProtection(
                new ProtectionSettings("k1:" + IdentifierProtection.newKey(), "k1", IdentifierProtection.newKey()));
    }
}
