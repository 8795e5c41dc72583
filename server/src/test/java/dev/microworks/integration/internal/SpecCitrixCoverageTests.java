package dev.microworks.integration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microworks.integration.IncrementalSpec;
import dev.microworks.testsupport.CitrixBundles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scans the real Citrix bundles and checks the spec vocabulary covers every value they use, so the
 * importer can map them without loss.
 */
class SpecCitrixCoverageTests {

  private static final Map<String, Set<String>> FOUND = new TreeMap<>();
  private static int bundles;

  @BeforeAll
  static void scanBundles() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Path> files = CitrixBundles.files("Citrix bundle coverage");
    bundles = files.size();
    for (Path file : files) {
      for (JsonNode service : json.readTree(file.toFile()).path("services")) {
        scan(service);
      }
    }
    FOUND.forEach((kind, values) -> System.out.println("Citrix " + kind + ": " + values));
  }

  private static void scan(JsonNode service) {
    JsonNode configuration = service.path("configuration");
    JsonNode security = configuration.path("security");
    add("security", security.path("type").asText() + "/" + security.path("grantType").asText(""));
    add("tokenAuthorization", security.path("tokenAuthorization").asText(""));
    for (JsonNode key : security.path("apiKeys")) {
      add("apiKey.authenticationMethod", key.path("authenticationMethod").asText());
    }
    JsonNode action = configuration.path("serviceActionSecurity");
    if (configuration.path("useServiceActionSecurity").asBoolean()) {
      add(
          "serviceActionSecurity",
          action.path("type").asText() + "/" + action.path("grantType").asText(""));
    }
    for (JsonNode schedule : configuration.path("schedule")) {
      add(
          "schedule",
          schedule.path("schedule").asText() + "/" + schedule.path("scheduleDOW").asText(""));
    }
    for (JsonNode endpoint : configuration.path("endpoints")) {
      add("endpoint.type", endpoint.path("type").asText());
      for (String kind : List.of("fullSynchronization", "incrementalSynchronization")) {
        JsonNode request = endpoint.path(kind);
        if (request.isMissingNode()) {
          continue;
        }
        add("pagination", request.path("pagination").path("type").asText("NONE"));
        add(
            "postMode",
            request.path("postMode").asText("")
                + "/"
                + request.path("method").asText()
                + "/"
                + (request.path("body").asText("").isEmpty() ? "no body" : "body"));
      }
      for (JsonNode parameter : endpoint.path("parameters")) {
        JsonNode type = parameter.path("type");
        if (type.path("dataType").asText().equals("DATETIME")) {
          add(
              "dateFormat",
              type.path("dateTimeFormat").asText()
                  + "|"
                  + type.path("customDateTimeFormat").asText(""));
        }
      }
      JsonNode structure = endpoint.path("dataStructure");
      add("mergeStrategy", structure.path("mergeStrategy").asText("NONE"));
      for (JsonNode table : structure.path("tables")) {
        for (JsonNode column : table.path("columns")) {
          add("columnType", column.path("columnType").asText());
        }
      }
    }
    for (JsonNode table : service.path("tables")) {
      add("dataRetention", table.path("dataRetention").asText("DELETE_ON_FULL_SYNC"));
    }
  }

  private static void add(String kind, String value) {
    FOUND.computeIfAbsent(kind, k -> new TreeSet<>()).add(value);
  }

  private static void assertEveryValueMaps(String kind, Function<String, Optional<?>> mapping) {
    assertThat(FOUND).containsKey(kind);
    List<String> unmapped = new ArrayList<>();
    for (String value : FOUND.get(kind)) {
      if (mapping.apply(value).isEmpty()) {
        unmapped.add(value);
      }
    }
    assertThat(unmapped).as("Citrix %s values without a spec equivalent", kind).isEmpty();
  }

  private static String part(String value, int index) {
    String[] parts = value.split("/", -1);
    return parts[index].isEmpty() ? null : parts[index];
  }

  @Test
  void allFortyFiveBundlesWereScanned() {
    assertThat(bundles).isEqualTo(45);
  }

  @Test
  void everyColumnTypeMaps() {
    assertEveryValueMaps("columnType", CitrixVocabulary::columnType);
  }

  @Test
  void everyPaginationTypeMaps() {
    assertEveryValueMaps("pagination", CitrixVocabulary::pagination);
    assertThat(FOUND.get("pagination"))
        .contains("OFFSET", "PAGE", "CURSOR", "LINK", "HEADER_LINK", "ODATA");
  }

  @Test
  void everyServiceSecurityMaps() {
    assertEveryValueMaps(
        "security", value -> CitrixVocabulary.security(part(value, 0), part(value, 1)));
    assertEveryValueMaps(
        "tokenAuthorization", value -> CitrixVocabulary.clientAuth(value.isEmpty() ? null : value));
    assertEveryValueMaps("apiKey.authenticationMethod", CitrixVocabulary::apiKeyPlacement);
  }

  @Test
  void userActionSecurityIsAuthorizationCodeExceptOneBearerBundle() {
    // A BEARER serviceActionSecurity (one bundle) is a shared token, not a per-user grant: the
    // importer reports it instead of weakening "actions run as the user".
    assertThat(FOUND.get("serviceActionSecurity"))
        .containsExactlyInAnyOrder("OAUTH2/AUTHORIZATION_CODE", "BEARER/");
  }

  @Test
  void everyScheduleMaps() {
    assertEveryValueMaps(
        "schedule", value -> CitrixVocabulary.schedule(part(value, 0), part(value, 1)));
  }

  @Test
  void everyPostModeMaps() {
    assertEveryValueMaps(
        "postMode",
        value ->
            CitrixVocabulary.postMode(
                part(value, 0), part(value, 1), value.endsWith("/body") ? "x" : ""));
  }

  @Test
  void everyMergeStrategyAndRetentionMaps() {
    assertEveryValueMaps("mergeStrategy", CitrixVocabulary::merge);
    assertEveryValueMaps("dataRetention", CitrixVocabulary::retention);
  }

  @Test
  void everyDateFormatMapsToAValidJavaPattern() {
    assertEveryValueMaps(
        "dateFormat",
        value -> {
          String[] parts = value.split("\\|", -1);
          return CitrixVocabulary.dateFormat(parts[0], parts[1].isEmpty() ? null : parts[1])
              .filter(
                  format -> {
                    format
                        .getValue()
                        .ifPresent(
                            pattern ->
                                DateTimeFormatter.ofPattern(pattern)
                                    .format(Instant.EPOCH.atZone(ZoneOffset.UTC)));
                    return true;
                  });
        });
  }

  @Test
  void momentPatternsTranslateToEquivalentJavaPatterns() {
    assertThat(CitrixVocabulary.dateFormat("CUSTOM", "[modifiedon ge] YYYY-MM-DD[T]HH:mm:ss[Z]"))
        .contains(
            Map.entry(
                IncrementalSpec.DateFormat.CUSTOM,
                Optional.of("'modifiedon ge' yyyy-MM-dd'T'HH:mm:ss'Z'")));
    assertThat(CitrixVocabulary.dateFormat("CUSTOM", "X"))
        .contains(Map.entry(IncrementalSpec.DateFormat.POSIX_SECONDS, Optional.empty()));
    assertThat(CitrixVocabulary.path("owner/avatarUrls/48x48")).isEqualTo("owner.avatarUrls.48x48");
    assertThat(CitrixVocabulary.path("@odata.etag")).isEqualTo("@odata\\.etag");
  }
}
