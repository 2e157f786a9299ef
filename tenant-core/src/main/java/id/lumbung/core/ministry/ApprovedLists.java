package id.lumbung.core.ministry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/**
 * The approved lists of proposals, as the ministry receives them: the workflow writes them, the
 * exchange sends them (so the ministry's side knows nothing of how a list was approved).
 */
public interface ApprovedLists {
    /** Writes the list's proposals (CSV, full identifiers) to {@code out}; answers the rows written. */
    long write(String tenantId, UUID batchId, OutputStream out) throws IOException;
}
