package dev.microworks.microapp;

import dev.microworks.identity.UserId;
import dev.microworks.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** The saved microapps of a tenant. */
public interface Microapps {

  /**
   * Validates a definition against its integration's current spec and saves it (creating or
   * replacing the microapp with that id).
   *
   * @throws InvalidMicroappException with every problem; nothing is saved then
   */
  StoredMicroapp save(TenantId tenant, String yaml, String sourceName, String savedBy);

  Optional<StoredMicroapp> find(TenantId tenant, String id);

  List<StoredMicroapp> all(TenantId tenant);

  /** The microapps the user subscribes to (directly, through a group, or all users). */
  List<StoredMicroapp> subscribedBy(TenantId tenant, UserId user);

  boolean delete(TenantId tenant, String id, String deletedBy);
}
