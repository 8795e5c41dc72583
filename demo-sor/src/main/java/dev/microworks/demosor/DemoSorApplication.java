package dev.microworks.demosor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The demo system of record: helpdesk tickets, PTO requests and expense reports behind a REST API
 * protected by OAuth 2.0 (Spring Authorization Server) and an API key.
 *
 * <p>All data lives in memory and is reseeded deterministically at every start. It never uses a
 * database: the JDBC and Flyway auto-configurations are excluded so that the SoR can also run
 * in-process in a JVM whose classpath has them (they are ignored where absent).
 */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
    })
@ConfigurationPropertiesScan
public class DemoSorApplication {

  /**
   * Starts the demo SoR.
   *
   * @param args Spring Boot command line arguments, e.g. {@code --server.port=8081}
   */
  public static void main(String[] args) {
    SpringApplication.run(DemoSorApplication.class, args);
  }
}
