package dev.microworks.testsupport;

import dev.microworks.cache.RecordChange;
import dev.microworks.cache.RecordsChanged;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A listener for {@link RecordsChanged} in server processes started by tests with {@code
 * --microworks.test.journal=true}: its presence makes the event publication registry store every
 * announcement ({@code event_publication}, sealed), which tests read back decrypted through {@code
 * GET /api/v1/test/journal} (bootstrap token required). Inert otherwise; on the test classpath
 * only.
 */
@PreAuthorize("hasRole('ADMIN')")
@RestController
@ConditionalOnProperty("microworks.test.journal")
class RecordsChangedJournal {

  private final JdbcClient jdbc;
  private final EventSerializer serializer;

  RecordsChangedJournal(JdbcClient jdbc, EventSerializer serializer) {
    this.jdbc = jdbc;
    this.serializer = serializer;
  }

  @ApplicationModuleListener
  void on(RecordsChanged event) {
    // stored by the registry; nothing else to do
  }

  /** Every stored announcement as {@code table/key@version}, and how many rows were sealed. */
  @GetMapping("/api/v1/test/journal")
  Journal journal() {
    List<String> announced = new ArrayList<>();
    int[] sealed = {0};
    List<String> stored =
        jdbc.sql(
                "SELECT serialized_event FROM event_publication"
                    + " WHERE event_type LIKE '%RecordsChanged'"
                    // one publication per listener: this journal's are the announcements
                    + " AND listener_id LIKE '%RecordsChangedJournal%'")
            .query(String.class)
            .list();
    for (String text : stored) {
      if (text.startsWith("mw-sealed:")) {
        sealed[0]++;
      }
      RecordsChanged event = serializer.deserialize(text, RecordsChanged.class);
      for (RecordChange change : event.changes()) {
        announced.add(event.table().table() + "/" + change.key() + "@" + change.version());
      }
    }
    return new Journal(stored.size(), sealed[0], announced);
  }

  record Journal(int publications, int sealed, List<String> announced) {}
}
