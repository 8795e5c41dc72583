package dev.microworks.identity.internal;

import dev.microworks.tenant.TenantId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo mode ({@code microworks.demo.enabled}): local accounts for the demo SoR's people (alice,
 * bob, carol at demo.microworks.dev), so their cards can be seen in the feed. Their password,
 * {@value #PASSWORD}, is published in the README: demo mode only.
 */
@Component
@ConditionalOnProperty("microworks.demo.enabled")
class DemoAccounts {

  private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);
  static final String PASSWORD = "microworks-demo";
  static final List<String[]> PEOPLE =
      List.of(
          new String[] {"alice@demo.microworks.dev", "Alice Anderson"},
          new String[] {"bob@demo.microworks.dev", "Bob Brown"},
          new String[] {"carol@demo.microworks.dev", "Carol Chen"});

  private final UserManagement management;
  private final JdbcUsers users;

  DemoAccounts(UserManagement management, JdbcUsers users) {
    this.management = management;
    this.users = users;
  }

  @EventListener(ApplicationReadyEvent.class)
  void createIfMissing() {
    for (String[] person : PEOPLE) {
      if (users.findByEmail(TenantId.DEFAULT, person[0]).isPresent()) {
        continue;
      }
      management.create(
          TenantId.DEFAULT, "demo-mode", person[0], person[1], PASSWORD, List.of("USER"), false);
      log.info("Demo mode: created the account {} (password in the README)", person[0]);
    }
  }
}
