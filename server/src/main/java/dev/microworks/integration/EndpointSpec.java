package dev.microworks.integration;

import java.util.Objects;
import java.util.Optional;

/**
 * A LIST or DETAIL endpoint: the request of a full synchronisation and, optionally, the request of
 * an incremental one (which may use the table's last-sync parameter).
 */
public record EndpointSpec(RequestSpec full, Optional<RequestSpec> incremental) {

  public EndpointSpec {
    Objects.requireNonNull(full, "full");
    Objects.requireNonNull(incremental, "incremental");
  }
}
