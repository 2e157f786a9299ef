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

    static ImportIssue error(long line, RegistryField column, String code, String message) {
        return new ImportIssue(line, column == null ? null : column.header(), Severity.ERROR, code, message);
    }

    static ImportIssue warning(long line, RegistryField column, String code, String message) {
        return new ImportIssue(line, column == null ? null : column.header(), Severity.WARNING, code, message);
    }
}
