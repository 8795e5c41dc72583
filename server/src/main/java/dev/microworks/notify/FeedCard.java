package dev.microworks.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A card as its user sees it (feed API, live stream, channels). Holds record content: {@link
 * #toString()} names ids only.
 *
 * @param id the card's id
 * @param user the user it belongs to
 * @param microapp the microapp's id
 * @param microappTitle its title
 * @param rule the rule that raised it
 * @param recordKey the record it is about, if any
 * @param title filled title
 * @param body filled body
 * @param fields label/value pairs
 * @param priority LOW, NORMAL or HIGH
 * @param dueAt due date, if any
 * @param page the go-to page id, if any
 * @param actions buttons
 * @param score the score, higher first
 * @param why the score's top factors
 * @param createdAt when it was raised
 * @param state ACTIVE, DONE, DISMISSED or EXPIRED
 * @param readAt when it was read, if it was
 * @param snoozedUntil hidden until then, if snoozed
 */
public record FeedCard(
    UUID id,
    UUID user,
    String microapp,
    String microappTitle,
    String rule,
    Optional<String> recordKey,
    String title,
    String body,
    List<Field> fields,
    String priority,
    Optional<Instant> dueAt,
    Optional<String> page,
    List<Button> actions,
    double score,
    List<Reason> why,
    Instant createdAt,
    String state,
    Optional<Instant> readAt,
    Optional<Instant> snoozedUntil) {

  public FeedCard {
    fields = List.copyOf(fields);
    actions = List.copyOf(actions);
    why = List.copyOf(why);
  }

  public record Field(String label, String value) {
    @Override
    public String toString() {
      return "Field[" + label + "]";
    }
  }

  public record Button(String id, String label) {}

  /** One factor of the score: its name, its contribution and why, in words. */
  public record Reason(String factor, double contribution, String reason) {}

  @Override
  public String toString() {
    return "FeedCard[" + id + " " + microapp + "/" + rule + " " + state + "]";
  }
}
