/**
 * Identity: users, groups and roles; sign-in (local passwords, with TOTP, OIDC and LDAP to plug
 * in); sessions; personal access tokens; the bootstrap admin. See docs/identity.md.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Every request handler declares who may call it ({@code @PreAuthorize} with {@code
 *       hasRole('USER'|'MICROAPP_ADMIN'|'ADMIN')}, {@code isAuthenticated()} or {@code
 *       permitAll()}), and the declaration is enforced before the request is dispatched and again
 *       by method security; a handler without one is refused to everyone. {@code /api/**} needs
 *       authentication first (401), then the role (403). Roles are hierarchical: {@link
 *       dev.microworks.identity.Role#ADMIN} includes {@code MICROAPP_ADMIN}, which includes {@code
 *       USER}.
 *   <li>Passwords are stored only as Argon2id hashes; personal access tokens and the bootstrap
 *       token only as SHA-256 hashes; a token or a temporary password is shown once, in the answer
 *       that created it. No log line, audit entry, error or {@code toString()} holds one.
 *   <li>Sign-in answers the same for an unknown e-mail, a wrong password and a locked or disabled
 *       account, after one password-hash check each; 5 wrong passwords in a row lock a local
 *       account for 15 minutes; failures are throttled per client address and per e-mail.
 *   <li>A new session id at every sign-in; CSRF tokens on every form and on unsafe API calls made
 *       with the session cookie; the cookie is HttpOnly, SameSite=Lax and Secure (unless {@code
 *       microworks.identity.secure-cookie=false}). A disabled user's sessions end at their next
 *       request, and the user's tokens stop working at once; a password change or reset ends the
 *       user's other sessions.
 *   <li>A password reset never skips a second factor; the bootstrap admin (created at the first
 *       start, signing in with the bootstrap token as its first password) can do nothing but set a
 *       new password until it has.
 *   <li>Logins, failures, lockouts, password changes and resets, role, group and membership
 *       changes, token creation and revocation and disabled users are audited ({@code identity.*});
 *       at least one active ADMIN always remains.
 * </ul>
 */
@org.springframework.modulith.ApplicationModule(
    displayName = "Identity",
    allowedDependencies = {"tenant", "audit", "wallet"})
package dev.microworks.identity;
