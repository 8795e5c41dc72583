package dev.microworks.integration.internal.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses requests to addresses an administrator-configured URL should never reach: loopback,
 * private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 — cloud metadata —,
 * fe80::/10), unspecified, "this network" 0/8, broadcast, multicast, CGNAT 100.64/10, and the same
 * addresses embedded in IPv6 (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96). Only http and
 * https are allowed. A host on the integration's allow-list (exact name or IP literal) is exempt.
 *
 * <p>Every address a name resolves to must pass. Limitation: the HTTP client resolves the name
 * again when it connects, so a DNS answer that changes in between (DNS rebinding) is not caught
 * here.
 */
public final class SsrfGuard {

  private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9.]+");

  private final Set<String> allowedHosts;
  private final HostResolver resolver;

  public SsrfGuard(Set<String> allowedHosts, HostResolver resolver) {
    this.allowedHosts = allowedHosts.stream().map(SsrfGuard::normalizeHost).collect(toSet());
    this.resolver = resolver;
  }

  private static java.util.stream.Collector<String, ?, Set<String>> toSet() {
    return java.util.stream.Collectors.toUnmodifiableSet();
  }

  /** Lower case, IPv6 brackets removed. */
  static String normalizeHost(String host) {
    String lower = host.toLowerCase(Locale.ROOT).strip();
    if (lower.startsWith("[") && lower.endsWith("]")) {
      return lower.substring(1, lower.length() - 1);
    }
    return lower;
  }

  /** Passes or throws {@link SsrfRefusedException} (unknown hosts: {@link TransportException}). */
  void check(Target target) {
    URI uri = target.uri();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String rawHost = uri.getHost();
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new SsrfRefusedException(
          target,
          rawHost == null ? uri.toString() : rawHost,
          "scheme '" + scheme + "' is not allowed, only http and https");
    }
    if (rawHost == null) {
      throw new SsrfRefusedException(target, uri.toString(), "the URL has no host");
    }
    String host = normalizeHost(rawHost);
    if (allowedHosts.contains(host)) {
      return;
    }
    List<InetAddress> addresses;
    try {
      addresses = isIpLiteral(host) ? List.of(InetAddress.getByName(host)) : resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new TransportException(target, "cannot resolve host '" + host + "'", null);
    }
    if (addresses.isEmpty()) {
      throw new TransportException(target, "host '" + host + "' resolves to no address", null);
    }
    for (InetAddress address : addresses) {
      Optional<String> why = forbidden(address);
      if (why.isPresent()) {
        throw new SsrfRefusedException(
            target,
            host,
            "host '" + host + "' resolves to " + address.getHostAddress() + ", " + why.get());
      }
    }
  }

  private static boolean isIpLiteral(String host) {
    return host.contains(":") || IPV4_LITERAL.matcher(host).matches();
  }

  /** Why {@code address} must not be reached, or empty if it may be. */
  static Optional<String> forbidden(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] b = address.getAddress();
      Optional<byte[]> embedded = embeddedIpv4(b);
      if (embedded.isPresent()) {
        try {
          return forbidden(InetAddress.getByAddress(embedded.get()))
              .map(why -> why + " (IPv4 embedded in IPv6)");
        } catch (UnknownHostException impossible) {
          throw new IllegalStateException(impossible);
        }
      }
      if ((b[0] & 0xfe) == 0xfc) {
        return Optional.of("a private (unique local fc00::/7) address");
      }
    }
    if (address.isAnyLocalAddress()) {
      return Optional.of("the unspecified address");
    }
    if (address.isLoopbackAddress()) {
      return Optional.of("a loopback address");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("a link-local address (this includes cloud metadata services)");
    }
    if (address.isSiteLocalAddress()) {
      return Optional.of("a private (site-local) address");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("a multicast address");
    }
    if (address instanceof Inet4Address) {
      byte[] b = address.getAddress();
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 0) {
        return Optional.of("a 'this network' (0.0.0.0/8) address");
      }
      if (first == 100 && second >= 64 && second <= 127) {
        return Optional.of("a carrier-grade NAT (100.64.0.0/10) address");
      }
      if (first == 255) {
        return Optional.of("a broadcast address");
      }
    }
    return Optional.empty();
  }

  /** The IPv4 address inside an IPv4-mapped, IPv4-compatible or NAT64 IPv6 address. */
  private static Optional<byte[]> embeddedIpv4(byte[] b) {
    boolean firstTenZero = true;
    for (int i = 0; i < 10; i++) {
      firstTenZero &= b[i] == 0;
    }
    boolean mapped = firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = firstTenZero && b[10] == 0 && b[11] == 0 && !allZeroOrOne(b);
    boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff;
    nat64 &= (b[3] & 0xff) == 0x9b;
    for (int i = 4; nat64 && i < 12; i++) {
      nat64 = b[i] == 0;
    }
    if (mapped || compatible || nat64) {
      return Optional.of(new byte[] {b[12], b[13], b[14], b[15]});
    }
    return Optional.empty();
  }

  /** {@code ::} and {@code ::1} are not IPv4-compatible addresses. */
  private static boolean allZeroOrOne(byte[] b) {
    for (int i = 0; i < 15; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[15] == 0 || b[15] == 1;
  }
}
