package dev.microworks.demosor;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the system clock with a {@link MutableClock}. */
@TestConfiguration(proxyBeanMethods = false)
class TestClockConfig {

  @Bean
  @Primary
  MutableClock testClock() {
    return new MutableClock();
  }
}
