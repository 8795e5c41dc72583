/**
 * Identity: who may call the server. Today that is one principal, the <em>bootstrap admin</em>, who
 * proves itself with the bootstrap admin token ({@code Authorization: Bearer mwb_...}) issued at
 * the first start; users, groups, roles and logins replace it later.
 *
 * <p>Guarantees: the token is shown once (in the log of the start that issued it, or in the file
 * named by {@code microworks.identity.bootstrap.token-file}); only its SHA-256 hash is stored;
 * presented tokens are compared hash to hash in constant time; no log line, response or error ever
 * contains a token afterwards. {@code /api/v1/**} requires it; health, info, metrics and the
 * OpenAPI document are open; every other path is denied.
 */
@org.springframework.modulith.ApplicationModule(
    displayName = "Identity",
    allowedDependencies = {})
package dev.microworks.identity;
