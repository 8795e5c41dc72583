package dev.microworks.integration.internal.http;

import dev.microworks.integration.CredentialPurpose;
import dev.microworks.integration.CredentialSource;
import java.util.Objects;

/** Where an authenticator's secret lives: a slot of an integration, read for a purpose. */
public record CredentialRef(
    CredentialSource source, String integrationId, String slot, CredentialPurpose purpose) {

  public CredentialRef {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(purpose, "purpose");
  }

  dev.microworks.integration.Credential read() {
    return source.credential(integrationId, slot, purpose);
  }

  @Override
  public String toString() {
    return "CredentialRef[" + integrationId + "/" + slot + " for " + purpose + "]";
  }
}
