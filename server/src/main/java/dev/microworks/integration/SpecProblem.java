package dev.microworks.integration;

/**
 * One thing wrong with a spec, and where.
 *
 * @param source the spec's name, usually its file name
 * @param line 1-based line
 * @param column 1-based column
 * @param path the spec path, e.g. {@code tables[1].columns[3].type}
 * @param message what was expected and what was found; never a secret value
 */
public record SpecProblem(String source, int line, int column, String path, String message) {

  /** {@code demo.yaml:12:7 tables[0].columns[2].type: expected one of ... but was 'strng'}. */
  @Override
  public String toString() {
    return source + ":" + line + ":" + column + " " + (path.isEmpty() ? "" : path + ": ") + message;
  }
}
