package dev.microworks.demosor.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * A full record as returned by {@code GET /api/{collection}/{key}}: the list fields, plus comments
 * (tickets only) and the complete history, oldest first.
 *
 * @param record the fields also returned by the list endpoints
 * @param comments the ticket's comments, oldest first; absent for other collections
 * @param history every write to the record, starting with {@code created}
 */
public record RecordDetail(
    @JsonUnwrapped Object record,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Comment> comments,
    List<HistoryEntry> history) {}
