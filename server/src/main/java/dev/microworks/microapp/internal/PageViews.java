package dev.microworks.microapp.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.microworks.microapp.MicroappDefinition;
import dev.microworks.microapp.MicroappDefinition.Action;
import dev.microworks.microapp.MicroappDefinition.FormField;
import dev.microworks.microapp.MicroappDefinition.Page;
import dev.microworks.microapp.MicroappDefinition.Related;
import dev.microworks.microapp.MicroappDefinition.Sort;
import dev.microworks.microapp.internal.VisibleRecords.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/** What the page API answers. Values are shown as stored: strings, numbers, booleans, null. */
final class PageViews {

  private PageViews() {}

  /** A page in a microapp's list of pages. */
  record PageSummary(String id, String type, String title) {
    static PageSummary of(Page page) {
      return new PageSummary(page.id(), page.type().name().toLowerCase(Locale.ROOT), page.title());
    }
  }

  /**
   * A microapp the user subscribes to.
   *
   * @param available false while the microapp is paused (its definition no longer fits its
   *     integration): its pages answer 409 then
   */
  record AppView(String id, String title, boolean available, List<PageSummary> pages) {
    static AppView of(MicroappDefinition definition, boolean available) {
      return new AppView(
          definition.id(),
          definition.title(),
          available,
          definition.pages().stream().map(PageSummary::of).toList());
    }
  }

  /** One record: its key and the values of the shown columns, in their order. */
  record RecordView(String key, Map<String, JsonNode> values) {
    static RecordView of(Row row, List<String> columns) {
      Map<String, JsonNode> values = new LinkedHashMap<>();
      for (String column : columns) {
        JsonNode value = row.payload().get(column);
        values.put(column, value == null ? NullNode.getInstance() : value);
      }
      return new RecordView(row.key(), values);
    }
  }

  /**
   * One window of a list page.
   *
   * @param total the rows the user may see that match the search, over all windows
   * @param sort the order in effect, as {@code column} or {@code -column}, first key first
   * @param detailPage the detail page a row opens, if any
   */
  record ListView(
      String app,
      String page,
      String title,
      List<String> columns,
      List<String> sort,
      String search,
      long total,
      int offset,
      int limit,
      @JsonProperty("detail_page") String detailPage,
      List<RecordView> rows) {
    static ListView of(
        MicroappDefinition definition, Page page, ListQuery query, long total, List<Row> rows) {
      return new ListView(
          definition.id(),
          page.id(),
          page.title(),
          page.columns(),
          query.order(page).stream().map(PageViews::sortText).toList(),
          query.search(),
          total,
          query.offset(),
          query.limit(),
          page.detailPage().orElse(null),
          rows.stream().map(row -> RecordView.of(row, page.columns())).toList());
    }
  }

  /** Records of a related table, those the user may see, at most a limit of them. */
  record RelatedView(
      String table, List<String> columns, long total, boolean truncated, List<RecordView> rows) {
    static RelatedView of(Related related, List<Row> rows, int limit) {
      return new RelatedView(
          related.table(),
          related.columns(),
          rows.size(),
          rows.size() > limit,
          rows.stream().limit(limit).map(row -> RecordView.of(row, related.columns())).toList());
    }
  }

  /** A button and the form it opens. */
  record ActionView(String id, String label, List<FormField> form) {
    static ActionView of(Action action) {
      return new ActionView(action.id(), action.label(), action.form());
    }
  }

  /** A detail page of one record. */
  record DetailView(
      String app,
      String page,
      String title,
      String key,
      Map<String, JsonNode> fields,
      List<RelatedView> related,
      List<ActionView> actions) {
    static DetailView of(
        MicroappDefinition definition, Page page, Row row, List<RelatedView> related) {
      return new DetailView(
          definition.id(),
          page.id(),
          page.title(),
          row.key(),
          RecordView.of(row, page.columns()).values(),
          related,
          page.actions().stream().map(ActionView::of).toList());
    }
  }

  private static String sortText(Sort sort) {
    return (sort.descending() ? "-" : "") + sort.column();
  }
}
