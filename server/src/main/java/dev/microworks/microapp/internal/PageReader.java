package dev.microworks.microapp.internal;

import dev.microworks.cache.DataCache;
import dev.microworks.cache.TableRef;
import dev.microworks.identity.SignedInUser;
import dev.microworks.identity.UserStatus;
import dev.microworks.identity.UserView;
import dev.microworks.integration.RelationshipSpec;
import dev.microworks.integration.TableSpec;
import dev.microworks.microapp.MicroappDefinition;
import dev.microworks.microapp.MicroappDefinition.Page;
import dev.microworks.microapp.MicroappDefinition.PageType;
import dev.microworks.microapp.MicroappDefinition.Related;
import dev.microworks.microapp.Microapps;
import dev.microworks.microapp.StoredMicroapp;
import dev.microworks.microapp.internal.CelExpressions.Program;
import dev.microworks.microapp.internal.PageViews.AppView;
import dev.microworks.microapp.internal.PageViews.DetailView;
import dev.microworks.microapp.internal.PageViews.ListView;
import dev.microworks.microapp.internal.PageViews.RelatedView;
import dev.microworks.microapp.internal.VisibleRecords.Row;
import dev.microworks.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/**
 * The pages of the microapps a user subscribes to, read from the cache.
 *
 * <p>Guarantees: a user reads only microapps they subscribe to (any other is "not found", whether
 * it exists or not); every record shown, counted, searched or exported passes the per-user filter
 * of its table for that user, and on list and detail pages also the page's {@code where}; a record
 * hidden by them is "not found" with the same text as a key that does not exist.
 *
 * <p>Which records are read follows {@link FilterPlan}: a filter {@code record.<col> == user.email}
 * on lookup columns reads only the user's records through the blind index; any other filter browses
 * the table. Either way at most {@link VisibleRecords#SCAN_LIMIT} records are read per request.
 */
@Service
class PageReader {

  /** The most related records of one kind a detail page lists. */
  static final int RELATED_LIMIT = 100;

  private final Microapps microapps;
  private final JdbcMicroapps store;
  private final dev.microworks.identity.Users users;
  private final UserLookups lookups;
  private final DataCache cache;
  private final VisibleRecords records;
  private final Clock clock;

