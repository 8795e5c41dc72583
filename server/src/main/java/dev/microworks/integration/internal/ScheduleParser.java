package dev.microworks.integration.internal;

import dev.microworks.integration.ScheduleSpec;
import dev.microworks.integration.ScheduleSpec.RunWindow;
import dev.microworks.integration.ScheduleSpec.Trigger;
import dev.microworks.integration.yaml.MapReader;
import dev.microworks.integration.yaml.Problems;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.scheduling.support.CronExpression;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads {@code schedules}: presets, cron expressions, manual, run window and time zone. */
final class ScheduleParser {

  /** Preset names and their intervals, in the order the documentation lists them. */
  static final Map<String, Duration> PRESETS = new LinkedHashMap<>();

  static {
    PRESETS.put("1m", Duration.ofMinutes(1));
    PRESETS.put("2m", Duration.ofMinutes(2));
    PRESETS.put("5m", Duration.ofMinutes(5));
    PRESETS.put("15m", Duration.ofMinutes(15));
    PRESETS.put("30m", Duration.ofMinutes(30));
    PRESETS.put("1h", Duration.ofHours(1));
    PRESETS.put("2h", Duration.ofHours(2));
    PRESETS.put("4h", Duration.ofHours(4));
    PRESETS.put("8h", Duration.ofHours(8));
    PRESETS.put("12h", Duration.ofHours(12));
    PRESETS.put("daily", Duration.ofDays(1));
    PRESETS.put("weekly", Duration.ofDays(7));
  }

  static final Trigger DEFAULT_FULL = new Trigger.Every(Duration.ofDays(1));
  static final Trigger DEFAULT_INCREMENTAL = new Trigger.Every(Duration.ofMinutes(15));

  private ScheduleParser() {}

  static ScheduleSpec schedules(Problems problems, Optional<MapReader> map) {
    if (map.isEmpty()) {
      return new ScheduleSpec(DEFAULT_FULL, DEFAULT_INCREMENTAL, Optional.empty(), ZoneOffset.UTC);
    }
    return map.get()
        .read(
            schedules -> {
              Trigger full =
                  schedules
                      .node("full")
                      .map(node -> trigger(problems, schedules.child("full"), node))
                      .orElse(DEFAULT_FULL);
              Trigger incremental =
                  schedules
                      .node("incremental")
                      .map(node -> trigger(problems, schedules.child("incremental"), node))
                      .orElse(DEFAULT_INCREMENTAL);
              Optional<RunWindow> window =
                  schedules.map("window").flatMap(reader -> reader.read(ScheduleParser::window));
              ZoneId zone =
                  schedules
                      .string("time-zone")
                      .flatMap(text -> zone(problems, schedules.child("time-zone"), text))
                      .orElse(ZoneOffset.UTC);
              return new ScheduleSpec(full, incremental, window, zone);
            });
  }

  private static Trigger trigger(Problems problems, String path, Node node) {
    if (node instanceof ScalarNode scalar) {
      String text = scalar.getValue();
      if (text.equals("manual")) {
        return new Trigger.Manual();
      }
      Duration interval = PRESETS.get(text);
      if (interval != null) {
        return new Trigger.Every(interval);
      }
      problems.add(
          node,
          path,
          "expected one of "
              + String.join(", ", PRESETS.keySet())
              + ", manual or {cron: \"<expression>\"} but was '"
              + text
              + "'");
      return DEFAULT_FULL;
    }
    return MapReader.of(problems, path, node)
        .map(
            map ->
                map.read(
                    cron -> {
                      String expression = cron.requiredString("cron");
                      if (!expression.isEmpty()) {
                        try {
                          CronExpression.parse(expression);
                        } catch (IllegalArgumentException invalid) {
                          problems.at(
                              cron.child("cron"),
                              "expected a cron expression with six fields"
                                  + " (second minute hour day-of-month month day-of-week)"
                                  + " but was '"
                                  + expression
                                  + "': "
                                  + invalid.getMessage());
                        }
                      }
                      return (Trigger) new Trigger.Cron(expression);
                    }))
        .orElse(DEFAULT_FULL);
  }

  private static Optional<RunWindow> window(MapReader window) {
    Optional<LocalTime> from = time(window, "from");
    Optional<LocalTime> to = time(window, "to");
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    if (from.get().equals(to.get())) {
      window.problems.at(window.path, "the window is empty: from and to are both " + from.get());
      return Optional.empty();
    }
    return Optional.of(new RunWindow(from.get(), to.get()));
  }

  private static Optional<LocalTime> time(MapReader window, String key) {
    if (!window.has(key)) {
      window.missing(key);
      return Optional.empty();
    }
    return window
        .string(key)
        .flatMap(
            text -> {
              if (text.equals("24:00")) {
                return Optional.of(LocalTime.MIDNIGHT);
              }
              try {
                return Optional.of(LocalTime.parse(text));
              } catch (DateTimeException invalid) {
                window.problems.at(
                    window.child(key),
                    "expected a local time HH:mm such as 08:00 but was '" + text + "'");
                return Optional.empty();
              }
            });
  }

  private static Optional<ZoneId> zone(Problems problems, String path, String text) {
    try {
      return Optional.of(ZoneId.of(text));
    } catch (DateTimeException invalid) {
      problems.at(path, "expected a time zone such as UTC or Europe/Berlin but was '" + text + "'");
      return Optional.empty();
    }
  }
}
