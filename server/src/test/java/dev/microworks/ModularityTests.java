package dev.microworks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import example.modularity.violating.ViolatingApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;

/** Module boundaries, checked on every build. */
class ModularityTests {

  private static final ApplicationModules MODULES =
      ApplicationModules.of(MicroworksApplication.class);

  @Test
  void modulesOnlyUseEachOthersPublicApi() {
    MODULES.verify();
  }

  @Test
  void theServerHasItsModules() {
    assertThat(MODULES.stream().map(module -> module.getIdentifier().toString()))
        .contains("database", "tenant");
  }

  /**
   * Shows the check above can fail: a fixture application (test sources, package {@code
   * example.modularity.violating}) whose {@code billing} module uses a type from {@code
   * customer.internal}.
   */
  @Test
  void aModuleUsingAnotherModulesInternalTypeFailsVerification() {
    ApplicationModules fixture =
        ApplicationModules.of(ViolatingApplication.class, location -> true);

    assertThatThrownBy(fixture::verify)
        .isInstanceOf(Violations.class)
        .hasMessageContaining("billing")
        .hasMessageContaining("customer.internal.CustomerRow");
  }

  @Test
  void writesModuleDocumentation() {
    new Documenter(MODULES).writeDocumentation();
  }
}
