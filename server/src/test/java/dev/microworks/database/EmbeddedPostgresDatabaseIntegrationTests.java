package dev.microworks.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The database suite on the embedded PostgreSQL the server starts when no datasource is set. */
class EmbeddedPostgresDatabaseIntegrationTests extends DatabaseIntegrationTests {

  private static final Path DATA_DIRECTORY = freshDirectory();

  @DynamicPropertySource
  static void embeddedDatabase(DynamicPropertyRegistry registry) {
    registry.add("microworks.database.embedded.data-directory", DATA_DIRECTORY::toString);
  }

  static Path freshDirectory() {
    try {
      return Files.createTempDirectory("microworks-pg-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
