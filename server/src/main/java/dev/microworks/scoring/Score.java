package dev.microworks.scoring;

import java.util.List;

/**
 * A card's score in [0, 1] (higher first) and why.
 *
 * @param value the score
 * @param factors the factors that made it, largest contribution first
 */
public record Score(double value, List<Factor> factors) {

  public Score {
    factors = List.copyOf(factors);
  }

  /**
   * One factor.
   *
   * @param name e.g. {@code priority}, {@code due}, {@code engagement}
   * @param value the factor's own value in [0, 1]
   * @param contribution what it added to the score
   * @param reason in words, e.g. "due in 2 days"
   */
  public record Factor(String name, double value, double contribution, String reason) {}
}
