package dev.microworks.scoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.scoring.Engagement;
import dev.microworks.scoring.Score;
import dev.microworks.scoring.ScoreRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FirstScorerTests {

  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  final FirstScorer scorer = new FirstScorer();

  Score score(String priority, Duration dueIn, Engagement engagement) {
    return scorer.score(
        new ScoreRequest(
            UUID.randomUUID(),
            "app",
            "rule",
            priority,
            Optional.ofNullable(dueIn).map(NOW::plus),
            NOW,
            engagement));
  }

  @Test
  void priorityThenDueDateThenEngagementOrderTheFeed() {
    double highOverdue = score("HIGH", Duration.ofDays(-1), Engagement.NONE).value();
    double highNoDate = score("HIGH", null, Engagement.NONE).value();
    double normalDueTomorrow = score("NORMAL", Duration.ofHours(20), Engagement.NONE).value();
    double normalDueInAMonth = score("NORMAL", Duration.ofDays(30), Engagement.NONE).value();
    double lowIgnored = score("LOW", null, new Engagement(0, 0, 20)).value();

    assertThat(highOverdue).isEqualTo(0.5 + 0.3 + 0.1);
    assertThat(highOverdue).isGreaterThan(highNoDate);
    assertThat(normalDueTomorrow).isGreaterThan(normalDueInAMonth);
    assertThat(normalDueInAMonth).isGreaterThan(lowIgnored);
  }

  @Test
  void aUserWhoActsOnAMicroappsCardsRanksThemHigherThanOneWhoDismissesThem() {
    Score engaged = score("NORMAL", null, new Engagement(10, 5, 0));
    Score dismissive = score("NORMAL", null, new Engagement(0, 0, 10));

    assertThat(engaged.value()).isGreaterThan(score("NORMAL", null, Engagement.NONE).value());
    assertThat(dismissive.value()).isLessThan(score("NORMAL", null, Engagement.NONE).value());
    assertThat(engaged.factors())
        .anySatisfy(f -> assertThat(f.reason()).isEqualTo("10 opened, 5 acted, 0 dismissed"));
  }

  @Test
  void theFactorsSayWhyLargestContributionFirstAndSumToTheScore() {
    Score score = score("NORMAL", Duration.ofDays(2), Engagement.NONE);

    assertThat(score.factors())
        .extracting(Score.Factor::name)
        .containsExactly("due", "priority", "engagement");
    assertThat(score.factors().get(0).reason()).isEqualTo("due in 2 days");
    assertThat(score.factors().stream().mapToDouble(Score.Factor::contribution).sum())
        .isCloseTo(score.value(), org.assertj.core.data.Offset.offset(1e-6));
  }
}
