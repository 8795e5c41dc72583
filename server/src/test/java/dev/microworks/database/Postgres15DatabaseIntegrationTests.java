package dev.microworks.database;

import dev.microworks.testsupport.ExternalPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database suite on an external PostgreSQL (15 in CI), through {@code spring.datasource.*}: the
 * way production runs. Skipped with instructions when none is configured.
 */
class Postgres15DatabaseIntegrationTests extends DatabaseIntegrationTests {

  @BeforeAll
  static void requirePostgres() {
    ExternalPostgres.require("PostgreSQL 15 database suite");
  }

  @DynamicPropertySource
  static void externalDatabase(DynamicPropertyRegistry registry) {
    ExternalPostgres.Database database = ExternalPostgres.createDatabase();
    registry.add("spring.datasource.url", database::url);
    registry.add("spring.datasource.username", database::user);
    registry.add("spring.datasource.password", database::password);
  }
}
