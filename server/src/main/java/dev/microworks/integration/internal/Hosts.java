package dev.microworks.integration.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Host-name syntax and the private-address check for IP literals (never a DNS lookup). */
final class Hosts {

  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*]?");

  private Hosts() {}

  static boolean isHostOrIpLiteral(String host) {
    return isIpLiteral(host) || HOST_NAME.matcher(host).matches();
  }

  static boolean isIpLiteral(String host) {
    return IPV4.matcher(host).matches() || IPV6.matcher(host).matches();
  }

  /**
   * Whether {@code host} is {@code localhost} or an IP literal in a loopback, private, link-local
   * or unspecified range. Host names are not resolved here; the SSRF guard checks them per request.
   */
  static boolean isPrivateLiteral(String host) {
    if (host.toLowerCase(Locale.ROOT).equals("localhost")) {
      return true;
    }
    if (!isIpLiteral(host)) {
      return false;
    }
    try {
      InetAddress address = InetAddress.getByName(host);
      return address.isLoopbackAddress()
          || address.isSiteLocalAddress()
          || address.isLinkLocalAddress()
          || address.isAnyLocalAddress()
          || (address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc);
    } catch (UnknownHostException notALiteral) {
      return false;
    }
  }
}
