/**
 * Integrations: the declarative description of how Microworks reads a system of record (an
 * <em>integration spec</em>, YAML, documented in {@code docs/integration-spec.md}), and later the
 * HTTP engine that executes it and the Citrix {@code .sapp} importer.
 *
 * <p>The entry point is {@link dev.microworks.integration.IntegrationSpecs#parse}: it validates a
 * spec completely, reporting every problem at once with source, line, column and path, and returns
 * an immutable {@link dev.microworks.integration.IntegrationSpec}. Specs never contain secrets;
 * they name credential slots that the wallet fills.
 */
@org.springframework.modulith.ApplicationModule(
    displayName = "Integrations",
    allowedDependencies = {"tenant", "cache", "wallet"})
package dev.microworks.integration;
