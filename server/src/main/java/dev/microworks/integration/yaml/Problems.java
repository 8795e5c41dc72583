package dev.microworks.integration.yaml;

import dev.microworks.integration.SpecProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects every problem of one spec, and remembers where each path was read, so cross-checks that
 * run on the model can still point at a line.
 */
public final class Problems {

  private final String source;
  private final List<SpecProblem> problems = new ArrayList<>();
  private final Map<String, Mark> marks = new HashMap<>();

  public Problems(String source) {
    this.source = source;
  }

  public void remember(String path, Node node) {
    marks.putIfAbsent(path, node.getStartMark());
  }

  public void add(Node node, String path, String message) {
    add(node.getStartMark(), path, message);
  }

  public void add(Mark mark, String path, String message) {
    int line = mark == null ? 1 : mark.getLine() + 1;
    int column = mark == null ? 1 : mark.getColumn() + 1;
    SpecProblem problem = new SpecProblem(source, line, column, path, message);
    if (!problems.contains(problem)) { // the same check reached twice says it once
      problems.add(problem);
    }
  }

  /** A problem at {@code path}, located at the nearest remembered node on that path. */
  public void at(String path, String message) {
    add(nearestMark(path), path, message);
  }

  private Mark nearestMark(String path) {
    String candidate = path;
    while (!candidate.isEmpty()) {
      Mark mark = marks.get(candidate);
      if (mark != null) {
        return mark;
      }
      int cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
      candidate = cut < 0 ? "" : candidate.substring(0, cut);
    }
    return marks.get("");
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<SpecProblem> sorted() {
    List<SpecProblem> sorted = new ArrayList<>(problems);
    sorted.sort(
        Comparator.comparingInt(SpecProblem::line)
            .thenComparingInt(SpecProblem::column)
            .thenComparing(SpecProblem::path));
    return sorted;
  }
}
