package dev.microworks.integration.internal.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Engines for tests: fake time, no DNS, 127.0.0.1 allowed. */
final class Engines {

  /** Resolves nothing, so no test ever asks real DNS; {@code localhost} is 127.0.0.1. */
  static final HostResolver NO_DNS =
      host -> {
        if (host.equals("localhost")) {
          return List.of(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}));
        }
        throw new UnknownHostException("tests resolve no host names: " + host);
      };

  private Engines() {}

  static EngineSettings settings() {
    return EngineSettings.defaults("test-sor")
        .withTimeout(Duration.ofSeconds(10))
        .withAllowedHosts(Set.of("127.0.0.1"));
  }

  static HttpEngine engine(FakeTime time) {
    return engine(settings(), time, RequestAuthenticators.none());
  }

  static HttpEngine engine(EngineSettings settings, FakeTime time, RequestAuthenticator auth) {
    return new HttpEngine(settings, auth, time, time, NO_DNS);
  }
}
