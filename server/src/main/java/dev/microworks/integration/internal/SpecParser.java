package dev.microworks.integration.internal;

import dev.microworks.integration.ClientAuth;
import dev.microworks.integration.ConnectionSpec;
import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.InvalidSpecException;
import dev.microworks.integration.RateLimitSpec;
import dev.microworks.integration.RelationshipSpec;
import dev.microworks.integration.RelationshipSpec.Cardinality;
import dev.microworks.integration.SecuritySpec;
import dev.microworks.integration.TableSpec;
import dev.microworks.integration.UserSecuritySpec;
import dev.microworks.integration.yaml.MapReader;
import dev.microworks.integration.yaml.Problems;
import dev.microworks.integration.yaml.Yamls;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a spec: the top level, connection, security and relationships here; tables in {@link
 * TableParser}, schedules in {@link ScheduleParser}, cross-checks in {@link SpecValidator}.
 */
public final class SpecParser {

  static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]*");
  static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final URI NO_URL = URI.create("http://invalid.invalid/");

  static final Map<String, ClientAuth> CLIENT_AUTH =
      ordered("basic-header", ClientAuth.BASIC_HEADER, "request-body", ClientAuth.REQUEST_BODY);
  private static final List<String> SECURITY_TYPES =
      List.of(
          "none",
          "basic",
          "api-key",
          "api-keys",
          "bearer",
          "oauth2-client-credentials",
          "oauth2-refresh-token",
          "oauth2-password");

  private final Problems problems;

  private SpecParser(Problems problems) {
    this.problems = problems;
  }

  /** See {@link dev.microworks.integration.IntegrationSpecs#parse}. */
  public static IntegrationSpec parse(String yaml, String sourceName) {
    Problems problems = new Problems(sourceName);
    Optional<Node> composed = Yamls.compose(yaml, problems, "the spec");
    if (composed.isEmpty()) {
      throw new InvalidSpecException(problems.sorted());
    }
    Node root = composed.get();
    Optional<IntegrationSpec> spec =
        MapReader.of(problems, "", root).map(top -> top.read(new SpecParser(problems)::spec));
    if (spec.isPresent()) {
      new SpecValidator(problems).validate(spec.get());
    }
    if (!problems.isEmpty() || spec.isEmpty()) {
      throw new InvalidSpecException(problems.sorted());
    }
    return spec.get();
  }

  private IntegrationSpec spec(MapReader top) {
    String id = top.requiredString("id");
    if (!id.isEmpty() && !SLUG.matcher(id).matches()) {
      problems.at("id", "expected a lower-case slug [a-z0-9][a-z0-9-]* but was '" + id + "'");
    }
    String title = top.requiredString("title");
    ConnectionSpec connection = requiredMap(top, "connection").map(this::connection).orElse(null);
    SecuritySpec security =
        requiredMap(top, "security").map(this::security).orElse(new SecuritySpec.None());
    Optional<UserSecuritySpec> userSecurity = top.map("user-security").map(this::userSecurity);
    TableParser tables = new TableParser(problems);
    List<TableSpec> tableSpecs = top.list("tables", tables::table);
    if (!top.has("tables")) {
      top.missing("tables");
    } else if (tableSpecs.isEmpty()) {
      problems.at("tables", "expected at least one table");
    }
    List<RelationshipSpec> relationships = top.list("relationships", this::relationship);
    var schedules = ScheduleParser.schedules(problems, top.map("schedules"));
    if (connection == null) {
      connection =
          new ConnectionSpec(
              NO_URL, Duration.ofSeconds(30), Optional.empty(), true, false, List.of());
    }
    return new IntegrationSpec(
        id, title, connection, security, userSecurity, tableSpecs, relationships, schedules);
  }

  private Optional<MapReader> requiredMap(MapReader parent, String key) {
    Optional<MapReader> map = parent.map(key);
    if (!parent.has(key)) {
      parent.missing(key);
    }
    return map;
  }

  private ConnectionSpec connection(MapReader map) {
    return map.read(
        connection -> {
          URI baseUrl = connection.httpUrl("base-url").orElse(NO_URL);
          if (!connection.has("base-url")) {
            connection.missing("base-url");
          }
          Duration timeout = connection.duration("timeout", false).orElse(Duration.ofSeconds(30));
          Optional<RateLimitSpec> rateLimit =
              connection
                  .map("rate-limit")
                  .map(
                      limit ->
                          limit.read(
                              rate -> {
                                int requests = rate.integer("requests", 1, 1, 1_000_000);
                                if (!rate.has("requests")) {
                                  rate.missing("requests");
                                }
                                Duration per =
                                    rate.duration("per", false).orElse(Duration.ofSeconds(1));
                                if (!rate.has("per")) {
                                  rate.missing("per");
                                }
                                return new RateLimitSpec(requests, per);
                              }));
          boolean verifyTls = connection.bool("verify-tls", true);
          boolean viaConnector = connection.bool("via-connector", false);
          List<String> allowedHosts = connection.strings("allowed-hosts");
          for (int i = 0; i < allowedHosts.size(); i++) {
            if (!Hosts.isHostOrIpLiteral(allowedHosts.get(i))) {
              problems.at(
                  connection.child("allowed-hosts") + "[" + i + "]",
                  "expected a host name or IP literal but was '" + allowedHosts.get(i) + "'");
            }
          }
          return new ConnectionSpec(
              baseUrl, timeout, rateLimit, verifyTls, viaConnector, allowedHosts);
        });
  }

  private SecuritySpec security(MapReader map) {
    return map.read(
        security -> {
          String type = security.requiredString("type");
          return switch (type) {
            case "none" -> new SecuritySpec.None();
            case "basic" -> new SecuritySpec.Basic(credential(security));
            case "bearer" -> new SecuritySpec.Bearer(credential(security));
            case "api-key" -> apiKey(security);
            case "api-keys" ->
                new SecuritySpec.ApiKeys(
                    security.list("keys", key -> apiKey(key)).stream()
                        .map(SecuritySpec.ApiKey.class::cast)
                        .toList());
            case "oauth2-client-credentials" ->
                new SecuritySpec.OAuth2ClientCredentials(
                    tokenUrl(security),
                    security.strings("scopes"),
                    clientAuth(security),
                    credential(security));
            case "oauth2-refresh-token" ->
                new SecuritySpec.OAuth2RefreshToken(
                    tokenUrl(security),
                    security.strings("scopes"),
                    clientAuth(security),
                    credential(security));
            case "oauth2-password" ->
                new SecuritySpec.OAuth2Password(
                    tokenUrl(security),
                    security.strings("scopes"),
                    clientAuth(security),
                    credential(security));
            default -> {
              if (!type.isEmpty()) {
                problems.at(
                    security.child("type"),
                    "expected one of "
                        + String.join(", ", SECURITY_TYPES)
                        + " but was '"
                        + type
                        + "'");
              }
              yield new SecuritySpec.None();
            }
          };
        });
  }

  private SecuritySpec apiKey(MapReader key) {
    var placement =
        key.choice(
            "in",
            ordered("header", SecuritySpec.Placement.HEADER, "query", SecuritySpec.Placement.QUERY),
            SecuritySpec.Placement.HEADER);
    return new SecuritySpec.ApiKey(placement, key.requiredString("name"), credential(key));
  }

  private UserSecuritySpec userSecurity(MapReader map) {
    return map.read(
        user -> {
          String type = user.requiredString("type");
          if (!type.isEmpty() && !type.equals("oauth2-authorization-code")) {
            problems.at(
                user.child("type"),
                "expected one of oauth2-authorization-code but was '" + type + "'");
          }
          URI authorizationUrl = user.httpUrl("authorization-url").orElse(NO_URL);
          if (!user.has("authorization-url")) {
            user.missing("authorization-url");
          }
          return new UserSecuritySpec(
              authorizationUrl,
              tokenUrl(user),
              user.strings("scopes"),
              clientAuth(user),
              user.bool("pkce", true),
              credential(user));
        });
  }

  private URI tokenUrl(MapReader map) {
    if (!map.has("token-url")) {
      map.missing("token-url");
    }
    return map.httpUrl("token-url").orElse(NO_URL);
  }

  private ClientAuth clientAuth(MapReader map) {
    return map.choice("client-auth", CLIENT_AUTH, ClientAuth.BASIC_HEADER);
  }

  /** A credential slot name; its value is never echoed (it might be a misplaced secret). */
  private String credential(MapReader map) {
    String slot = map.requiredString("credential");
    if (!slot.isEmpty() && !SLUG.matcher(slot).matches()) {
      problems.at(
          map.child("credential"),
          "expected the name of a credential slot, a lower-case slug [a-z0-9][a-z0-9-]*"
              + " (value not shown: it may be a secret)");
    }
    return slot;
  }

  private RelationshipSpec relationship(MapReader map) {
    String[] from = columnRef(map, "from");
    String[] to = columnRef(map, "to");
    Cardinality cardinality =
        map.choice(
            "cardinality",
            ordered("many-to-one", Cardinality.MANY_TO_ONE, "one-to-many", Cardinality.ONE_TO_MANY),
            Cardinality.MANY_TO_ONE);
    if (!map.has("cardinality")) {
      map.missing("cardinality");
    }
    return new RelationshipSpec(from[0], from[1], to[0], to[1], cardinality);
  }

  private String[] columnRef(MapReader map, String key) {
    String text = map.requiredString(key);
    int dot = text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1 || text.indexOf('.', dot + 1) >= 0) {
      if (!text.isEmpty()) {
        problems.at(map.child(key), "expected table.column but was '" + text + "'");
      }
      return new String[] {"", ""};
    }
    return new String[] {text.substring(0, dot), text.substring(dot + 1)};
  }

  static <E> Map<String, E> ordered(Object... keysAndValues) {
    var map = new java.util.LinkedHashMap<String, E>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      @SuppressWarnings("unchecked")
      E value = (E) keysAndValues[i + 1];
      map.put((String) keysAndValues[i], value);
    }
    return map;
  }
}
