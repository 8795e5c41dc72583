package dev.microworks.integration.internal;

import static dev.microworks.integration.internal.SpecParser.IDENTIFIER;
import static dev.microworks.integration.internal.SpecParser.ordered;

import dev.microworks.integration.ColumnSpec;
import dev.microworks.integration.ColumnType;
import dev.microworks.integration.EndpointSpec;
import dev.microworks.integration.IncrementalSpec;
import dev.microworks.integration.IncrementalSpec.DateFormat;
import dev.microworks.integration.MergeStrategy;
import dev.microworks.integration.PaginationSpec;
import dev.microworks.integration.PostMode;
import dev.microworks.integration.RequestSpec;
import dev.microworks.integration.RetentionSpec;
import dev.microworks.integration.TableSpec;
import dev.microworks.integration.yaml.MapReader;
import dev.microworks.integration.yaml.Problems;
import dev.microworks.integration.yaml.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads one entry of {@code tables}: columns, endpoints, pagination, last-sync and retention. */
final class TableParser {

  static final Duration DEFAULT_SYNC_WINDOW = Duration.ofDays(90);
  static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(5);
  static final String DEFAULT_LAST_SYNC_PARAMETER = "lastSync";

  static final Map<String, ColumnType> COLUMN_TYPES =
      ordered(
          "string", ColumnType.STRING,
          "integer", ColumnType.INTEGER,
          "decimal", ColumnType.DECIMAL,
          "boolean", ColumnType.BOOLEAN,
          "date", ColumnType.DATE,
          "datetime", ColumnType.DATETIME,
          "time", ColumnType.TIME,
          "json", ColumnType.JSON);
  static final Map<String, MergeStrategy> MERGE =
      ordered(
          "none", MergeStrategy.NONE,
          "sub-list", MergeStrategy.SUB_LIST,
          "detail", MergeStrategy.DETAIL);
  static final Map<String, PostMode> POST_MODES =
      ordered(
          "none", PostMode.NONE,
          "json", PostMode.JSON,
          "form-data", PostMode.FORM_DATA,
          "url-encoded", PostMode.URL_ENCODED);
  static final Map<String, DateFormat> DATE_FORMATS =
      ordered(
          "iso-instant", DateFormat.ISO_INSTANT,
          "local-date-time", DateFormat.LOCAL_DATE_TIME,
          "offset-date-time", DateFormat.OFFSET_DATE_TIME,
          "posix-seconds", DateFormat.POSIX_SECONDS,
          "custom", DateFormat.CUSTOM);
  private static final Map<String, String> METHODS =
      ordered("GET", "GET", "POST", "POST", "PUT", "PUT", "PATCH", "PATCH", "DELETE", "DELETE");
  private static final Pattern PARAMETER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  static final String REPLACE_ON_FULL_SYNC = "replace-on-full-sync";

  private final Problems problems;

  TableParser(Problems problems) {
    this.problems = problems;
  }

  TableSpec table(MapReader table) {
    String name = identifier(table, "name");
    List<ColumnSpec> columns = table.list("columns", this::column);
    if (!table.has("columns")) {
      table.missing("columns");
    }
    MergeStrategy merge = table.choice("merge", MERGE, MergeStrategy.NONE);
    Optional<String> parent = table.string("parent");
    Optional<String> subListPath = table.string("sub-list-path");
    subListPath.ifPresent(path -> DotPaths.check(problems, table.child("sub-list-path"), path));
    Optional<EndpointSpec> list = table.map("list").map(this::endpoint);
    Optional<EndpointSpec> detail = table.map("detail").map(this::endpoint);
    String rootPath = table.string("root-path").orElse("");
    if (!rootPath.isEmpty()) {
      DotPaths.check(problems, table.child("root-path"), rootPath);
    }
    PaginationSpec pagination =
        table
            .map("pagination")
            .map(reader -> reader.read(PaginationParser::pagination))
            .orElse(new PaginationSpec.NoPagination(PaginationSpec.DEFAULT_MAX_PAGES));
    Optional<IncrementalSpec> incremental = table.map("last-sync").map(this::lastSync);
    RetentionSpec retention = retention(table);
    Duration syncWindow = table.duration("sync-window", false).orElse(DEFAULT_SYNC_WINDOW);
    Optional<String> updatedColumn = table.string("updated-column");
    updatedColumn.ifPresent(
        column -> {
          boolean datetime =
              columns.stream()
                  .anyMatch(c -> c.name().equals(column) && c.type() == ColumnType.DATETIME);
          if (!datetime) {
            problems.at(
                table.child("updated-column"),
                "expected the name of a declared datetime column but was '" + column + "'");
          }
        });
    return new TableSpec(
        name,
        columns,
        merge,
        parent,
        subListPath,
        list,
        detail,
        rootPath,
        pagination,
        incremental,
        retention,
        syncWindow,
        updatedColumn);
  }

