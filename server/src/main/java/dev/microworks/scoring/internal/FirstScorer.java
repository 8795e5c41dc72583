package dev.microworks.scoring.internal;

import dev.microworks.scoring.Engagement;
import dev.microworks.scoring.Score;
import dev.microworks.scoring.Score.Factor;
import dev.microworks.scoring.ScoreRequest;
import dev.microworks.scoring.Scorer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.stereotype.Component;

/**
 * The first scorer: a weighted sum of three factors, each in [0, 1].
 *
 * <ul>
 *   <li><b>priority</b> (weight 0.5): HIGH 1.0, NORMAL 0.5, LOW 0.2;
 *   <li><b>due</b> (0.3): 1.0 when overdue or due within a day, falling linearly to 0 at 14 days; 0
 *       without a due date;
 *   <li><b>engagement</b> (0.2): (opened + 2·acted + 1) / (opened + 2·acted + 2·dismissed + 2) over
 *       90 days, so 0.5 without history.
 * </ul>
 */
@Component
@ConditionalOnMissingBean(value = Scorer.class, ignored = FirstScorer.class)
class FirstScorer implements Scorer {

  static final double PRIORITY_WEIGHT = 0.5;
  static final double DUE_WEIGHT = 0.3;
  static final double ENGAGEMENT_WEIGHT = 0.2;
  private static final Duration HORIZON = Duration.ofDays(14);

  @Override
  public Score score(ScoreRequest request) {
    List<Factor> factors = new ArrayList<>(3);
    double priority =
        switch (request.priority()) {
          case "HIGH" -> 1.0;
          case "LOW" -> 0.2;
          default -> 0.5;
        };
    factors.add(
        new Factor(
            "priority",
            priority,
            PRIORITY_WEIGHT * priority,
            request.priority().toLowerCase(java.util.Locale.ROOT) + " priority"));
    if (request.dueAt().isPresent()) {
      Duration left = Duration.between(request.now(), request.dueAt().get());
      double due;
      String reason;
      if (left.isNegative()) {
        due = 1.0;
        reason = "overdue";
      } else {
        double days = left.toMinutes() / (24.0 * 60);
        due = days <= 1 ? 1.0 : Math.max(0, 1 - (days - 1) / (HORIZON.toDays() - 1));
        reason = days < 1 ? "due within a day" : "due in " + (long) Math.ceil(days) + " days";
      }
      factors.add(new Factor("due", due, DUE_WEIGHT * due, reason));
    }
    Engagement e = request.engagement();
    double positive = e.opened() + 2.0 * e.acted();
    double engagement = (positive + 1) / (positive + 2.0 * e.dismissed() + 2);
    String reason =
        e.equals(Engagement.NONE)
            ? "no history with this microapp"
            : e.opened() + " opened, " + e.acted() + " acted, " + e.dismissed() + " dismissed";
    factors.add(new Factor("engagement", engagement, ENGAGEMENT_WEIGHT * engagement, reason));
    factors.sort(Comparator.comparingDouble(Factor::contribution).reversed());
    double value = factors.stream().mapToDouble(Factor::contribution).sum();
    return new Score(Math.round(value * 1e6) / 1e6, factors);
  }
}
