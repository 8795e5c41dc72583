package dev.microworks.database.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.microworks.database.DatabaseProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded PostgreSQL and points the connection pool at it, when no {@code
 * spring.datasource.url} is configured. Pool settings still come from {@code
 * spring.datasource.hikari.*}. The pool closes before the server stops (bean dependency order).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDataSourceUrlConfigured.class)
class EmbeddedDatabaseConfiguration {

  @Bean(destroyMethod = "close")
  EmbeddedPostgresServer embeddedPostgresServer(DatabaseProperties properties) {
    return EmbeddedPostgresServer.start(properties.embedded());
  }

  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedPostgresServer server) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(server.jdbcUrl());
    dataSource.setUsername("postgres");
    dataSource.setPoolName("microworks-embedded");
    return dataSource;
  }
}
