package dev.microworks.notify.internal;

import dev.microworks.identity.CurrentUser;
import dev.microworks.identity.SignedInUser;
import dev.microworks.notify.FeedCard;
import dev.microworks.scoring.InteractionKind;
import dev.microworks.scoring.Interactions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The signed-in user's feed: pages, unread count, card states and the live stream. */
@PreAuthorize("hasRole('USER')")
@RestController
@RequestMapping(path = "/api/v1/feed", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Feed", description = "Your notification cards")
class FeedController {

  static final int MAX_LIMIT = 100;
  static final Duration MAX_SNOOZE = Duration.ofDays(30);

  private final FeedQueries feed;
  private final LiveFeed live;
  private final FeedBus bus;
  private final JdbcTemplate jdbc;
  private final Interactions interactions;
  private final Clock clock;

  FeedController(
      FeedQueries feed,
      LiveFeed live,
      FeedBus bus,
      JdbcTemplate jdbc,
      Interactions interactions,
      Optional<Clock> clock) {
    this.feed = feed;
    this.live = live;
    this.bus = bus;
    this.jdbc = jdbc;
    this.interactions = interactions;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /** A page of the feed. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Page(List<CardView> cards, String next, Long unread) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Unread(long unread) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Snooze(String until) {
    /** Without the value: request bodies are logged at DEBUG, and they stay what was sent. */
    @Override
    public String toString() {
      return "Snooze";
    }
  }

  @GetMapping
  @Operation(
      summary = "Your active cards, highest score first, then newest",
      description =
          "Snoozed cards are left out until their time. `next` is the cursor of the following"
              + " page, null on the last one. `unread` comes with the first page (null on the"
              + " others).")
  Page page(
      @RequestParam(defaultValue = "20") int limit, @RequestParam(required = false) String cursor) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT + ".");
    }
    Optional<FeedQueries.Cursor> after = Optional.empty();
    if (cursor != null && !cursor.isEmpty()) {
      after = FeedQueries.Cursor.decode(cursor);
      if (after.isEmpty()) {
        throw new ResponseStatusException(
            HttpStatus.BAD_REQUEST,
            "cursor is not one this server gave; use the `next` value of the previous page.");
      }
    }
    SignedInUser user = CurrentUser.require();
    List<FeedCard> cards = feed.page(user.tenant(), user.id().value(), after, limit);
    String next = null;
    if (cards.size() > limit) {
      cards = cards.subList(0, limit);
      FeedCard last = cards.get(limit - 1);
      next = new FeedQueries.Cursor(last.score(), last.createdAt(), last.id()).encode();
    }
    // the unread count comes with the first page only: a client paging on has it already
    return new Page(
        cards.stream().map(CardView::of).toList(),
        next,
        after.isEmpty() ? feed.unread(user.tenant(), user.id().value()) : null);
  }

  @GetMapping("/unread")
  @Operation(summary = "How many active cards you have not read")
  Unread unread() {
    SignedInUser user = CurrentUser.require();
    return new Unread(feed.unread(user.tenant(), user.id().value()));
  }

  @GetMapping("/{card}")
  @Operation(summary = "One of your cards, whatever its state")
  CardView card(@PathVariable UUID card) {
    SignedInUser user = CurrentUser.require();
    return CardView.of(find(user, card));
  }

  @PostMapping("/{card}/read")
  @Operation(summary = "Mark a card read (recorded as opened)")
  CardView read(@PathVariable UUID card) {
    return change(card, "read_at = coalesce(read_at, ?)", "ACTIVE", InteractionKind.OPENED);
  }

  @PostMapping("/{card}/done")
  @Operation(summary = "Mark a card done: it leaves the feed (recorded as acted)")
  CardView done(@PathVariable UUID card) {
    return change(card, "state = 'DONE', state_at = ?", "DONE", InteractionKind.ACTED);
  }

  @PostMapping("/{card}/dismiss")
  @Operation(summary = "Dismiss a card: it leaves the feed (recorded as dismissed)")
  CardView dismiss(@PathVariable UUID card) {
    return change(
        card, "state = 'DISMISSED', state_at = ?", "DISMISSED", InteractionKind.DISMISSED);
  }

  @PostMapping("/{card}/acted")
  @Operation(summary = "Record that you acted on a card (an action was run from it)")
  CardView acted(@PathVariable UUID card) {
    SignedInUser user = CurrentUser.require();
    FeedCard found = find(user, card);
    interactions.record(
        user.tenant(), user.id().value(), found.microapp(), card, InteractionKind.ACTED);
    return CardView.of(found);
  }

  @PostMapping(path = "/{card}/snooze", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Hide a card until a time",
      description = "Body: {\"until\": \"2026-12-01T09:00:00Z\"}, in the future, at most 30 days.")
  CardView snooze(@PathVariable UUID card, @RequestBody Snooze body) {
    Instant now = clock.instant();
    Instant until;
    try {
      until = Instant.parse(body == null || body.until() == null ? "" : body.until());
    } catch (DateTimeParseException e) {
      throw new ResponseStatusException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "until must be an ISO-8601 instant such as 2026-12-01T09:00:00Z.");
    }
    if (!until.isAfter(now) || until.isAfter(now.plus(MAX_SNOOZE))) {
      throw new ResponseStatusException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "until must be in the future and at most 30 days ahead.");
    }
    SignedInUser user = CurrentUser.require();
    int updated =
        jdbc.update(
            "UPDATE card SET snoozed_until = ? WHERE id = ? AND user_id = ? AND tenant_id = ?"
                + " AND state = 'ACTIVE'",
            Timestamp.from(until),
            card,
            user.id().value(),
            user.tenant().value());
    if (updated == 0) {
      throw inactive(user, card);
    }
    bus.send(List.of(new FeedBus.Update('u', user.tenant(), user.id().value(), card, "SNOOZED")));
    return CardView.of(find(user, card));
  }

  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      summary = "Live updates of your feed (server-sent events)",
      description =
          "Events: `card` (a new card, as in the feed), `expired` and `updated` ({id, state}).")
  SseEmitter stream() {
    SignedInUser user = CurrentUser.require();
    return live.open(user.id().value());
  }

  private CardView change(UUID card, String set, String state, InteractionKind kind) {
    SignedInUser user = CurrentUser.require();
    int updated =
        jdbc.update(
            "UPDATE card SET "
                + set
                + " WHERE id = ? AND user_id = ? AND tenant_id = ? AND state = 'ACTIVE'",
            Timestamp.from(clock.instant()),
            card,
            user.id().value(),
            user.tenant().value());
    if (updated == 0) {
      throw inactive(user, card);
    }
    FeedCard found = find(user, card);
    interactions.record(user.tenant(), user.id().value(), found.microapp(), card, kind);
    bus.send(
        List.of(
            new FeedBus.Update(
                'u',
                user.tenant(),
                user.id().value(),
                card,
                state.equals("ACTIVE") ? "READ" : state)));
    return CardView.of(found);
  }

  private FeedCard find(SignedInUser user, UUID card) {
    return feed.card(user.tenant(), user.id().value(), card)
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "You have no such card."));
  }

  private ResponseStatusException inactive(SignedInUser user, UUID card) {
    FeedCard found = find(user, card);
    return new ResponseStatusException(
        HttpStatus.CONFLICT,
        "The card is "
            + found.state().toLowerCase(java.util.Locale.ROOT)
            + "; only active cards change.");
  }
}
