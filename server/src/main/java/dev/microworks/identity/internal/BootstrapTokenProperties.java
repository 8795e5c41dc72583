package dev.microworks.identity.internal;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the bootstrap admin token is issued, and who the bootstrap admin is.
 *
 * @param rotate issue a new token at this start, invalidating the old one, and restore the
 *     bootstrap admin's access (active, unlocked, ADMIN); pass once, as {@code
 *     --microworks.identity.bootstrap.rotate=true} (left on, every start rotates)
 * @param tokenFile when set, a newly issued token is written to this file (permissions 600,
 *     replaced atomically) instead of the log; for scripts, CI and benchmarks
 * @param adminEmail the e-mail address of the bootstrap admin user created at the first start
 *     (later changes of this setting do not rename it)
 */
@ConfigurationProperties("microworks.identity.bootstrap")
record BootstrapTokenProperties(
    boolean rotate, Path tokenFile, @DefaultValue("admin@localhost") String adminEmail) {

  BootstrapTokenProperties {
    if (!Emails.plausible(Emails.normalise(adminEmail))) {
      throw new IllegalArgumentException(
          "microworks.identity.bootstrap.admin-email must be an e-mail address such as"
              + " admin@localhost");
    }
  }
}
