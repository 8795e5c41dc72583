package dev.microworks.wallet;

import dev.microworks.wallet.SecretLeakTests.Caller;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;

/**
 * Calls an endpoint every way a client might: with a plausible body, an empty one and malformed
 * ones full of canaries, with canaries in every query parameter and in headers, and with a method
 * it does not declare. Reads see two integrations (their path variables given as "subjects");
 * writes and deletes only the second. Signed-in callers get no server error (and never a 401);
 * anyone else gets 401 from the API.
 */
final class EndpointSweep {

  /** Sends one request and searches its answer; {@code type} and {@code body} may be null. */
  interface Sender {
    HttpResponse<String> send(
        Caller caller,
        String method,
        String path,
        String type,
        String body,
        Map<String, String> headers);
  }

  /** Actuator endpoints, error pages and documents outside the OpenAPI document. */
  static final List<String> OUTSIDE_THE_API =
      List.of(
          "/actuator",
          "/actuator/health",
          "/actuator/health/liveness",
          "/actuator/health/readiness",
          "/actuator/info",
          "/actuator/prometheus",
          "/actuator/env",
          "/actuator/configprops",
          "/actuator/heapdump",
          "/actuator/threaddump",
          "/actuator/loggers",
          "/actuator/beans",
          "/actuator/mappings",
          "/error",
          "/no-such-page",
          "/api/v1/no-such-endpoint",
          "/v3/api-docs",
          "/v3/api-docs.yaml",
          "/v3/api-docs/swagger-config",
          "/swagger-ui.html",
          "/swagger-ui/index.html");

  /** Actuator endpoints that would show secrets or memory: never open to anyone. */
  private static final Set<String> NEVER_EXPOSED =
      Set.of(
          "/actuator/env",
          "/actuator/configprops",
          "/actuator/heapdump",
          "/actuator/threaddump",
          "/actuator/loggers",
          "/actuator/beans",
          "/actuator/mappings");

  private static final String JSON = "application/json";

  /** Endpoints answering with a server-sent event stream. */
  static final Set<String> STREAMS = Set.of("/api/v1/feed/stream");

  private final Sender sender;
  private final LeakWatch watch;
  private final Map<String, String> readOnly;
  private final Map<String, String> disposable;
  private final Set<String> patched = new HashSet<>();
  private int requests;

  /**
   * @param readOnly the path variables of an integration that is only read
   * @param disposable those of one that is written to, synchronised and deleted
   */
  EndpointSweep(
      Sender sender,
      LeakWatch watch,
      Map<String, String> readOnly,
      Map<String, String> disposable) {
    this.sender = sender;
    this.watch = watch;
    this.readOnly = readOnly;
    this.disposable = disposable;
  }

  int requests() {
    return requests;
  }

  /**
   * GETs {@link #OUTSIDE_THE_API} and {@code exports}, plain and with canaries in a query parameter
   * and headers; the endpoints that would show secrets or memory answer no one.
   */
  void outsideTheApi(SoftAssertions softly, Caller caller, List<String> exports) {
    List<String> paths = new ArrayList<>(OUTSIDE_THE_API);
    paths.addAll(exports);
    for (String path : paths) {
      List<HttpResponse<String>> answers =
          List.of(
              send(caller, "GET", path, null, null, Map.of()),
              send(caller, "GET", path + "?note=" + watch.canary(), null, null, canaryHeaders()));
      if (NEVER_EXPOSED.contains(path)) {
        softly
            .assertThat(answers)
            .as(path + " as " + caller.name())
            .noneMatch(answer -> answer.statusCode() == 200);
      }
    }
  }

  /** Calls {@code operation} every way, for each subject it applies to. */
  void call(SoftAssertions softly, Caller caller, ApiOperation operation) {
    if (STREAMS.contains(operation.path()) && caller.signedIn()) {
      // a live stream does not end, so its answer cannot be read whole: refused callers are swept
      // like every endpoint; what a signed-in user's stream carries (their own cards only) is
      // asserted by NotificationIntegrationTests
      return;
    }
    List<Map<String, String>> subjects =
        !operation.hasVariables()
            ? List.of(Map.of())
            : operation.changesState() ? List.of(disposable) : List.of(readOnly, disposable);
    for (Map<String, String> subject : subjects) {
      call(softly, caller, operation, operation.expand(subject), subject);
    }
  }

  private void call(
      SoftAssertions softly,
      Caller caller,
      ApiOperation operation,
      String path,
      Map<String, String> subject) {
    String method = operation.method();
    String type = operation.bodyTypes().isEmpty() ? null : operation.bodyTypes().get(0);
    String body =
        type != null ? plausibleBody(operation, subject) : operation.changesState() ? "" : null;
    List<HttpResponse<String>> answers = new ArrayList<>();
    answers.add(send(caller, method, path, type, body, Map.of()));
    if (method.equals("PUT") || method.equals("POST")) {
      if (type != null) {
        answers.add(send(caller, method, path, type, "", Map.of()));
      }
      String malformedType = type == null ? JSON : type;
      for (String malformed : malformed(malformedType)) {
        answers.add(send(caller, method, path, malformedType, malformed, Map.of()));
      }
    }
    answers.add(send(caller, method, path + canaryQuery(operation), type, body, canaryHeaders()));
    if (patched.add(caller.name() + " " + path)) {
      answers.add(send(caller, "PATCH", path, JSON, malformed(JSON).get(0), canaryHeaders()));
    }
    for (HttpResponse<String> answer : answers) {
      String what = answer.request().method() + " " + operation.path() + " as " + caller.name();
      if (caller.isAdmin()) {
        softly.assertThat(answer.statusCode()).as(what + ": " + answer.body()).isLessThan(500);
      } else if (caller.signedIn()) {
        softly
            .assertThat(answer.statusCode())
            .as(what + ": " + answer.body())
            .isLessThan(500)
            .isNotEqualTo(401);
      } else {
        softly.assertThat(answer.statusCode()).as(what).isEqualTo(401);
      }
    }
  }

