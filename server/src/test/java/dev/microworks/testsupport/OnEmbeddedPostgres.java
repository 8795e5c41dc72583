package dev.microworks.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a Spring test on the embedded PostgreSQL the server starts by itself, in a fresh data
 * directory per application context. Test classes with the same configuration share the context.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ContextConfiguration(initializers = OnEmbeddedPostgres.Initializer.class)
public @interface OnEmbeddedPostgres {

  /** Points the embedded database at a new temporary directory. */
  class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      try {
        TestPropertyValues.of(
                "microworks.database.embedded.data-directory="
                    + Files.createTempDirectory("microworks-pg-"),
                TestWallet.masterKeyProperty())
            .applyTo(context);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
