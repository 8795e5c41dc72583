package dev.microworks.database.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Says in the start-up log which external PostgreSQL the server uses (never its credentials). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(NoDataSourceUrlConfigured.URL_PROPERTY)
class ExternalDatabaseConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ExternalDatabaseConfiguration.class);

  ExternalDatabaseConfiguration(Environment environment) {
    log.info(
        "Database: external PostgreSQL at {} as user '{}'",
        withoutParameters(environment.getProperty(NoDataSourceUrlConfigured.URL_PROPERTY)),
        environment.getProperty("spring.datasource.username", "(from the URL)"));
  }

  /** Drops any user-info (where a password may hide), then the query string. */
  static String withoutParameters(String jdbcUrl) {
    String url = jdbcUrl;
    int slashes = url.indexOf("//");
    if (slashes >= 0) {
      // the host part ends at the first '/' after the LAST '@' (a password may hold '/', '?', '@')
      int at = url.lastIndexOf('@');
      if (at > slashes) {
        url = url.substring(0, slashes + 2) + url.substring(at + 1);
      }
    }
    int query = url.indexOf('?');
    return query >= 0 ? url.substring(0, query) : url;
  }
}
