package dev.microworks.demosor.records;

import dev.microworks.demosor.security.DemoUsers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/**
 * Makes plausible random records from a seeded {@link Random}: the same seed, call sequence and
 * "now" always give the same records. Text comes from fixed pools shared by all records, which
 * keeps a million records small. Thread-safe (every method is synchronized).
 */
final class Generator {

  /** Actor name of every write made by the generator. */
  static final String ACTOR = "service:generator";

  private static final String[] OTHER_PEOPLE = {
    "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj", "oscar", "peggy",
    "trent"
  };

  private static final String[] TITLES = {
    "VPN drops every hour",
    "Laptop will not boot after update",
    "Request access to the finance share",
    "Printer on floor 3 jams constantly",
    "Email not syncing on phone",
    "New hire needs a laptop",
    "Password reset for the HR portal",
    "Monitor flickers",
    "Wi-Fi slow in meeting room B",
    "Install Docker Desktop",
    "Calendar invites arrive twice",
    "Cannot join video calls",
    "Shared drive quota exceeded",
    "Keyboard missing keys",
    "Badge does not open the garage",
    "Expense tool shows an error 500"
  };

  private static final String[] DESCRIPTIONS = {
    "Started this morning, nothing changed on my side.",
    "Happens several times a day and blocks my work.",
    "Needed before the end of the week, please.",
    "Colleagues on the same team see the same problem.",
    "Tried restarting, did not help.",
    "Low urgency, whenever someone has time."
  };

  private static final String[] COMMENTS = {
    "Looking into it.",
    "Can you send a screenshot?",
    "Fixed on our side, please check.",
    "Still happening for me.",
    "Escalated to the network team.",
    "Thanks, works now."
  };

  private static final String[] EXPENSE_DESCRIPTIONS = {
    "Train ticket to the customer workshop",
    "Team lunch",
    "Conference registration",
    "Hotel, two nights",
    "Taxi from the airport",
    "Books for the reading group",
    "Replacement laptop charger"
  };

  private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "CHF"};

  /** Usernames of everyone who appears in records, demo users first; parallel to EMAILS. */
  static final List<String> USERNAMES;

  /** E-mails of everyone who appears in records; parallel to USERNAMES. */
  static final List<String> EMAILS;

  static {
    List<String> names = new java.util.ArrayList<>();
    DemoUsers.ALL.forEach(u -> names.add(u.username()));
    names.addAll(List.of(OTHER_PEOPLE));
    USERNAMES = List.copyOf(names);
    EMAILS = names.stream().map(n -> (n + "@" + DemoUsers.DOMAIN).intern()).toList();
  }

  private final Random random;

  Generator(long seed) {
    this.random = new Random(seed);
  }

  synchronized Ticket ticket(int number, Instant now, Duration spread) {
    long created = created(now, spread);
    int reporter = person();
    int assignee = random.nextInt(EMAILS.size());
    LocalDate due =
        Instant.ofEpochMilli(created)
            .atZone(ZoneOffset.UTC)
            .toLocalDate()
            .plusDays(3 + random.nextInt(28));
    Ticket ticket =
        new Ticket(
            number,
            created,
            USERNAMES.get(reporter),
            TITLES[random.nextInt(TITLES.length)],
            DESCRIPTIONS[random.nextInt(DESCRIPTIONS.length)],
            Priority.values()[random.nextInt(Priority.values().length)],
            EMAILS.get(assignee),
            EMAILS.get(reporter),
            due);
    long first = between(created, now);
    if (random.nextInt(3) == 0) {
      ticket.addComment(Instant.ofEpochMilli(first), EMAILS.get(assignee), comment());
      ticket.record(Instant.ofEpochMilli(first), USERNAMES.get(assignee), "commented", "comment 1");
    }
    TicketStatus status = TicketStatus.values()[random.nextInt(TicketStatus.values().length)];
    if (status != TicketStatus.OPEN) {
      Instant at = Instant.ofEpochMilli(between(first, now));
      ticket.record(at, USERNAMES.get(assignee), "status_changed", status.fromOpen());
      ticket.status = status;
    }
    return ticket;
  }

  synchronized PtoRequest pto(int number, Instant now, Duration spread) {
    long created = created(now, spread);
    int approver = random.nextInt(DemoUsers.ALL.size());
    int requester = personOtherThan(approver);
    LocalDate from =
        Instant.ofEpochMilli(created)
            .atZone(ZoneOffset.UTC)
            .toLocalDate()
            .plusDays(7 + random.nextInt(60));
    PtoRequest pto =
        new PtoRequest(
            number,
            created,
            USERNAMES.get(requester),
            EMAILS.get(requester),
            EMAILS.get(approver),
            from,
            from.plusDays(random.nextInt(10)));
    decideMaybe(pto, approver, created, now);
    return pto;
  }

  synchronized Expense expense(int number, Instant now, Duration spread) {
    long created = created(now, spread);
    int approver = random.nextInt(DemoUsers.ALL.size());
    int submitter = personOtherThan(approver);
    Expense expense =
        new Expense(
            number,
            created,
            USERNAMES.get(submitter),
            EMAILS.get(submitter),
            EMAILS.get(approver),
            500 + random.nextInt(150_000),
            CURRENCIES[random.nextInt(CURRENCIES.length)],
            EXPENSE_DESCRIPTIONS[random.nextInt(EXPENSE_DESCRIPTIONS.length)]);
    decideMaybe(expense, approver, created, now);
    return expense;
  }

  synchronized int nextInt(int bound) {
    return random.nextInt(bound);
  }

  synchronized String comment() {
    return COMMENTS[random.nextInt(COMMENTS.length)];
  }

  synchronized String email() {
    return EMAILS.get(random.nextInt(EMAILS.size()));
  }

  private void decideMaybe(ApprovableEntity entity, int approver, long created, Instant now) {
    int pick = random.nextInt(3);
    if (pick > 0) {
      entity.status = pick == 1 ? Decision.APPROVED : Decision.REJECTED;
      entity.record(
          Instant.ofEpochMilli(between(created, now)),
          USERNAMES.get(approver),
          entity.status.json(),
          entity.status.json());
    }
  }

  private long created(Instant now, Duration spread) {
    long span = Math.max(1, spread.toMillis());
    return now.toEpochMilli() - (long) (random.nextDouble() * span);
  }

  private long between(long from, Instant now) {
    long to = now.toEpochMilli();
    return to <= from ? from : from + (long) (random.nextDouble() * (to - from));
  }

  private int person() {
    return random.nextInt(EMAILS.size());
  }

  private int personOtherThan(int index) {
    int p = random.nextInt(EMAILS.size() - 1);
    return p >= index ? p + 1 : p;
  }
}
