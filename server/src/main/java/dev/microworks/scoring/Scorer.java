package dev.microworks.scoring;

/**
 * Scores a card for one user. Implementations are pure functions of the request: the caller gathers
 * the features ({@link ScoreRequest}), so a learned ranker can replace the first scorer by being
 * the one {@code Scorer} bean.
 */
public interface Scorer {

  Score score(ScoreRequest request);
}
