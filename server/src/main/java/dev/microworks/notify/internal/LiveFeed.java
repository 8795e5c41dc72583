package dev.microworks.notify.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live feed streams (server-sent events) of this node, per user. Events: {@code card} (a new card,
 * as in the feed API), {@code expired} and {@code updated} ({@code {"id", "state"}}), and a comment
 * every 20 s to keep proxies from closing an idle stream. A user's stream carries only that user's
 * cards.
 *
 * <p>Updates arrive through the {@link FeedBus} (PostgreSQL LISTEN/NOTIFY), from whichever node
 * raised them: a user's streams on every node see every change.
 */
@Component
class LiveFeed {

  private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
  static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final Map<UUID, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "live-feed-heartbeat");
            thread.setDaemon(true);
            return thread;
          });

  private final FeedQueries feed;

  LiveFeed(FeedQueries feed) {
    this.feed = feed;
    heartbeat.scheduleWithFixedDelay(this::beat, 20, 20, TimeUnit.SECONDS);
  }

  SseEmitter open(UUID user) {
    SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
    Set<SseEmitter> mine = streams.computeIfAbsent(user, u -> new CopyOnWriteArraySet<>());
    mine.add(emitter);
    Runnable remove = () -> mine.remove(emitter);
    emitter.onCompletion(remove);
    emitter.onTimeout(remove);
    emitter.onError(error -> remove.run());
    send(user, emitter, SseEmitter.event().comment("connected"));
    return emitter;
  }

  /** An update heard on the {@link FeedBus}: shown on this node's streams of its user. */
  void deliver(FeedBus.Update update) {
    if (!streams.containsKey(update.user())) {
      return;
    }
    switch (update.kind()) {
      case 'c':
        feed.card(update.tenant(), update.user(), update.card())
            .filter(card -> card.state().equals("ACTIVE"))
            .ifPresent(card -> push(update.user(), "card", CardView.of(card)));
        break;
      case 'e':
        push(update.user(), "expired", Map.of("id", update.card(), "state", "EXPIRED"));
        break;
      default:
        push(update.user(), "updated", Map.of("id", update.card(), "state", update.state()));
    }
  }

  private void push(UUID user, String name, Object data) {
    Set<SseEmitter> mine = streams.get(user);
    if (mine == null) {
      return;
    }
    for (SseEmitter emitter : mine) {
      send(user, emitter, SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
    }
  }

  private void send(UUID user, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
    try {
      emitter.send(event);
    } catch (IOException | IllegalStateException gone) {
      Set<SseEmitter> mine = streams.get(user);
      if (mine != null) {
        mine.remove(emitter);
      }
      log.debug("Live feed stream of a user closed: {}", gone.getClass().getSimpleName());
    }
  }

  private void beat() {
    streams.forEach(
        (user, emitters) -> {
          for (SseEmitter emitter : emitters) {
            send(user, emitter, SseEmitter.event().comment("keep-alive"));
          }
        });
  }
}
