package dev.microworks.cache;

import dev.microworks.wallet.SealedAtRest;
import java.util.List;
import java.util.UUID;

/**
 * Records of one table changed; published in the transaction that wrote them, one event per
 * committed batch.
 *
 * @param table the table
 * @param runId the sync run that wrote them
 * @param changes the changes, at most one per record key
 */
@SealedAtRest
public record RecordsChanged(TableRef table, UUID runId, List<RecordChange> changes) {
  public RecordsChanged {
    changes = List.copyOf(changes);
  }
}
