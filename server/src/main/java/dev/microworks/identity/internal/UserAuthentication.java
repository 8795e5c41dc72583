package dev.microworks.identity.internal;

import dev.microworks.identity.Role;
import dev.microworks.identity.SignedInUser;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Every authenticated request's {@code Authentication}: the user, how the user got in, the sign-in
 * stage, and (when complete) the user's roles as {@code ROLE_*} authorities. Holds no credential.
 */
final class UserAuthentication extends AbstractAuthenticationToken {

  private final SignedInUser user;
  private final SignInMethod method;
  private final Stage stage;
  private final Set<Role> roles;
  private final int sessionEpoch;

  UserAuthentication(
      SignedInUser user, SignInMethod method, Stage stage, Set<Role> roles, int sessionEpoch) {
    super(authorities(stage, roles));
    this.user = user;
    this.method = method;
    this.stage = stage;
    this.roles = Set.copyOf(roles);
    this.sessionEpoch = sessionEpoch;
    super.setAuthenticated(true);
  }

  private static Collection<? extends GrantedAuthority> authorities(Stage stage, Set<Role> roles) {
    if (stage != Stage.COMPLETE) {
      return List.of(new SimpleGrantedAuthority(stage.authority()));
    }
    return roles.stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList();
  }

  /** The same sign-in at {@code next} stage with {@code current} roles. */
  UserAuthentication with(Stage next, Set<Role> current, int epoch) {
    UserAuthentication changed = new UserAuthentication(user, method, next, current, epoch);
    changed.setDetails(getDetails());
    return changed;
  }

  SignedInUser user() {
    return user;
  }

  SignInMethod method() {
    return method;
  }

  Stage stage() {
    return stage;
  }

  Set<Role> roles() {
    return roles;
  }

  int sessionEpoch() {
    return sessionEpoch;
  }

  @Override
  public SignedInUser getPrincipal() {
    return user;
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public void setAuthenticated(boolean authenticated) {
    if (authenticated) {
      throw new IllegalArgumentException("created authenticated; cannot be set so again");
    }
    super.setAuthenticated(false);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UserAuthentication that
        && super.equals(that)
        && method == that.method
        && stage == that.stage
        && sessionEpoch == that.sessionEpoch;
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
