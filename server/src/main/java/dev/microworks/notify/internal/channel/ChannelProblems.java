package dev.microworks.notify.internal.channel;

import java.util.List;

/** A channel-preferences update that cannot be applied: every problem, each naming its field. */
class ChannelProblems extends RuntimeException {

  private final List<String> problems;

  ChannelProblems(List<String> problems) {
    super(
        problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + " with the channel preferences.");
    this.problems = List.copyOf(problems);
  }

  List<String> problems() {
    return problems;
  }
}
