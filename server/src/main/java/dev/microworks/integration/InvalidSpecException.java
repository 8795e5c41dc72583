package dev.microworks.integration;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot be used, with every problem found in it, in source order. */
public class InvalidSpecException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<SpecProblem> problems;

  public InvalidSpecException(List<SpecProblem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in source order; never empty. */
  public List<SpecProblem> problems() {
    return problems;
  }

  private static String message(List<SpecProblem> problems) {
    String source = problems.isEmpty() ? "spec" : problems.get(0).source();
    return problems.size()
        + (problems.size() == 1 ? " problem" : " problems")
        + " in integration spec "
        + source
        + ":\n"
        + problems.stream().map(problem -> "  " + problem).collect(Collectors.joining("\n"));
  }
}