  private ColumnSpec column(MapReader column) {
    String name = identifier(column, "name");
    String path = column.string("path").orElse(name);
    if (column.has("path")) {
      DotPaths.check(problems, column.child("path"), path);
    }
    ColumnType type = column.choice("type", COLUMN_TYPES, ColumnType.STRING);
    if (!column.has("type")) {
      column.missing("type");
    }
    boolean primaryKey = column.bool("primary-key", false);
    boolean ignored = column.bool("ignored", false);
    boolean lookup = column.bool("lookup", false);
    if (ignored && primaryKey) {
      problems.at(column.child("ignored"), "a primary-key column cannot be ignored");
    }
    if (ignored && lookup) {
      problems.at(column.child("ignored"), "a lookup column cannot be ignored");
    }
    return new ColumnSpec(name, path, type, primaryKey, ignored, lookup);
  }

  private String identifier(MapReader map, String key) {
    String name = map.requiredString(key);
    if (!name.isEmpty() && !IDENTIFIER.matcher(name).matches()) {
      problems.at(map.child(key), "expected an identifier [a-z_][a-z0-9_]* but was '" + name + "'");
    }
    return name;
  }

  private EndpointSpec endpoint(MapReader map) {
    return map.read(
        endpoint -> {
          Optional<RequestSpec> full = endpoint.map("full").map(this::request);
          if (!endpoint.has("full")) {
            endpoint.missing("full");
          }
          Optional<RequestSpec> incremental = endpoint.map("incremental").map(this::request);
          return new EndpointSpec(
              full.orElse(
                  new RequestSpec("GET", "", Map.of(), Map.of(), PostMode.NONE, Optional.empty())),
              incremental);
        });
  }

  private RequestSpec request(MapReader map) {
    return map.read(
        request -> {
          String method = request.choice("method", METHODS, "GET");
          String uri = request.requiredString("uri");
          Map<String, String> query = request.stringMap("query", TableParser::secretName);
          Map<String, String> headers = request.stringMap("headers", TableParser::secretName);
          PostMode postMode = request.choice("post-mode", POST_MODES, PostMode.NONE);
          Optional<String> body = request.string("body");
          if (method.equals("GET") && (body.isPresent() || postMode != PostMode.NONE)) {
            problems.at(
                request.child(body.isPresent() ? "body" : "post-mode"),
                "a GET request has no body; use method POST or remove body and post-mode");
          } else if (body.isPresent() && postMode == PostMode.NONE) {
            problems.at(
                request.child("post-mode"),
                "a request with a body needs post-mode json, form-data or url-encoded");
          }
          return new RequestSpec(method, uri, query, headers, postMode, body);
        });
  }

  private static Optional<String> secretName(String name) {
    return Secrets.isSecretName(name) ? Optional.of(Secrets.INLINE_SECRET) : Optional.empty();
  }

  private IncrementalSpec lastSync(MapReader map) {
    return map.read(
        lastSync -> {
          String parameter = lastSync.string("parameter").orElse(DEFAULT_LAST_SYNC_PARAMETER);
          if (!PARAMETER.matcher(parameter).matches()) {
            problems.at(
                lastSync.child("parameter"),
                "expected a parameter name [A-Za-z][A-Za-z0-9_]* but was '" + parameter + "'");
          }
          DateFormat format = lastSync.choice("format", DATE_FORMATS, DateFormat.ISO_INSTANT);
          Optional<String> pattern = lastSync.string("pattern");
          if (format == DateFormat.CUSTOM && pattern.isEmpty() && !lastSync.has("pattern")) {
            problems.at(lastSync.child("pattern"), "is required when format is custom");
          } else if (format != DateFormat.CUSTOM && pattern.isPresent()) {
            problems.at(lastSync.child("pattern"), "is only allowed when format is custom");
          }
          pattern.ifPresent(text -> checkPattern(lastSync.child("pattern"), text));
          Duration lookback = lastSync.duration("lookback", true).orElse(DEFAULT_LOOKBACK);
          return new IncrementalSpec(parameter, format, pattern, lookback);
        });
  }

  private void checkPattern(String path, String pattern) {
    try {
      DateTimeFormatter.ofPattern(pattern, Locale.ROOT)
          .format(Instant.EPOCH.atZone(ZoneOffset.UTC));
    } catch (IllegalArgumentException | java.time.DateTimeException invalid) {
      problems.at(
          path,
          "expected a java.time DateTimeFormatter pattern such as yyyy-MM-dd'T'HH:mm:ss but was '"
              + pattern
              + "': "
              + invalid.getMessage());
    }
  }

  private RetentionSpec retention(MapReader table) {
    return table
        .string("retention")
        .map(
            text -> {
              if (text.equals(REPLACE_ON_FULL_SYNC)) {
                return (RetentionSpec) new RetentionSpec.ReplaceOnFullSync();
              }
              try {
                Duration duration = Duration.parse(text);
                if (!duration.isNegative() && !duration.isZero()) {
                  return new RetentionSpec.KeepFor(duration);
                }
              } catch (java.time.format.DateTimeParseException notIso) {
                // reported below
              }
              problems.at(
                  table.child("retention"),
                  "expected replace-on-full-sync or a positive ISO-8601 duration such as P30D"
                      + " but was '"
                      + text
                      + "'");
              return new RetentionSpec.ReplaceOnFullSync();
            })
        .orElse(new RetentionSpec.ReplaceOnFullSync());
  }
}
