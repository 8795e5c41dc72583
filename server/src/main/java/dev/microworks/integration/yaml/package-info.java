/**
 * Position-aware YAML reading shared by the spec formats of several modules (integration specs,
 * microapp definitions): every problem is collected with line, column and path, so one pass reports
 * everything that is wrong.
 */
@org.springframework.modulith.NamedInterface("yaml")
package dev.microworks.integration.yaml;
