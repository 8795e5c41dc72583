package dev.microworks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Microworks server: a modular monolith. Every direct sub-package of {@code dev.microworks} is
 * a Spring Modulith application module with its API in the top package and its implementation in
 * {@code internal}; {@code ModularityTests} keeps it that way.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MicroworksApplication {

  public static void main(String[] args) {
    SpringApplication.run(MicroworksApplication.class, args);
  }
}
