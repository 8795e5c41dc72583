package dev.microworks.demosor.records;

import dev.microworks.demosor.config.SeedProperties;
import dev.microworks.demosor.web.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The demo data generator, for in-process use and behind {@code /admin/generate} and {@code
 * /admin/mutate}. At construction it seeds the collections from {@link SeedProperties}, so the demo
 * SoR starts with the same data (relative to the clock's now) every time. Thread-safe.
 */
@Service
public class DemoData {

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  /**
   * The outcome of {@link #generate}.
   *
   * @param collection the collection the records were added to
   * @param created how many records were created
   * @param firstKey key of the first new record, null if none were created
   * @param lastKey key of the last new record, null if none were created
   * @param total number of records in the collection afterwards
   */
  public record Generated(
      String collection, int created, String firstKey, String lastKey, int total) {}

  private final Records records;
  private final Generator generator;
  private final SeedProperties seed;

  DemoData(Records records, SeedProperties seed) {
    this.records = records;
    this.seed = seed;
    this.generator = new Generator(seed.randomSeed());
    generate(SorCollection.TICKETS, seed.tickets());
    generate(SorCollection.PTO_REQUESTS, seed.ptoRequests());
    generate(SorCollection.EXPENSES, seed.expenses());
    log.info(
        "Seeded {} tickets, {} PTO requests, {} expense reports (seed {})",
        seed.tickets(),
        seed.ptoRequests(),
        seed.expenses(),
        seed.randomSeed());
  }

  Records records() {
    return records;
  }

  /** Number of records in the collection. */
  public int count(SorCollection collection) {
    return records.store(collection).size();
  }

  /**
   * Appends {@code count} random records, created and updated within the configured spread before
   * the clock's now. Records get the next free numbers; a million tickets take about a second.
   *
   * @throws ApiException 400 if count is negative
   */
  public Generated generate(SorCollection collection, int count) {
    if (count < 0) {
      throw ApiException.badRequest("count must be 0 or more, was " + count);
    }
    Instant now = records.now();
    int first =
        switch (collection) {
          case TICKETS ->
              records.tickets.addAll(count, n -> generator.ticket(n, now, seed.spread()));
          case PTO_REQUESTS ->
              records.ptoRequests.addAll(count, n -> generator.pto(n, now, seed.spread()));
          case EXPENSES ->
              records.expenses.addAll(count, n -> generator.expense(n, now, seed.spread()));
        };
    return new Generated(
        collection.path(),
        count,
        count == 0 ? null : collection.key(first),
        count == 0 ? null : collection.key(first + count - 1),
        count(collection));
  }

  /**
   * Applies one random write to each of {@code count} distinct random records: ticket status,
   * priority, assignee or a comment; PTO and expense decisions or amendments. Each write sets
   * updated_at to the clock's now and appends history with actor {@code service:generator}.
   *
   * @return the keys of the changed records, in ascending record order
   * @throws ApiException 400 if count is negative or larger than the collection
   */
  public List<String> mutate(SorCollection collection, int count) {
    int size = count(collection);
    if (count < 0 || count > size) {
      throw ApiException.badRequest(
          "count must be between 0 and the collection size " + size + ", was " + count);
    }
    List<Integer> numbers = pick(count, size);
    List<String> keys = new ArrayList<>(count);
    for (int number : numbers) {
      Instant now = records.now();
      switch (collection) {
        case TICKETS -> records.tickets.write(number, t -> mutateTicket(t, now));
        case PTO_REQUESTS -> records.ptoRequests.write(number, p -> mutatePto(p, now));
        case EXPENSES -> records.expenses.write(number, e -> mutateExpense(e, now));
      }
      keys.add(collection.key(number));
    }
    return keys;
  }

  private List<Integer> pick(int count, int size) {
    Set<Integer> chosen = new HashSet<>();
    if (count > size / 2) {
      List<Integer> all = new ArrayList<>(size);
      for (int i = 1; i <= size; i++) {
        all.add(i);
      }
      for (int i = size - 1; i > 0; i--) {
        java.util.Collections.swap(all, i, generator.nextInt(i + 1));
      }
      chosen.addAll(all.subList(0, count));
    } else {
      while (chosen.size() < count) {
        chosen.add(1 + generator.nextInt(size));
      }
    }
    return chosen.stream().sorted().toList();
  }

  private Void mutateTicket(Ticket t, Instant now) {
    switch (generator.nextInt(4)) {
      case 0 -> {
        TicketStatus next =
            TicketStatus.values()[(t.status.ordinal() + 1) % TicketStatus.values().length];
        t.record(now, Generator.ACTOR, "status_changed", t.status.json() + " -> " + next.json());
        t.status = next;
      }
      case 1 -> {
        Priority next = Priority.values()[(t.priority.ordinal() + 1) % Priority.values().length];
        t.record(
            now, Generator.ACTOR, "priority_changed", t.priority.json() + " -> " + next.json());
        t.priority = next;
      }
      case 2 -> {
        String next = generator.email();
        t.record(now, Generator.ACTOR, "assigned", t.assignee + " -> " + next);
        t.assignee = next;
      }
      default -> {
        Comment c = t.addComment(now, Generator.ACTOR, generator.comment());
        t.record(now, Generator.ACTOR, "commented", "comment " + c.id());
      }
    }
    return null;
  }

  private Void mutatePto(PtoRequest p, Instant now) {
    if (p.status == Decision.PENDING) {
      decide(p, now);
    } else {
      p.toEpochDay++;
      p.record(now, Generator.ACTOR, "updated", "to_date extended by one day");
    }
    return null;
  }

  private Void mutateExpense(Expense e, Instant now) {
    if (e.status == Decision.PENDING) {
      decide(e, now);
    } else {
      e.amountCents += 100;
      e.record(now, Generator.ACTOR, "updated", "amount corrected by +1.00");
    }
    return null;
  }

  private void decide(ApprovableEntity entity, Instant now) {
    entity.status = generator.nextInt(2) == 0 ? Decision.APPROVED : Decision.REJECTED;
    entity.record(now, Generator.ACTOR, entity.status.json(), entity.status.json());
  }
}
