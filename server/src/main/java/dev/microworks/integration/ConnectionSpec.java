package dev.microworks.integration;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the system of record.
 *
 * @param baseUrl absolute http(s) URL that relative request URIs are resolved against
 * @param timeout per-request timeout, positive
 * @param rateLimit the most requests the engine may send in a window, if the system limits them
 * @param verifyTls whether TLS certificates are verified (default {@code true}; Citrix {@code
 *     certificateValidationDisabled} inverted)
 * @param viaConnector whether requests are routed through the on-prem connector appliance
 * @param allowedHosts host names or IP literals that may resolve to private, loopback or link-local
 *     addresses (the SSRF guard denies those by default); empty means deny all of them
 */
public record ConnectionSpec(
    URI baseUrl,
    Duration timeout,
    Optional<RateLimitSpec> rateLimit,
    boolean verifyTls,
    boolean viaConnector,
    List<String> allowedHosts) {

  public ConnectionSpec {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(rateLimit, "rateLimit");
    allowedHosts = List.copyOf(allowedHosts);
  }
}