  PageReader(
      Microapps microapps,
      JdbcMicroapps store,
      dev.microworks.identity.Users users,
      UserLookups lookups,
      DataCache cache,
      Optional<Clock> clock) {
    this.microapps = microapps;
    this.store = store;
    this.users = users;
    this.lookups = lookups;
    this.cache = cache;
    this.records = new VisibleRecords(cache, VisibleRecords.SCAN_LIMIT);
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /** The microapps the user subscribes to, by id. */
  List<AppView> apps(SignedInUser who) {
    return microapps.subscribedBy(who.tenant(), who.id()).stream()
        .map(app -> AppView.of(app.definition(), store.compiled(app).isPresent()))
        .toList();
  }

  /** A list page: the visible rows matching {@code query}, sorted, one window of them. */
  ListView list(SignedInUser who, String app, String page, ListQuery query) {
    Reading reading = reading(who, app, page, PageType.LIST);
    List<Row> rows = query.apply(reading.page, reading.visibleRows());
    int to = (int) Math.min(rows.size(), (long) query.offset() + query.limit());
    List<Row> window = query.offset() >= rows.size() ? List.of() : rows.subList(query.offset(), to);
    return ListView.of(reading.definition(), reading.page, query, rows.size(), window);
  }

  /** The columns of a list page and every visible row matching {@code search}, sorted. */
  record Export(List<String> columns, List<Row> rows) {}

  /** What a CSV export of a list page holds: as {@link #list}, without the window. */
  Export export(SignedInUser who, String app, String page, String search, String sort) {
    Reading reading = reading(who, app, page, PageType.LIST);
    ListQuery query = ListQuery.everything(search, sort);
    return new Export(reading.page.columns(), query.apply(reading.page, reading.visibleRows()));
  }

  /** A detail page: the record, related records one relationship away, and actions. */
  DetailView detail(SignedInUser who, String app, String page, String key) {
    Reading reading = reading(who, app, page, PageType.DETAIL);
    Row row =
        records
            .byKey(
                reading.ref(reading.table.name()),
                reading.table,
                key,
                reading.visible(reading.table.name(), true))
            .orElseThrow(() -> PageException.recordNotFound(app, page));
    List<RelatedView> related =
        reading.page.related().stream().map(r -> related(reading, row, r)).toList();
    return DetailView.of(reading.definition(), reading.page, row, related);
  }

  private RelatedView related(Reading reading, Row row, Related related) {
    TableSpec other = reading.app.spec.table(related.table()).orElseThrow();
    RelationshipSpec link = link(reading.app, reading.table.name(), related).orElseThrow();
    boolean pointsAway = link.fromTable().equals(reading.table.name());
    String mine = pointsAway ? link.fromColumn() : link.toColumn();
    String theirs = pointsAway ? link.toColumn() : link.fromColumn();
    String value = row.text(mine);
    List<Row> rows =
        value.isEmpty()
            ? List.of()
            : records.withValue(
                reading.ref(other.name()),
                other,
                theirs,
                value,
                reading.visible(other.name(), false));
    return RelatedView.of(related, rows, RELATED_LIMIT);
  }

  /** The relationship named by {@code via} ({@code table.column}), or the first linking both. */
  private static Optional<RelationshipSpec> link(
      CompiledMicroapp app, String table, Related related) {
    if (related.via().isBlank()) {
      return app.relationship(table, related.table());
    }
    return app.spec.relationships().stream()
        .filter(
            r ->
                (r.fromTable() + "." + r.fromColumn()).equals(related.via())
                    || (r.toTable() + "." + r.toColumn()).equals(related.via()))
        .filter(
            r ->
                (r.fromTable().equals(table) && r.toTable().equals(related.table()))
                    || (r.toTable().equals(table) && r.fromTable().equals(related.table())))
        .findFirst()
        .or(() -> app.relationship(table, related.table()));
  }

  private Reading reading(SignedInUser who, String appId, String pageId, PageType type) {
    TenantId tenant = who.tenant();
    UserView user =
        users
            .find(tenant, who.id())
            .filter(u -> u.status() == UserStatus.ACTIVE)
            .orElseThrow(() -> PageException.appNotFound(appId));
    StoredMicroapp stored =
        microapps
            .find(tenant, appId)
            .filter(app -> Subscriptions.includes(app.definition().subscribers(), user))
            .orElseThrow(() -> PageException.appNotFound(appId));
    CompiledMicroapp app = store.compiled(stored).orElseThrow(() -> PageException.paused(appId));
    MicroappDefinition definition = app.definition;
    Page page =
        definition
            .page(pageId)
            .orElseThrow(
                () ->
                    PageException.notFound(
                        "Microapp '"
                            + appId
                            + "' has no page '"
                            + pageId
                            + "'; it has "
                            + String.join(", ", definition.pages().stream().map(Page::id).toList())
                            + "."));
    if (page.type() != type) {
      throw PageException.notFound(
          type == PageType.DETAIL
              ? "Page '"
                  + pageId
                  + "' of microapp '"
                  + appId
                  + "' is a list page: read it at /api/v1/apps/"
                  + appId
                  + "/pages/"
                  + pageId
                  + "."
              : "Page '"
                  + pageId
                  + "' of microapp '"
                  + appId
                  + "' is a detail page: read a record at /api/v1/apps/"
                  + appId
                  + "/pages/"
                  + pageId
                  + "/records/{key}.");
    }
    TableSpec table = app.spec.table(page.table()).orElseThrow();
    Instant now = clock.instant();
    Audiences audiences =
        new Audiences(tenant, lookups, cache, now, now.truncatedTo(ChronoUnit.DAYS));
    return new Reading(tenant, user, app, page, table, audiences);
  }

  /** What one request reads: for whom, which microapp, page and table. */
  private final class Reading {
    final TenantId tenant;
    final UserView user;
    final CompiledMicroapp app;
    final Page page;
    final TableSpec table;
    final Audiences audiences;

    Reading(
        TenantId tenant,
        UserView user,
        CompiledMicroapp app,
        Page page,
        TableSpec table,
        Audiences audiences) {
      this.tenant = tenant;
      this.user = user;
      this.app = app;
      this.page = page;
      this.table = table;
      this.audiences = audiences;
    }

    MicroappDefinition definition() {
      return app.definition;
    }

    TableRef ref(String tableName) {
      return new TableRef(tenant, app.spec.id(), tableName);
    }

    /** The rows of the page's table this user may see on this page. */
    List<Row> visibleRows() {
      FilterPlan plan = FilterPlan.of(app.filter(table.name()).map(Program::source), table);
      return records.read(
          ref(table.name()), table, plan, user.email(), visible(table.name(), true));
    }

    /** The table's per-user filter, and with {@code withWhere} the page's where. */
    Predicate<Map<String, Object>> visible(String tableName, boolean withWhere) {
      Optional<Program> filter = app.filter(tableName);
      Optional<Program> where =
          withWhere ? Optional.ofNullable(app.pageWhere.get(page.id())) : Optional.empty();
      return values ->
          filter.map(p -> audiences.sees(p, values, user)).orElse(true)
              && where.map(p -> audiences.sees(p, values, user)).orElse(true);
    }
  }
}
