package dev.microworks.integration.internal.http;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything an {@link HttpEngine} needs to know about one integration's endpoints.
 *
 * @param integrationId names the integration in messages and logs
 * @param timeout connect timeout and the time allowed for each response to start
 * @param retryPolicy how transient failures are retried
 * @param rateLimit requests allowed per window for the whole integration, if limited
 * @param verifyTls {@code false} only when an integration is configured so: trusts any certificate
 *     and any host name, and logs a warning
 * @param allowedHosts host names or IP literals exempt from the {@link SsrfGuard} ({@code
 *     allowed-hosts} in the integration spec); compared case-insensitively
 * @param maxResponseBytes a larger response body fails instead of filling memory
 */
public record EngineSettings(
    String integrationId,
    Duration timeout,
    RetryPolicy retryPolicy,
    Optional<RateLimit> rateLimit,
    boolean verifyTls,
    Set<String> allowedHosts,
    long maxResponseBytes) {

  public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

  public EngineSettings {
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    Objects.requireNonNull(rateLimit, "rateLimit");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException("maxResponseBytes must be positive");
    }
    allowedHosts =
        allowedHosts.stream()
            .map(host -> SsrfGuard.normalizeHost(host))
            .collect(Collectors.toUnmodifiableSet());
  }

  /** 30 s timeout, default retries, no rate limit, TLS verified, no allowed hosts. */
  public static EngineSettings defaults(String integrationId) {
    return new EngineSettings(
        integrationId,
        Duration.ofSeconds(30),
        RetryPolicy.defaults(),
        Optional.empty(),
        true,
        Set.of(),
        DEFAULT_MAX_RESPONSE_BYTES);
  }

  public EngineSettings withTimeout(Duration value) {
    return new EngineSettings(
        integrationId, value, retryPolicy, rateLimit, verifyTls, allowedHosts, maxResponseBytes);
  }

  public EngineSettings withRetryPolicy(RetryPolicy value) {
    return new EngineSettings(
        integrationId, timeout, value, rateLimit, verifyTls, allowedHosts, maxResponseBytes);
  }

  public EngineSettings withRateLimit(RateLimit value) {
    return new EngineSettings(
        integrationId,
        timeout,
        retryPolicy,
        Optional.of(value),
        verifyTls,
        allowedHosts,
        maxResponseBytes);
  }

  public EngineSettings withVerifyTls(boolean value) {
    return new EngineSettings(
        integrationId, timeout, retryPolicy, rateLimit, value, allowedHosts, maxResponseBytes);
  }

  public EngineSettings withAllowedHosts(Set<String> value) {
    return new EngineSettings(
        integrationId, timeout, retryPolicy, rateLimit, verifyTls, value, maxResponseBytes);
  }

  public EngineSettings withMaxResponseBytes(long value) {
    return new EngineSettings(
        integrationId, timeout, retryPolicy, rateLimit, verifyTls, allowedHosts, value);
  }

  boolean allows(String host) {
    return allowedHosts.contains(SsrfGuard.normalizeHost(host).toLowerCase(Locale.ROOT));
  }
}
