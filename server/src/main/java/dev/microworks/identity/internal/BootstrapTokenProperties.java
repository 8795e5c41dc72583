package dev.microworks.identity.internal;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the bootstrap admin token is issued.
 *
 * @param rotate issue a new token at this start, invalidating the old one (pass once, as {@code
 *     --microworks.identity.bootstrap.rotate=true}; left on, every start rotates)
 * @param tokenFile when set, a newly issued token is written to this file (permissions 600,
 *     replaced atomically) instead of the log; for scripts, CI and benchmarks
 */
@ConfigurationProperties("microworks.identity.bootstrap")
record BootstrapTokenProperties(boolean rotate, Path tokenFile) {}
