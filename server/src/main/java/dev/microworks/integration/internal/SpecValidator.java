package dev.microworks.integration.internal;

import dev.microworks.integration.ColumnSpec;
import dev.microworks.integration.ConnectionSpec;
import dev.microworks.integration.EndpointSpec;
import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.MergeStrategy;
import dev.microworks.integration.PaginationSpec;
import dev.microworks.integration.RelationshipSpec;
import dev.microworks.integration.RequestSpec;
import dev.microworks.integration.SecuritySpec;
import dev.microworks.integration.TableSpec;
import dev.microworks.integration.yaml.Problems;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cross-checks that need the whole spec: references between tables, columns and templates. */
final class SpecValidator {

  private static final Pattern TEMPLATE_PARAMETER =
      Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_.]*)}");

  private final Problems problems;

  SpecValidator(Problems problems) {
    this.problems = problems;
  }

  void validate(IntegrationSpec spec) {
    checkOutbound(spec);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < spec.tables().size(); i++) {
      TableSpec table = spec.tables().get(i);
      String at = "tables[" + i + "]";
      if (!table.name().isEmpty() && !names.add(table.name())) {
        problems.at(at + ".name", "duplicate table name '" + table.name() + "'");
      }
      checkColumns(at, table);
      Optional<TableSpec> parent = checkParent(spec, at, table);
      checkSources(at, table);
      checkColumnParentPaths(at, table, parent);
      checkTemplates(at, table, parent);
    }
    for (int i = 0; i < spec.relationships().size(); i++) {
      RelationshipSpec relationship = spec.relationships().get(i);
      String at = "relationships[" + i + "]";
      checkColumnRef(spec, at + ".from", relationship.fromTable(), relationship.fromColumn());
      checkColumnRef(spec, at + ".to", relationship.toTable(), relationship.toColumn());
    }
  }

  private void checkOutbound(IntegrationSpec spec) {
    ConnectionSpec connection = spec.connection();
    checkHost(connection, "connection.base-url", connection.baseUrl());
    SecuritySpec security = spec.serviceSecurity();
    if (security instanceof SecuritySpec.OAuth2ClientCredentials oauth) {
      checkHost(connection, "security.token-url", oauth.tokenUrl());
    } else if (security instanceof SecuritySpec.OAuth2RefreshToken oauth) {
      checkHost(connection, "security.token-url", oauth.tokenUrl());
    } else if (security instanceof SecuritySpec.OAuth2Password oauth) {
      checkHost(connection, "security.token-url", oauth.tokenUrl());
    }
    spec.userSecurity()
        .ifPresent(user -> checkHost(connection, "user-security.token-url", user.tokenUrl()));
  }

  private void checkHost(ConnectionSpec connection, String at, URI url) {
    String host = url.getHost();
    if (host == null || connection.viaConnector()) {
      return;
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (Hosts.isPrivateLiteral(bare)
        && !connection.allowedHosts().contains(host)
        && !connection.allowedHosts().contains(bare)) {
      problems.at(
          at,
          host
              + " is a loopback, private or link-local address, which the SSRF guard denies;"
              + " add it to connection.allowed-hosts or set connection.via-connector: true");
    }
  }

  private void checkColumns(String at, TableSpec table) {
    Set<String> columnNames = new HashSet<>();
    for (int j = 0; j < table.columns().size(); j++) {
      String name = table.columns().get(j).name();
      if (!name.isEmpty() && !columnNames.add(name)) {
        problems.at(at + ".columns[" + j + "].name", "duplicate column name '" + name + "'");
      }
    }
    if (table.columns().isEmpty()) {
      problems.at(at + ".columns", "expected at least one column");
    } else if (table.primaryKey().isEmpty()) {
      problems.at(at + ".columns", "expected at least one column with primary-key: true");
    }
  }

  private Optional<TableSpec> checkParent(IntegrationSpec spec, String at, TableSpec table) {
    if (table.parentTable().isEmpty()) {
      return Optional.empty();
    }
    String parentName = table.parentTable().get();
    Optional<TableSpec> parent = spec.table(parentName);
    if (parent.isEmpty()) {
      problems.at(
          at + ".parent",
          "unknown table '" + parentName + "'; expected one of " + tableNames(spec));
      return Optional.empty();
    }
    Set<String> seen = new LinkedHashSet<>(List.of(table.name()));
    Optional<TableSpec> ancestor = parent;
    while (ancestor.isPresent()) {
      if (!seen.add(ancestor.get().name())) {
        problems.at(at + ".parent", "parent tables form a cycle: " + String.join(" → ", seen));
        return Optional.empty();
      }
      ancestor = ancestor.get().parentTable().flatMap(spec::table);
    }
    return parent;
  }

  private void checkSources(String at, TableSpec table) {
    if (table.merge() == MergeStrategy.SUB_LIST) {
      if (table.parentTable().isEmpty()) {
        problems.at(at + ".parent", "is required when merge is sub-list");
      }
      if (table.subListPath().isEmpty()) {
        problems.at(at + ".sub-list-path", "is required when merge is sub-list");
      }
      if (table.list().isPresent()) {
        problems.at(
            at + ".list", "a sub-list table has no list endpoint: its rows come from its parent");
      }
      if (!(table.pagination() instanceof PaginationSpec.NoPagination)) {
        problems.at(at + ".pagination", "a sub-list table is not paged: it has no list endpoint");
      }
      if (table.incremental().isPresent()) {
        problems.at(at + ".last-sync", "a sub-list table follows its parent's synchronisation");
      }
      return;
    }
    if (table.subListPath().isPresent()) {
      problems.at(at + ".sub-list-path", "is only allowed when merge is sub-list");
    }
    if (table.list().isEmpty()) {
      problems.at(at + ".list", "is required (unless merge is sub-list)");
    }
    if (table.merge() == MergeStrategy.DETAIL && table.detail().isEmpty()) {
      problems.at(at + ".detail", "is required when merge is detail");
    }
    boolean incrementalRequest =
        table.list().flatMap(EndpointSpec::incremental).isPresent()
            || table.detail().flatMap(EndpointSpec::incremental).isPresent();
    if (incrementalRequest && table.incremental().isEmpty()) {
      problems.at(at + ".last-sync", "is required because an incremental request is declared");
    } else if (!incrementalRequest && table.incremental().isPresent()) {
      problems.at(at + ".last-sync", "is set but no endpoint declares an incremental request");
    }
  }

  private void checkColumnParentPaths(String at, TableSpec table, Optional<TableSpec> parent) {
    for (int j = 0; j < table.columns().size(); j++) {
      ColumnSpec column = table.columns().get(j);
      if (!column.path().startsWith(DotPaths.PARENT_PREFIX)) {
        continue;
      }
      String parentColumn = column.path().substring(DotPaths.PARENT_PREFIX.length());
      String path = at + ".columns[" + j + "].path";
      if (table.parentTable().isEmpty()) {
        problems.at(path, "$parent paths need a parent table");
      } else if (parent.isPresent() && parent.get().column(parentColumn).isEmpty()) {
        problems.at(
            path,
            "unknown column '"
                + parentColumn
                + "' of parent table "
                + parent.get().name()
                + "; expected one of "
                + columnNames(parent.get()));
      }
    }
  }

  private void checkTemplates(String at, TableSpec table, Optional<TableSpec> parent) {
    Set<String> parentParameters = new LinkedHashSet<>();
    parent.ifPresent(p -> p.columns().forEach(c -> parentParameters.add("parent." + c.name())));
    String lastSync = table.incremental().map(i -> i.parameter()).orElse(null);
    table
        .list()
        .ifPresent(
            list -> {
              Set<String> used = checkRequest(at + ".list.full", list.full(), parentParameters);
              if (table.parentTable().isPresent()
                  && parent.isPresent()
                  && used.stream().noneMatch(name -> name.startsWith("parent."))) {
                problems.at(
                    at + ".list.full.uri",
                    "a table with a parent is read once per parent row: use {parent.<column>},"
                        + " one of "
                        + braces(parentParameters));
              }
              list.incremental()
                  .ifPresent(
                      request -> {
                        Set<String> allowed = new LinkedHashSet<>(parentParameters);
                        if (lastSync != null) {
                          allowed.add(lastSync);
                        }
                        Set<String> usedIncremental =
                            checkRequest(at + ".list.incremental", request, allowed);
                        if (lastSync != null && !usedIncremental.contains(lastSync)) {
                          problems.at(
                              at + ".list.incremental",
                              "an incremental request must use {" + lastSync + "}");
                        }
                      });
            });
    table
        .detail()
        .ifPresent(
            detail -> {
              Set<String> allowed = new LinkedHashSet<>(parentParameters);
              table.columns().forEach(column -> allowed.add(column.name()));
              checkRequest(at + ".detail.full", detail.full(), allowed);
              detail
                  .incremental()
                  .ifPresent(
                      request -> {
                        Set<String> withLastSync = new LinkedHashSet<>(allowed);
                        if (lastSync != null) {
                          withLastSync.add(lastSync);
                        }
                        checkRequest(at + ".detail.incremental", request, withLastSync);
                      });
            });
  }

  /** Reports unknown template parameters; returns the parameters used. */
  private Set<String> checkRequest(String at, RequestSpec request, Set<String> allowed) {
    Set<String> used = new LinkedHashSet<>();
    check(at + ".uri", request.uri(), allowed, used);
    for (Map.Entry<String, String> entry : request.query().entrySet()) {
      check(at + ".query." + entry.getKey(), entry.getValue(), allowed, used);
    }
    for (Map.Entry<String, String> entry : request.headers().entrySet()) {
      check(at + ".headers." + entry.getKey(), entry.getValue(), allowed, used);
    }
    request.body().ifPresent(body -> check(at + ".body", body, allowed, used));
    return used;
  }

  private void check(String at, String template, Set<String> allowed, Set<String> used) {
    Matcher matcher = TEMPLATE_PARAMETER.matcher(template);
    while (matcher.find()) {
      String name = matcher.group(1);
      used.add(name);
      if (!allowed.contains(name)) {
        problems.at(
            at,
            "unknown parameter {"
                + name
                + "}; "
                + (allowed.isEmpty()
                    ? "this request takes none"
                    : "expected one of " + braces(allowed)));
      }
    }
  }

  private void checkColumnRef(IntegrationSpec spec, String at, String tableName, String column) {
    if (tableName.isEmpty()) {
      return;
    }
    Optional<TableSpec> table = spec.table(tableName);
    if (table.isEmpty()) {
      problems.at(at, "unknown table '" + tableName + "'; expected one of " + tableNames(spec));
    } else if (table.get().column(column).isEmpty()) {
      problems.at(
          at,
          "unknown column '"
              + column
              + "' of table "
              + tableName
              + "; expected one of "
              + columnNames(table.get()));
    }
  }

  private static String tableNames(IntegrationSpec spec) {
    return String.join(", ", spec.tables().stream().map(TableSpec::name).toList());
  }

  private static String columnNames(TableSpec table) {
    return String.join(", ", table.columns().stream().map(ColumnSpec::name).toList());
  }

  private static String braces(Set<String> names) {
    return String.join(", ", names.stream().map(name -> "{" + name + "}").toList());
  }
}
