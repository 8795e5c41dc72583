package dev.microworks.identity;

import dev.microworks.tenant.TenantId;
import java.util.Objects;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The principal of every authenticated request, whatever proved it (a session after a sign-in, a
 * personal access token, the bootstrap token). {@link #getName()} is the e-mail address, which is
 * what {@code java.security.Principal#getName()} gives controllers and what the audit log records
 * as the actor.
 *
 * @param id the user's id
 * @param tenant the user's tenant
 * @param email the user's e-mail address, lower-cased
 * @param displayName how to address the user
 */
public record SignedInUser(UserId id, TenantId tenant, String email, String displayName)
    implements AuthenticatedPrincipal {

  public SignedInUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(displayName, "displayName");
  }

  @Override
  public String getName() {
    return email;
  }
}
