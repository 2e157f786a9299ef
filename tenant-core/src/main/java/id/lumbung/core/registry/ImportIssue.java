package id.lumbung.core.registry;

import id.lumbung.core.household.RegistryField;

/**
 * Something wrong with one line of an import file.
 *
 * @param line the line of the file (the header is line 1)
 * @param column the column's header, or {@code null} for the whole row
 * @param severity {@code ERROR} (the row is not imported) or {@code WARNING} (imported, flagged)
 * @param code a stable snake_case code
 * @param message what is wrong, in words; never the full NIK or KK
 */
public record ImportIssue(long line, String column, Severity severity, String code, String message) {
    public enum Severity {
        ERROR,
        WARNING
    }

    private static final java.util.Properties INDONESIAN = texts();

    /**
     * What is wrong, in Bahasa Indonesia ({@code import_issues_id.properties}, else the refusal
     * code's text), or the message when neither has the code.
     */
    public String indonesian() {
        return indonesian(code, message);
    }

    /** What a problem's code says in Bahasa Indonesia (its message when no text is known). */
    public static String indonesian(String code, String message) {
        String text = INDONESIAN.getProperty(code);
        if (text != null) {
            return text;
        }
        return id.lumbung.core.error.ErrorCode.of(code)
                .map(id.lumbung.core.error.ErrorCode::indonesian)
                .orElse(message);
    }

    private static java.util.Properties texts() {
        java.util.Properties texts = new java.util.Properties();
        try (java.io.InputStream in = ImportIssue.class.getResourceAsStream("import_issues_id.properties")) {
            texts.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("import_issues_id.properties is missing from the build", e);
        }
        return texts;
    }

    static ImportIssue error(long line, RegistryField column, String code, String message) {
        return new ImportIssue(line, column == null ? null : column.header(), Severity.ERROR, code, message);
    }

    static ImportIssue warning(long line, RegistryField column, String code, String message) {
        return new ImportIssue(line, column == null ? null : column.header(), Severity.WARNING, code, message);
    }
}
