package dev.microworks.integration.internal.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to its addresses. Injected so tests never use real DNS. */
@FunctionalInterface
public interface HostResolver {

  /** {@link InetAddress#getAllByName}. */
  HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  List<InetAddress> resolve(String host) throws UnknownHostException;
}
