package dev.microworks.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a Spring test on an external PostgreSQL (15 in CI) through {@code spring.datasource.*}, the
 * way production runs, in a fresh database per application context. Skipped with instructions (or
 * failed, in CI) when none is configured; see {@link ExternalPostgres}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(OnPostgres15.Requirement.class)
@ContextConfiguration(initializers = OnPostgres15.Initializer.class)
public @interface OnPostgres15 {

  /** Skips the class before Spring starts when PostgreSQL is not there. */
  class Requirement implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      ExternalPostgres.require(
          "PostgreSQL 15 suite " + context.getRequiredTestClass().getSimpleName());
    }
  }

  /** Creates the database and points the datasource at it. */
  class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      ExternalPostgres.Database database = ExternalPostgres.createDatabase();
      TestPropertyValues.of(
              "spring.datasource.url=" + database.url(),
              "spring.datasource.username=" + database.user(),
              "spring.datasource.password=" + database.password(),
              TestWallet.masterKeyProperty())
          .applyTo(context);
    }
  }
}