  /** A body an operation would accept, by its path; one this sweep does not know fails it. */
  private String plausibleBody(ApiOperation operation, Map<String, String> subject) {
    return switch (operation.toString()) {
      case "POST /api/v1/integrations" -> DemoSpecs.spec("leak-swept");
      case "POST /api/v1/integrations/validate" -> DemoSpecs.spec("leak-validated");
      case "PUT /api/v1/integrations/{id}" -> DemoSpecs.spec(subject.get("id"));
      case "PUT /api/v1/integrations/{id}/credentials/{slot}" ->
          DemoSpecs.credential(Map.of("clientId", watch.canary(), "clientSecret", watch.canary()));
      case "PUT /api/v1/microapps/{id}" -> microapp(subject.get("id"));
      case "POST /api/v1/microapps/validate" -> microapp("leak-validated");
      case "PUT /api/v1/wallet/keys/minimum-version" -> "{\"version\": 1}";
      case "POST /api/v1/users" ->
          "{\"email\": \"leak-swept@example.org\", \"password\": \""
              + watch.canary()
              + "\", \"roles\": [\"USER\"]}";
      case "PATCH /api/v1/users/{id}" -> "{\"display_name\": \"Leak swept\"}";
      case "POST /api/v1/groups" -> "{\"name\": \"leak-swept\", \"roles\": [\"USER\"]}";
      case "PUT /api/v1/groups/{id}/roles" -> "{\"roles\": [\"USER\"]}";
      case "POST /api/v1/me/password" ->
          "{\"current_password\": \""
              + watch.canary()
              + "\", \"new_password\": \""
              + watch.canary()
              + "\"}";
      case "POST /api/v1/me/tokens" -> "{\"name\": \"leak swept\"}";
      case "POST /api/v1/feed/{card}/snooze" -> "{\"until\": \"" + watch.canary() + "\"}";
      case "PUT /api/v1/me/channels" ->
          "{\"email\": {\"mode\": \"digest\"}, \"slack\": {\"enabled\": true, \"webhook_url\":"
              + " \"https://hooks.example.invalid/services/"
              + watch.canary()
              + "\"}}";
      case "POST /api/v1/me/mfa/totp/confirm" -> "{\"code\": \"" + watch.canary() + "\"}";
      case "POST /api/v1/me/mfa/totp/disable" ->
          "{\"code\": \""
              + watch.canary()
              + "\", \"current_password\": \""
              + watch.canary()
              + "\"}";
      default ->
          throw new AssertionError(
              operation + " takes a body " + operation.bodyTypes() + ": teach the leak test one");
    };
  }

  /** A microapp definition over the read-only integration's tickets, for every user. */
  private String microapp(String id) {
    return """
        id: %s
        title: Leak sweep
        integration: %s
        subscribers: {all-users: true}
        filters:
          tickets: record.assignee_email == user.email
        pages:
          - id: tickets
            type: list
            title: Tickets
            table: tickets
            columns: [key, title, assignee_email]
            search: [title]
        """
        .formatted(id, readOnly.get("id"));
  }

  /** Every declared query parameter, and one undeclared, set to a canary. */
  private String canaryQuery(ApiOperation operation) {
    StringBuilder query = new StringBuilder("?note=").append(watch.canary());
    operation
        .queryParameters()
        .forEach(name -> query.append('&').append(name).append('=').append(watch.canary()));
    return query.toString();
  }

  /** Bodies of {@code type} with canaries: one not even well-formed, one with wrong types. */
  private List<String> malformed(String type) {
    if (type.contains("yaml")) {
      return List.of(
          "id: " + watch.canary() + "\nsecurity: {client-secret: [" + watch.canary() + "\n",
          "id: leak\ntables: " + watch.canary() + "\nsecurity: " + watch.canary() + "\n");
    }
    return List.of(
        "{\"fields\": {\"clientSecret\": " + watch.canary() + "}, \"version\": 1}",
        "{\"version\": \""
            + watch.canary()
            + "\", \"fields\": [\""
            + watch.canary()
            + "\"], \"expires_at\": \""
            + watch.canary()
            + "\"}");
  }

  private Map<String, String> canaryHeaders() {
    return Map.of("X-Api-Key", watch.canary(), "Cookie", "SESSION=" + watch.canary());
  }

  private HttpResponse<String> send(
      Caller caller,
      String method,
      String path,
      String type,
      String body,
      Map<String, String> headers) {
    requests++;
    return sender.send(caller, method, path, type, body, headers);
  }
}
