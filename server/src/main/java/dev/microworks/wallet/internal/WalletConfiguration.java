package dev.microworks.wallet.internal;

import dev.microworks.audit.AuditLog;
import dev.microworks.wallet.CacheKeys;
import dev.microworks.wallet.WalletState;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/** Wires the wallet to the configured key provider. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WalletProperties.class)
class WalletConfiguration {

  private static final Logger log = LoggerFactory.getLogger(WalletConfiguration.class);

  /** The health status of a sealed wallet (answered with 503 by {@code /actuator/health}). */
  static final Status SEALED = new Status("SEALED", "wallet sealed");

  @Bean
  KeyProvider keyProvider(WalletProperties properties, Optional<Clock> clock) {
    return KeyProviders.create(properties, System::getenv, clock.orElse(Clock.systemUTC()));
  }

  @Bean
  WalletService walletService(
      JdbcClient jdbc,
      KeyProvider provider,
      AuditLog audit,
      PlatformTransactionManager transactions,
      Optional<Clock> clock) {
    Clock time = clock.orElse(Clock.systemUTC());
    return new WalletService(jdbc, new KekRing(jdbc, provider, time, transactions), audit, time);
  }

  @Bean
  CacheKeys cacheKeys(WalletService wallet, PlatformTransactionManager transactions) {
    return new WalletCacheKeys(wallet, transactions);
  }

  /** Replaces Spring Modulith's serializer: events marked {@code SealedAtRest} are encrypted. */
  @Bean
  EventSerializer sealingEventSerializer(ObjectProvider<JsonMapper> json, CacheKeys keys) {
    return new SealingEventSerializer(
        json.getIfAvailable(() -> JsonMapper.builder().findAndAddModules().build()), keys);
  }

  @Bean
  HealthIndicator walletHealthIndicator(WalletService wallet) {
    return () -> {
      WalletState state = wallet.state();
      return state.sealed()
          ? Health.status(SEALED).withDetail("provider", state.provider()).build()
          : Health.up().withDetail("provider", state.provider()).build();
    };
  }

  /** Says once, at start, whether the wallet can be used and what to do if not. */
  @EventListener(ApplicationReadyEvent.class)
  void announce(ApplicationReadyEvent ready) {
    WalletState state = ready.getApplicationContext().getBean(WalletService.class).state();
    if (state.sealed()) {
      log.warn(
          "Wallet SEALED (provider {}): {}. Syncs and actions fail until it is unsealed; everything"
              + " else works.",
          state.provider(),
          state.reason());
    } else {
      log.info("Wallet unsealed (key provider {})", state.provider());
    }
  }
}
