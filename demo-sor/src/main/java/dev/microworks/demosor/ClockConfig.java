package dev.microworks.demosor;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Provides the clock behind every timestamp; tests replace it with a {@code @Primary} one. */
@Configuration(proxyBeanMethods = false)
class ClockConfig {

  @Bean
  Clock systemClock() {
    return Clock.systemUTC();
  }
}
