package dev.microworks.scoring;

/**
 * A user's interactions with one microapp's cards over the engagement window (90 days).
 *
 * @param opened cards opened
 * @param acted cards acted on
 * @param dismissed cards dismissed
 */
public record Engagement(long opened, long acted, long dismissed) {

  public static final Engagement NONE = new Engagement(0, 0, 0);
}
