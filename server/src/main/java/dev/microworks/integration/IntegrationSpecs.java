package dev.microworks.integration;

import dev.microworks.integration.internal.SpecParser;
import dev.microworks.integration.internal.SpecWriter;

/** Reading and writing integration specs (format: {@code docs/integration-spec.md}). */
public final class IntegrationSpecs {

  private IntegrationSpecs() {}

  /**
   * Parses and validates a spec. Pure: nothing is stored, nothing is fetched, no DNS lookups.
   *
   * @param yaml the spec text
   * @param sourceName the name problems are reported under, e.g. the file name
   * @return the spec, every cross-reference resolved
   * @throws InvalidSpecException listing every problem found, with line, column and path
   */
  public static IntegrationSpec parse(String yaml, String sourceName) throws InvalidSpecException {
    return SpecParser.parse(yaml, sourceName);
  }

  /**
   * Writes a spec in the documented format, such that {@code parse(toYaml(spec))} equals {@code
   * spec}. The output contains credential slot names, never secrets (a spec holds none).
   */
  public static String toYaml(IntegrationSpec spec) {
    return SpecWriter.write(spec);
  }
}
