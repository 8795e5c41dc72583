package dev.microworks.microapp;

import dev.microworks.integration.SpecProblem;
import java.util.List;
import java.util.stream.Collectors;

/** A microapp definition that cannot be used, with every problem found in it, in source order. */
public class InvalidMicroappException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<SpecProblem> problems;

  public InvalidMicroappException(List<SpecProblem> problems) {
    super(
        problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + " in microapp definition "
            + (problems.isEmpty() ? "" : problems.get(0).source())
            + ":\n"
            + problems.stream().map(problem -> "  " + problem).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in source order; never empty. */
  public List<SpecProblem> problems() {
    return problems;
  }
}
