package dev.microworks.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microworks.MicroworksApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Bad database settings stop start-up before anything is touched. (Start, restart and crash
 * recovery are exercised on a real server process by {@code ServerProcessTests}.)
 */
class EmbeddedPostgresLifecycleTests {

  @Test
  void anOutOfRangePortStopsStartUpNamingTheProperty(@TempDir Path dataDirectory) {
    assertThatThrownBy(() -> start(dataDirectory, "--microworks.database.embedded.port=70000"))
        .rootCause()
        .hasMessageContaining("microworks.database")
        .hasMessageContaining("embedded.port")
        .hasMessageContaining("65535");
    assertThat(dataDirectory).isEmptyDirectory();
  }

  @Test
  void aDatabaseNameThatIsNoIdentifierStopsStartUpNamingTheProperty(@TempDir Path dataDirectory) {
    assertThatThrownBy(
            () ->
                start(
                    dataDirectory,
                    "--microworks.database.embedded.database-name=x; DROP DATABASE postgres"))
        .rootCause()
        .hasMessageContaining("embedded.databaseName")
        .hasMessageContaining("lower-case PostgreSQL identifier");
    assertThat(dataDirectory).isEmptyDirectory();
  }

  private static void start(Path dataDirectory, String argument) {
    new SpringApplicationBuilder(MicroworksApplication.class)
        .web(WebApplicationType.NONE)
        .run("--microworks.database.embedded.data-directory=" + dataDirectory, argument)
        .close();
  }
}
