package dev.microworks.integration.yaml;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed, position-aware reads from one YAML mapping. Each getter reports a problem and returns a
 * harmless fallback when a value is wrong, so reading goes on and every problem is found; {@link
 * #finish()} reports the keys nobody asked for.
 */
public final class MapReader {

  public final Problems problems;
  public final String path;
  public final MappingNode node;
  private final Map<String, Node> values = new LinkedHashMap<>();
  private final Map<String, ScalarNode> keys = new LinkedHashMap<>();
  private final Set<String> known = new HashSet<>();

  private MapReader(Problems problems, String path, MappingNode node) {
    this.problems = problems;
    this.path = path;
    this.node = node;
    problems.remember(path, node);
    for (NodeTuple tuple : node.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        problems.add(tuple.getKeyNode(), path, "expected a text key");
        continue;
      }
      if (values.containsKey(key.getValue())) {
        problems.add(key, child(key.getValue()), "duplicate key '" + key.getValue() + "'");
        continue;
      }
      keys.put(key.getValue(), key);
      values.put(key.getValue(), tuple.getValueNode());
      problems.remember(child(key.getValue()), key);
    }
  }

  /** The mapping at {@code node}, or empty (and a problem) when it is something else. */
  public static Optional<MapReader> of(Problems problems, String path, Node node) {
    if (node instanceof MappingNode mapping) {
      return Optional.of(new MapReader(problems, path, mapping));
    }
    problems.add(node, path, "expected a mapping (key: value lines) but was " + describe(node));
    return Optional.empty();
  }

  public String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The value node of {@code key}; absent when missing or null ({@code key:} / {@code ~}). */
  public Optional<Node> node(String key) {
    known.add(key);
    Node value = values.get(key);
    if (value == null || isNull(value)) {
      return Optional.empty();
    }
    problems.remember(child(key), value);
    return Optional.of(value);
  }

  public boolean has(String key) {
    return node(key).isPresent();
  }

  public Optional<String> string(String key) {
    return node(key).flatMap(value -> scalar(value, child(key)));
  }

  public String requiredString(String key) {
    Optional<String> value = string(key);
    if (value.isEmpty() && !isPresentButWrong(key)) {
      missing(key);
    }
    return value.orElse("");
  }

  public void missing(String key) {
    problems.add(keys.containsKey(key) ? keys.get(key) : node, child(key), "is required");
  }

  private boolean isPresentButWrong(String key) {
    Node value = values.get(key);
    return value != null && !isNull(value);
  }

  public Optional<String> scalar(Node value, String at) {
    if (value instanceof ScalarNode scalar) {
      return Optional.of(scalar.getValue());
    }
    problems.add(value, at, "expected a single value but was " + describe(value));
    return Optional.empty();
  }

  public boolean bool(String key, boolean fallback) {
    return string(key)
        .map(
            text -> {
              if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
              }
              problems.add(
                  values.get(key), child(key), "expected true or false but was '" + text + "'");
              return fallback;
            })
        .orElse(fallback);
  }

  public int integer(String key, int fallback, int min, int max) {
    return string(key)
        .map(
            text -> {
              try {
                int number = Integer.parseInt(text);
                if (number >= min && number <= max) {
                  return number;
                }
              } catch (NumberFormatException notANumber) {
                // reported below
              }
              problems.add(
                  values.get(key),
                  child(key),
                  "expected a whole number from " + min + " to " + max + " but was '" + text + "'");
              return fallback;
            })
        .orElse(fallback);
  }

  /** An ISO-8601 duration ({@code PT30S}, {@code PT15M}, {@code P90D}), positive or zero. */
  public Optional<Duration> duration(String key, boolean zeroAllowed) {
    return string(key)
        .flatMap(
            text -> {
              try {
                Duration duration = Duration.parse(text);
                if (duration.isNegative() || (!zeroAllowed && duration.isZero())) {
                  problems.add(
                      values.get(key),
                      child(key),
                      "expected a "
                          + (zeroAllowed ? "" : "positive ")
                          + "duration but was '"
                          + text
                          + "'");
                  return Optional.empty();
                }
                return Optional.of(duration);
              } catch (DateTimeParseException notIso) {
                problems.add(
                    values.get(key),
                    child(key),
                    "expected an ISO-8601 duration such as PT30S, PT15M or P90D but was '"
                        + text
                        + "'");
                return Optional.empty();
              }
            });
  }

  /** One of {@code options} (keys as written in YAML), or {@code fallback} when absent. */
  public <E> E choice(String key, Map<String, E> options, E fallback) {
    return string(key)
        .map(text -> choose(values.get(key), child(key), text, options, fallback))
        .orElse(fallback);
  }

  public <E> E choose(Node at, String atPath, String text, Map<String, E> options, E fallback) {
    E chosen = options.get(text);
    if (chosen == null) {
      problems.add(
          at,
          atPath,
          "expected one of " + String.join(", ", options.keySet()) + " but was '" + text + "'");
      return fallback;
    }
    return chosen;
  }

  /** An absolute http(s) URL. */
  public Optional<URI> httpUrl(String key) {
    return string(key).flatMap(text -> parseHttpUrl(values.get(key), child(key), text));
  }

  public Optional<URI> parseHttpUrl(Node at, String atPath, String text) {
    try {
      URI uri = new URI(text);
      if (uri.isAbsolute()
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getFragment() == null
          && uri.getUserInfo() == null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException invalid) {
      // reported below
    }
    problems.add(
        at,
        atPath,
        "expected an absolute http or https URL without user info or fragment but was '"
            + text
            + "'");
    return Optional.empty();
  }

  /** A sequence of single values. */
  public List<String> strings(String key) {
    List<String> result = new ArrayList<>();
    node(key)
        .ifPresent(
            value -> {
              if (!(value instanceof SequenceNode sequence)) {
                problems.add(value, child(key), "expected a list but was " + describe(value));
                return;
              }
              for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                String at = child(key) + "[" + i + "]";
                problems.remember(at, item);
                scalar(item, at).ifPresent(result::add);
              }
            });
    return result;
  }

  /** A sequence of mappings, each read by {@code reader}. */
  public <T> List<T> list(String key, Function<MapReader, T> reader) {
    List<T> result = new ArrayList<>();
    node(key)
        .ifPresent(
            value -> {
              if (!(value instanceof SequenceNode sequence)) {
                problems.add(value, child(key), "expected a list but was " + describe(value));
                return;
              }
              for (int i = 0; i < sequence.getValue().size(); i++) {
                String at = child(key) + "[" + i + "]";
                of(problems, at, sequence.getValue().get(i))
                    .ifPresent(item -> result.add(item.read(reader)));
              }
            });
    return result;
  }

  /** The mapping at {@code key}, if present. */
  public Optional<MapReader> map(String key) {
    return node(key).flatMap(value -> of(problems, child(key), value));
  }

  /** A mapping of names to single values, in order. */
  public Map<String, String> stringMap(String key, Function<String, Optional<String>> nameCheck) {
    Map<String, String> result = new LinkedHashMap<>();
    map(key)
        .ifPresent(
            entries -> {
              for (String name : entries.values.keySet()) {
                String at = entries.child(name);
                Optional<String> wrong = nameCheck.apply(name);
                if (wrong.isPresent()) {
                  entries.known.add(name);
                  problems.add(entries.keys.get(name), at, wrong.get());
                  continue;
                }
                String text = entries.string(name).orElse("");
                result.put(name, text);
              }
            });
    return result;
  }

  /** Reads this mapping with {@code reader}, then reports unknown keys. */
  public <T> T read(Function<MapReader, T> reader) {
    T result = reader.apply(this);
    finish();
    return result;
  }

  /** Reports every key no getter asked for: a typo must never be silently ignored. */
  public void finish() {
    for (Map.Entry<String, ScalarNode> entry : keys.entrySet()) {
      String key = entry.getKey();
      if (known.contains(key)) {
        continue;
      }
      Node value = values.get(key);
      if (Secrets.isSecretName(key) && value != null && !isNull(value)) {
        problems.add(entry.getValue(), child(key), Secrets.INLINE_SECRET);
      } else {
        List<String> expected = new ArrayList<>(known);
        expected.sort(null);
        problems.add(
            entry.getValue(),
            child(key),
            "unknown key '" + key + "'; expected one of " + String.join(", ", expected));
      }
    }
  }

  public static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  /**
   * What a node is, never what it holds: a value in the wrong place may be a secret (a header
   * written as one line, {@code "Authorization: Bearer ..."}); the problem's line and column say
   * where it is.
   */
  public static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "a single value";
  }
}
