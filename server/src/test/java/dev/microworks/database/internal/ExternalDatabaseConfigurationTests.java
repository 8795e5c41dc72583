package dev.microworks.database.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExternalDatabaseConfigurationTests {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:postgresql://db:5432/mw?password=s3cret&ssl=true | jdbc:postgresql://db:5432/mw",
        "jdbc:postgresql://bob:s3cret@db:5432/mw | jdbc:postgresql://db:5432/mw",
        "jdbc:postgresql://bob:pa?s@w/rd@db:5432/mw?x=1 | jdbc:postgresql://db:5432/mw",
        "jdbc:postgresql://db/mw | jdbc:postgresql://db/mw"
      })
  void theLoggedUrlCarriesNoCredentials(String url, String logged) {
    assertThat(ExternalDatabaseConfiguration.withoutParameters(url))
        .isEqualTo(logged)
        .doesNotContain("s3cret")
        .doesNotContain("pa?s");
  }
}
