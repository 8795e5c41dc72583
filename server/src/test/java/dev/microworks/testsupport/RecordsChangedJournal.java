package dev.microworks.testsupport;

import dev.microworks.cache.RecordsChanged;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A listener for {@link RecordsChanged} in server processes started by tests with {@code
 * --microworks.test.journal=true}: its presence makes the event publication registry store every
 * announcement ({@code event_publication}), which the tests then read. Inert otherwise.
 */
@Component
@ConditionalOnProperty("microworks.test.journal")
class RecordsChangedJournal {

  @ApplicationModuleListener
  void on(RecordsChanged event) {
    // stored by the registry; nothing else to do
  }
}
