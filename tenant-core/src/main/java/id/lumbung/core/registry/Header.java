package id.lumbung.core.registry;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.household.RegistryField;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The header row of an import file: which field holds which column. A header that lacks a
 * required column rejects the whole file; unknown columns are kept as warnings.
 */
final class Header {
    private final Map<RegistryField, Integer> positions;
    private final int width;
    private final List<ImportIssue> warnings;

    private Header(Map<RegistryField, Integer> positions, int width, List<ImportIssue> warnings) {
        this.positions = positions;
        this.width = width;
        this.warnings = warnings;
    }

    static Header of(List<String> fields) {
        Map<RegistryField, Integer> positions = new EnumMap<>(RegistryField.class);
        List<ImportIssue> warnings = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i);
            int index = i;
            RegistryField.ofHeader(name)
                    .ifPresentOrElse(
                            column -> {
                                if (positions.putIfAbsent(column, index) != null) {
                                    warnings.add(ImportIssue.warning(
                                            1,
                                            column,
                                            "duplicate_column",
                                            "The column appears twice; the first is read"));
                                }
                            },
                            () -> {
                                if (!RegistryField.normaliseHeader(name).isEmpty()) {
                                    warnings.add(new ImportIssue(
                                            1,
                                            abbreviate(name),
                                            ImportIssue.Severity.WARNING,
                                            "unknown_column",
                                            "The column is not part of the registry and is ignored"));
                                }
                            });
        }
        List<String> missing = new ArrayList<>();
        for (RegistryField column : RegistryField.values()) {
            if (column.headerRequired() && !positions.containsKey(column)) {
                missing.add(column.header());
            }
        }
        if (!missing.isEmpty()) {
            String reason = fields.size() <= 1
                    ? "The header has a single column: the file is not separated by comma, semicolon, pipe or tab"
                    : "The header lacks the column(s) " + String.join(", ", missing);
            throw new LumbungException(ErrorCode.WRONG_HEADER, reason);
        }
        return new Header(positions, fields.size(), warnings);
    }

    private static String abbreviate(String name) {
        String plain = name.replace("\uFEFF", "").strip();
        return plain.length() > 60 ? plain.substring(0, 60) + "…" : plain;
    }

    int width() {
        return width;
    }

    List<ImportIssue> warnings() {
        return warnings;
    }

    /** The value of a column in a record, stripped; empty if the column is absent. */
    String value(List<String> fields, RegistryField column) {
        Integer position = positions.get(column);
        if (position == null || position >= fields.size()) {
            return "";
        }
        return fields.get(position).strip();
    }
}
