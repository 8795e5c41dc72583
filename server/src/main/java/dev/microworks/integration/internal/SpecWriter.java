package dev.microworks.integration.internal;

import dev.microworks.integration.ColumnSpec;
import dev.microworks.integration.EndpointSpec;
import dev.microworks.integration.IncrementalSpec;
import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.PaginationSpec;
import dev.microworks.integration.RelationshipSpec;
import dev.microworks.integration.RequestSpec;
import dev.microworks.integration.RetentionSpec;
import dev.microworks.integration.ScheduleSpec;
import dev.microworks.integration.ScheduleSpec.Trigger;
import dev.microworks.integration.SecuritySpec;
import dev.microworks.integration.TableSpec;
import dev.microworks.integration.UserSecuritySpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a spec in the documented format, every value explicit. A spec holds credential slot names
 * only, so the output cannot contain a secret.
 */
public final class SpecWriter {

  private SpecWriter() {}

  /** See {@link dev.microworks.integration.IntegrationSpecs#toYaml}. */
  public static String write(IntegrationSpec spec) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("id", spec.id());
    root.put("title", spec.title());
    Map<String, Object> connection = new LinkedHashMap<>();
    connection.put("base-url", spec.connection().baseUrl().toString());
    connection.put("timeout", spec.connection().timeout().toString());
    spec.connection()
        .rateLimit()
        .ifPresent(
            limit ->
                connection.put(
                    "rate-limit",
                    map("requests", limit.requests(), "per", limit.per().toString())));
    connection.put("verify-tls", spec.connection().verifyTls());
    connection.put("via-connector", spec.connection().viaConnector());
    connection.put("allowed-hosts", spec.connection().allowedHosts());
    root.put("connection", connection);
    root.put("security", security(spec.serviceSecurity()));
    spec.userSecurity().ifPresent(user -> root.put("user-security", userSecurity(user)));
    root.put("schedules", schedules(spec.schedules()));
    root.put("tables", spec.tables().stream().map(SpecWriter::table).toList());
    root.put("relationships", spec.relationships().stream().map(SpecWriter::relationship).toList());
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(0);
    options.setWidth(100);
    return new Yaml(options).dump(root);
  }

  private static Map<String, Object> security(SecuritySpec security) {
    if (security instanceof SecuritySpec.Basic basic) {
      return map("type", "basic", "credential", basic.credential());
    }
    if (security instanceof SecuritySpec.Bearer bearer) {
      return map("type", "bearer", "credential", bearer.credential());
    }
    if (security instanceof SecuritySpec.ApiKey key) {
      return apiKey(key, "api-key");
    }
    if (security instanceof SecuritySpec.ApiKeys keys) {
      return map(
          "type", "api-keys", "keys", keys.keys().stream().map(key -> apiKey(key, null)).toList());
    }
    if (security instanceof SecuritySpec.OAuth2ClientCredentials o) {
      return oauth(
          "oauth2-client-credentials", o.tokenUrl(), o.scopes(), o.clientAuth(), o.credential());
    }
    if (security instanceof SecuritySpec.OAuth2RefreshToken o) {
      return oauth(
          "oauth2-refresh-token", o.tokenUrl(), o.scopes(), o.clientAuth(), o.credential());
    }
    if (security instanceof SecuritySpec.OAuth2Password o) {
      return oauth("oauth2-password", o.tokenUrl(), o.scopes(), o.clientAuth(), o.credential());
    }
    return map("type", "none");
  }

  private static Map<String, Object> apiKey(SecuritySpec.ApiKey key, String type) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (type != null) {
      map.put("type", type);
    }
    map.put("in", key.placement().name().toLowerCase(java.util.Locale.ROOT));
    map.put("name", key.name());
    map.put("credential", key.credential());
    return map;
  }

  private static Map<String, Object> oauth(
      String type,
      java.net.URI tokenUrl,
      java.util.List<String> scopes,
      dev.microworks.integration.ClientAuth clientAuth,
      String credential) {
    return map(
        "type",
        type,
        "token-url",
        tokenUrl.toString(),
        "scopes",
        scopes,
        "client-auth",
        key(SpecParser.CLIENT_AUTH, clientAuth),
        "credential",
        credential);
  }

  private static Map<String, Object> userSecurity(UserSecuritySpec user) {
    return map(
        "type",
        "oauth2-authorization-code",
        "authorization-url",
        user.authorizationUrl().toString(),
        "token-url",
        user.tokenUrl().toString(),
        "scopes",
        user.scopes(),
        "client-auth",
        key(SpecParser.CLIENT_AUTH, user.clientAuth()),
        "pkce",
        user.pkce(),
        "credential",
        user.credential());
  }

  private static Map<String, Object> schedules(ScheduleSpec schedules) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("full", trigger(schedules.full()));
    map.put("incremental", trigger(schedules.incremental()));
    schedules
        .window()
        .ifPresent(
            w -> map.put("window", map("from", w.from().toString(), "to", w.to().toString())));
    map.put("time-zone", schedules.zone().getId());
    return map;
  }

  private static Object trigger(Trigger trigger) {
    if (trigger instanceof Trigger.Manual) {
      return "manual";
    }
    if (trigger instanceof Trigger.Cron cron) {
      return map("cron", cron.expression());
    }
    Trigger.Every every = (Trigger.Every) trigger;
    String preset = key(ScheduleParser.PRESETS, every.interval());
    if (preset == null) {
      throw new IllegalArgumentException(
          "interval "
              + every.interval()
              + " is not a schedule preset ("
              + String.join(", ", ScheduleParser.PRESETS.keySet())
              + "); use a cron trigger");
    }
    return preset;
  }

  private static Map<String, Object> table(TableSpec table) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", table.name());
    map.put("merge", key(TableParser.MERGE, table.merge()));
    table.parentTable().ifPresent(parent -> map.put("parent", parent));
    table.subListPath().ifPresent(path -> map.put("sub-list-path", path));
    map.put("root-path", table.rootPath());
    map.put("columns", table.columns().stream().map(SpecWriter::column).toList());
    table.list().ifPresent(list -> map.put("list", endpoint(list)));
    table.detail().ifPresent(detail -> map.put("detail", endpoint(detail)));
    map.put("pagination", pagination(table.pagination()));
    table.incremental().ifPresent(incremental -> map.put("last-sync", lastSync(incremental)));
    map.put(
        "retention",
        table.retention() instanceof RetentionSpec.KeepFor keep
            ? keep.duration().toString()
            : TableParser.REPLACE_ON_FULL_SYNC);
    map.put("sync-window", table.syncWindow().toString());
    table.updatedColumn().ifPresent(column -> map.put("updated-column", column));
    return map;
  }

  private static Map<String, Object> column(ColumnSpec column) {
    return map(
        "name",
        column.name(),
        "path",
        column.path(),
        "type",
        key(TableParser.COLUMN_TYPES, column.type()),
        "primary-key",
        column.primaryKey(),
        "ignored",
        column.ignored(),
        "lookup",
        column.lookup());
  }

  private static Map<String, Object> endpoint(EndpointSpec endpoint) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("full", request(endpoint.full()));
    endpoint.incremental().ifPresent(request -> map.put("incremental", request(request)));
    return map;
  }

  private static Map<String, Object> request(RequestSpec request) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("method", request.method());
    map.put("uri", request.uri());
    map.put("query", request.query());
    map.put("headers", request.headers());
    map.put("post-mode", key(TableParser.POST_MODES, request.postMode()));
    request.body().ifPresent(body -> map.put("body", body));
    return map;
  }

  private static Map<String, Object> pagination(PaginationSpec pagination) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (pagination instanceof PaginationSpec.OffsetPagination p) {
      map.putAll(map("type", "offset", "offset-param", p.offsetParam()));
      map.putAll(map("limit-param", p.limitParam(), "page-size", p.pageSize()));
      p.totalPath().ifPresent(path -> map.put("total-path", path));
    } else if (pagination instanceof PaginationSpec.PagePagination p) {
      map.putAll(map("type", "page", "page-param", p.pageParam(), "size-param", p.sizeParam()));
      map.putAll(map("first-page", p.firstPage(), "page-size", p.pageSize()));
    } else if (pagination instanceof PaginationSpec.CursorPagination p) {
      map.putAll(map("type", "cursor", "cursor-param", p.cursorParam()));
      map.put("next-cursor-path", p.nextCursorPath());
      p.limitParam().ifPresent(param -> map.put("limit-param", param));
      map.put("page-size", p.pageSize());
    } else if (pagination instanceof PaginationSpec.LinkHeaderPagination p) {
      map.put("type", "link-header");
      p.sizeParam().ifPresent(param -> map.put("size-param", param));
      map.put("page-size", p.pageSize());
    } else if (pagination instanceof PaginationSpec.BodyLinkPagination p) {
      map.putAll(map("type", "body-link", "next-link-path", p.nextLinkPath()));
    } else if (pagination instanceof PaginationSpec.ODataPagination) {
      map.put("type", "odata");
    } else {
      map.put("type", "none");
    }
    map.put("max-pages", pagination.maxPages());
    return map;
  }

  private static Map<String, Object> lastSync(IncrementalSpec incremental) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("parameter", incremental.parameter());
    map.put("format", key(TableParser.DATE_FORMATS, incremental.format()));
    incremental.pattern().ifPresent(pattern -> map.put("pattern", pattern));
    map.put("lookback", incremental.lookback().toString());
    return map;
  }

  private static Map<String, Object> relationship(RelationshipSpec relationship) {
    return map(
        "from",
        relationship.fromTable() + "." + relationship.fromColumn(),
        "to",
        relationship.toTable() + "." + relationship.toColumn(),
        "cardinality",
        relationship.cardinality() == RelationshipSpec.Cardinality.MANY_TO_ONE
            ? "many-to-one"
            : "one-to-many");
  }

  private static <V> String key(Map<String, V> options, V value) {
    return options.entrySet().stream()
        .filter(entry -> entry.getValue().equals(value))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
