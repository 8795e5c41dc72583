package dev.microworks.demosor.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class ConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({AuthProperties.class, SeedProperties.class, ApiProperties.class})
  static class Properties {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(Properties.class);

  @Test
  void defaultsNeedNoConfiguration() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          SeedProperties seed = context.getBean(SeedProperties.class);
          assertThat(seed.tickets()).isEqualTo(120);
          assertThat(seed.spread().toDays()).isEqualTo(60);
          assertThat(context.getBean(ApiProperties.class).maxPageSize()).isEqualTo(1000);
          AuthProperties auth = context.getBean(AuthProperties.class);
          assertThat(auth.getUserClient().getAccessTokenTtl().toMinutes()).isEqualTo(5);
          assertThat(auth.getUserClient().getRedirectUris())
              .containsExactly("http://127.0.0.1:8080/login/oauth2/code/demo-sor");
        });
  }

  @Test
  void aBlankApiKeyFailsTheStartNamingTheProperty() {
    runner
        .withPropertyValues("demo-sor.auth.api-key=")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(rootMessages(context.getStartupFailure())).contains("apiKey");
              assertThat(rootMessages(context.getStartupFailure())).contains("demo-sor.auth");
            });
  }

  @Test
  void aNegativeSeedCountFailsTheStartNamingTheProperty() {
    runner
        .withPropertyValues("demo-sor.seed.tickets=-1")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(rootMessages(context.getStartupFailure())).contains("demo-sor.seed");
              assertThat(rootMessages(context.getStartupFailure())).contains("tickets");
            });
  }

  @Test
  void toStringNeverShowsSecrets() {
    AuthProperties auth = new AuthProperties();
    auth.setApiKey("top-secret-key");
    auth.setUserPassword("top-secret-password");
    auth.getServiceClient().setClientSecret("top-secret-client");

    assertThat(auth.toString())
        .doesNotContain("top-secret")
        .doesNotContain("actions-secret")
        .contains("microworks-sync");
  }

  private static String rootMessages(Throwable failure) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
      if (t
          instanceof
          org.springframework.boot.context.properties.bind.validation.BindValidationException b) {
        messages.append(b.getValidationErrors().getName()).append('\n');
        b.getValidationErrors().getAllErrors().forEach(e -> messages.append(e).append('\n'));
      }
    }
    return messages.toString();
  }
}
