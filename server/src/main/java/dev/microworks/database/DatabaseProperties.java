package dev.microworks.database;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Database settings under {@code microworks.database}. Validated at start-up: an invalid value
 * stops the server with the property named.
 *
 * @param embedded the embedded PostgreSQL used when {@code spring.datasource.url} is not set
 */
@ConfigurationProperties("microworks.database")
@Validated
public record DatabaseProperties(@DefaultValue @Valid @NotNull Embedded embedded) {

  /**
   * The embedded PostgreSQL server.
   *
   * @param dataDirectory directory of the PostgreSQL cluster; created on first start and kept
   *     across restarts (relative paths resolve against the working directory)
   * @param port TCP port the server listens on, on 127.0.0.1 only; 0 picks a free port at each
   *     start
   * @param databaseName database created inside the cluster on first start and used by the server
   * @param startupTimeout how long to wait for the server to accept connections
   */
  public record Embedded(
      @DefaultValue("data/pg") @NotNull Path dataDirectory,
      @DefaultValue("0") @Min(0) @Max(65535) int port,
      @DefaultValue("microworks")
          @NotBlank
          @Pattern(
              regexp = "[a-z_][a-z0-9_]{0,62}",
              message = "must be a lower-case PostgreSQL identifier ([a-z_][a-z0-9_]*)")
          String databaseName,
      @DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration startupTimeout) {}
}
