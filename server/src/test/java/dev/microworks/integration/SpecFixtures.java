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
}
