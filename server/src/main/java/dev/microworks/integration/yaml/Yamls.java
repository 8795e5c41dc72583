package dev.microworks.integration.yaml;

import java.io.StringReader;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Parses YAML text into a node tree with positions; safe (no custom types). */
public final class Yamls {

  private Yamls() {}

  /**
   * The document's root node, or empty with a problem added when the text is not YAML or empty.
   *
   * @param what how the problem calls the document, e.g. "the spec"
   */
  public static Optional<Node> compose(String yaml, Problems problems, String what) {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(true); // reported with a position by MapReader
      root = new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
    } catch (MarkedYAMLException malformed) {
      problems.add(malformed.getProblemMark(), "", "not valid YAML: " + malformed.getProblem());
      return Optional.empty();
    } catch (YAMLException malformed) {
      problems.add((Mark) null, "", "not valid YAML: " + malformed.getMessage());
      return Optional.empty();
    }
    if (root == null) {
      problems.add((Mark) null, "", what + " is empty");
      return Optional.empty();
    }
    return Optional.of(root);
  }
}
