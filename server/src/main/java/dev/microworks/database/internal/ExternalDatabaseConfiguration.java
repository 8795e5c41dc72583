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

  /** Drops the query string and any user-info, where a password may hide. */
  static String withoutParameters(String jdbcUrl) {
    String url = jdbcUrl;
    int query = url.indexOf('?');
    if (query >= 0) {
      url = url.substring(0, query);
    }
    int at = url.indexOf('@');
    int slashes = url.indexOf("//");
    if (at > 0 && slashes >= 0 && at > slashes) {
      url = url.substring(0, slashes + 2) + url.substring(at + 1);
    }
    return url;
  }
}
