package id.lumbung.core.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import run counted, and the first {@link #MAXIMUM_KEPT_ISSUES} issues in detail (a
 * file of 100,000 bad rows keeps memory bounded; the counts stay exact).
 */
final class ImportCounts {
    static final int MAXIMUM_KEPT_ISSUES = 10_000;

    long rows;
    long rejected;
    long warnings;
    long householdsCreated;
    long householdsUpdated;
    long membersCreated;
    long membersUpdated;
    final List<ImportIssue> issues = new ArrayList<>();
    /** The file's header, and its refused rows (line → fields encrypted), once read back. */
    String refusedHeader;

    final java.util.Map<Long, String> refusedRows = new java.util.TreeMap<>();

    void add(ImportIssue issue) {
        if (issue.severity() == ImportIssue.Severity.WARNING) {
            warnings++;
        }
        if (issues.size() < MAXIMUM_KEPT_ISSUES) {
            issues.add(issue);
        }
    }

    boolean anyRejected() {
        return rejected > 0;
    }
}
