package dev.microworks.microapp.internal;

import dev.microworks.audit.AuditLog;
import dev.microworks.identity.UserId;
import dev.microworks.identity.UserView;
import dev.microworks.identity.Users;
import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.Integrations;
import dev.microworks.integration.StoredIntegration;
import dev.microworks.integration.yaml.Problems;
import dev.microworks.microapp.InvalidMicroappException;
import dev.microworks.microapp.MicroappDefinition;
import dev.microworks.microapp.Microapps;
import dev.microworks.microapp.StoredMicroapp;
import dev.microworks.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saved microapps, and their compiled form against the integration's current spec (cached per
 * revision of both).
 */
@Service
class JdbcMicroapps implements Microapps {

  private static final Logger log = LoggerFactory.getLogger(JdbcMicroapps.class);

  private final JdbcClient jdbc;
  private final Integrations integrations;
  private final Users users;
  private final AuditLog audit;
  private final Clock clock;
  private final RaisedEvents events;
  private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();
  private final Map<String, StoredMicroapp> parsed = new ConcurrentHashMap<>();

  /** A compiled microapp and the revisions it was compiled from. */
  private record Compiled(
      long revision, long integrationRevision, Optional<CompiledMicroapp> app) {}

  JdbcMicroapps(
      JdbcClient jdbc,
      Integrations integrations,
      Users users,
      AuditLog audit,
      RaisedEvents events,
      Optional<Clock> clock) {
    this.events = events;
    this.jdbc = jdbc;
    this.integrations = integrations;
    this.users = users;
    this.audit = audit;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  @Override
  @Transactional
  public StoredMicroapp save(TenantId tenant, String yaml, String sourceName, String savedBy) {
    MicroappDefinition definition = parse(tenant, yaml, sourceName);
    Instant now = clock.instant();
    long revision =
        jdbc.sql(
                "INSERT INTO microapp (tenant_id, id, integration_id, title, definition, revision,"
                    + " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, 1, ?, ?)"
                    + " ON CONFLICT (tenant_id, id) DO UPDATE SET integration_id ="
                    + " excluded.integration_id, title = excluded.title, definition ="
                    + " excluded.definition, revision = microapp.revision + 1, updated_at ="
                    + " excluded.updated_at, updated_by = excluded.updated_by RETURNING revision")
            .params(
                tenant.value(),
                definition.id(),
                definition.integration(),
                definition.title(),
                yaml,
                Timestamp.from(now),
                savedBy)
            .query(Long.class)
            .single();
    reconcile(tenant, definition);
    audit.append(
        tenant,
        savedBy,
        "microapp.saved",
        definition.id(),
        "ok",
        Map.of("revision", Long.toString(revision), "integration", definition.integration()));
    return new StoredMicroapp(tenant, definition, yaml, revision, now, savedBy);
  }

  /**
   * After a save: the cards of rules that are gone expire, and so do those of users who are no
   * longer subscribers.
   */
  private void reconcile(TenantId tenant, MicroappDefinition definition) {
    List<RaisedEvents.Active> active = events.activeOfMicroapp(tenant, definition.id());
    if (active.isEmpty()) {
      return;
    }
    Map<UserId, Boolean> subscribed = new java.util.HashMap<>();
    List<java.util.UUID> gone = new java.util.ArrayList<>();
    for (RaisedEvents.Active event : active) {
      if (definition.rule(event.rule()).isEmpty()) {
        gone.add(event.id());
        continue;
      }
      List<UserId> left =
          event.users().stream()
              .filter(
                  user ->
                      !subscribed.computeIfAbsent(
                          user,
                          u ->
                              users
                                  .find(tenant, u)
                                  .map(v -> Subscriptions.includes(definition.subscribers(), v))
                                  .orElse(false)))
              .toList();
      events.expireFor(tenant, event, left);
    }
    events.expire(tenant, gone, clock.instant());
  }

  /** Parses and validates against the integration's current spec. */
  MicroappDefinition parse(TenantId tenant, String yaml, String sourceName) {
    return DefinitionParser.parse(
        yaml,
        sourceName,
        (definition, problems) -> {
          Optional<StoredIntegration> integration =
              integrations.find(tenant, definition.integration());
          if (integration.isEmpty()) {
            problems.at(
                "integration",
                "no integration '"
                    + definition.integration()
                    + "' is saved; saved: "
                    + String.join(
                        ", ",
                        integrations.all(tenant).stream().map(StoredIntegration::id).toList()));
            return;
          }
          CompiledMicroapp.compile(definition, integration.get().spec(), problems);
        });
  }

  @Override
  public Optional<StoredMicroapp> find(TenantId tenant, String id) {
    return jdbc.sql(
            "SELECT id, definition, revision, updated_at, updated_by FROM microapp"
                + " WHERE tenant_id = ? AND id = ?")
        .params(tenant.value(), id)
        .query((row, n) -> stored(tenant, row))
        .optional()
        .flatMap(Optional::ofNullable);
  }

  @Override
  public List<StoredMicroapp> all(TenantId tenant) {
    return jdbc
        .sql(
            "SELECT id, definition, revision, updated_at, updated_by FROM microapp"
                + " WHERE tenant_id = ? ORDER BY id")
        .param(tenant.value())
        .query((row, n) -> stored(tenant, row))
        .list()
        .stream()
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  /** The microapps reading an integration. */
  List<StoredMicroapp> ofIntegration(TenantId tenant, String integration) {
    return jdbc
        .sql(
            "SELECT id, definition, revision, updated_at, updated_by FROM microapp"
                + " WHERE tenant_id = ? AND integration_id = ? ORDER BY id")
        .params(tenant.value(), integration)
        .query((row, n) -> stored(tenant, row))
        .list()
        .stream()
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  @Override
  public List<StoredMicroapp> subscribedBy(TenantId tenant, UserId user) {
    Optional<UserView> view = users.find(tenant, user);
    if (view.isEmpty()) {
      return List.of();
    }
    return all(tenant).stream()
        .filter(app -> Subscriptions.includes(app.definition().subscribers(), view.get()))
        .toList();
  }

  @Override
  @Transactional
  public boolean delete(TenantId tenant, String id, String deletedBy) {
    int removed =
        jdbc.sql("DELETE FROM microapp WHERE tenant_id = ? AND id = ?")
            .params(tenant.value(), id)
            .update();
    if (removed > 0) {
      jdbc.sql("DELETE FROM rule_schedule WHERE tenant_id = ? AND microapp_id = ?")
          .params(tenant.value(), id)
          .update();
      events.expire(
          tenant,
          events.activeOfMicroapp(tenant, id).stream().map(RaisedEvents.Active::id).toList(),
          clock.instant());
      audit.append(tenant, deletedBy, "microapp.deleted", id, "ok", Map.of());
      compiled.remove(tenant.value() + "/" + id);
      parsed.remove(tenant.value() + "/" + id);
    }
    return removed > 0;
  }

  /**
   * The microapp compiled against its integration's current spec; empty (and logged once per
   * revision) when the spec changed under it so that it no longer fits.
   */
  Optional<CompiledMicroapp> compiled(StoredMicroapp app) {
    Optional<StoredIntegration> integration =
        integrations.find(app.tenant(), app.definition().integration());
    if (integration.isEmpty()) {
      return Optional.empty();
    }
    String key = app.tenant().value() + "/" + app.id();
    long integrationRevision = integration.get().revision();
    Compiled cached = compiled.get(key);
    if (cached != null
        && cached.revision() == app.revision()
        && cached.integrationRevision() == integrationRevision) {
      return cached.app();
    }
    IntegrationSpec spec = integration.get().spec();
    Problems problems = new Problems(app.id());
    CompiledMicroapp result = CompiledMicroapp.compile(app.definition(), spec, problems);
    Optional<CompiledMicroapp> usable = problems.isEmpty() ? Optional.of(result) : Optional.empty();
    if (!problems.isEmpty()) {
      log.warn(
          "Microapp {} no longer fits integration {} (revision {}) and is paused until it is"
              + " saved again: {}",
          app.id(),
          spec.id(),
          integrationRevision,
          new InvalidMicroappException(problems.sorted()).getMessage());
    }
    compiled.put(key, new Compiled(app.revision(), integrationRevision, usable));
    return usable;
  }

  private StoredMicroapp stored(TenantId tenant, java.sql.ResultSet row)
      throws java.sql.SQLException {
    // the rule engine reads the microapps of an integration for every batch: parse each revision
    // once
    String key = tenant.value() + "/" + row.getString("id");
    StoredMicroapp known = parsed.get(key);
    if (known != null && known.revision() == row.getLong("revision")) {
      return known;
    }
    StoredMicroapp read = read(tenant, row);
    if (read != null) {
      parsed.put(key, read);
    }
    return read;
  }

  private StoredMicroapp read(TenantId tenant, java.sql.ResultSet row)
      throws java.sql.SQLException {
    String yaml = row.getString("definition");
    MicroappDefinition definition;
    try {
      definition = DefinitionParser.parse(yaml, row.getString("id"), (d, p) -> {});
    } catch (InvalidMicroappException e) {
      log.warn("Stored microapp {} cannot be read: {}", row.getString("id"), e.getMessage());
      return null;
    }
    return new StoredMicroapp(
        tenant,
        definition,
        yaml,
        row.getLong("revision"),
        row.getTimestamp("updated_at").toInstant(),
        row.getString("updated_by"));
  }
}
