package dev.microworks.integration;

/** Small specs shared by the tests. */
final class SpecFixtures {

  /** The smallest valid spec: every default applies. */
  static final String MINIMAL =
      """
      id: minimal
      title: Minimal
      connection:
        base-url: https://sor.example.com/api
      security:
        type: none
      tables:
        - name: things
          columns:
            - {name: id, type: string, primary-key: true}
          list:
            full:
              uri: /things
      """;

  private SpecFixtures() {}

  /** A test resource as text. */
  static String resource(String path) {
    try (java.io.InputStream in = SpecFixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
