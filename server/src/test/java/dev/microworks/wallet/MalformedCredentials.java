package dev.microworks.wallet;

import java.util.ArrayList;
import java.util.List;

/**
 * Credential PUT bodies wrong in the ways people and clients get them wrong, each with canaries in
 * it, and the problem each must be answered with: what was wrong and, for JSON, where.
 */
final class MalformedCredentials {

  static final String JSON = "application/json";
  private static final String INTEGRATION = "demo-sor-offset";
  private static final String SLOT = "demo-sor-service";
  private static final String CLIENT_ID = "\"clientId\": \"microworks-sync\"";
  private static final String NOT_JSON = "The body is not valid JSON (line ";

  /** One wrong request and the problem it must get, whose detail holds every {@code says}. */
  record Case(
      String what,
      String integration,
      String slot,
      String type,
      String body,
      int status,
      List<String> says) {}

  private final LeakWatch watch;

  MalformedCredentials(LeakWatch watch) {
    this.watch = watch;
  }

  List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(
        json(
            "an unquoted value, on line 4",
            "{\n  \"fields\": {\n    " + CLIENT_ID + ",\n    \"clientSecret\": " + c() + "\n  }\n}",
            400,
            NOT_JSON + "4, column "));
    cases.add(json("truncated JSON", fields("\"clientSecret\": \"" + c()), 400, NOT_JSON + "1, "));
    cases.add(
        json(
            "an invalid escape",
            fields("\"clientSecret\": \"" + c() + "\\q" + c() + "\"}}"),
            400,
            NOT_JSON + "1, "));
    cases.add(
        json(
            "a raw control character",
            fields("\"clientSecret\": \"" + c() + "\t" + c() + "\"}}"),
            400,
            NOT_JSON + "1, "));
    cases.add(
        json(
            "a field given twice",
            fields(secret() + ", \"clientSecret\": \"" + c() + "\"}}"),
            422,
            "Line 1, column ",
            "field \"clientSecret\" is given twice"));
    cases.add(
        json(
            "a field given twice, once by its snake_case alias",
            fields(secret() + ", \"client_secret\": \"" + c() + "\"}}"),
            422,
            "Line 1, column ",
            "field \"client_secret\" is given twice"));
    cases.add(
        json(
            "a value that is not a string",
            fields("\"clientSecret\": [\"" + c() + "\"]}}"),
            422,
            "Line 1, column ",
            "the value of field \"clientSecret\" to be a string"));
    cases.add(
        json(
            "fields that are not an object",
            "{\"fields\": \"" + c() + "\"}",
            422,
            "Line 1, column ",
            "\"fields\" to be an object of strings"));
    cases.add(
        json(
            "the secret beside the fields",
            "{\"clientSecret\": \"" + c() + "\", \"fields\": {" + CLIENT_ID + "}}",
            422,
            "Line 1, column ",
            "unknown property;"));
    cases.add(
        json(
            "an expiry that is no instant",
            fields(secret() + "}, \"expires_at\": \"" + c() + "\"}"),
            422,
            "Line 1, column ",
            "ISO-8601"));
    cases.add(
        json(
            "a field missing",
            "{\"fields\": {\"clientSecret\": \"" + c() + "\"}}",
            422,
            "Missing: [clientId]"));
    cases.add(
        json(
            "a field the slot does not have",
            fields(secret() + ", \"password\": \"" + c() + "\"}}"),
            422,
            "Not fields of this slot: [password]"));
    cases.add(
        json(
            "text after the object",
            fields(secret() + "}} \"" + c() + "\""),
            422,
            "Line 1, column ",
            "there is more after the JSON object"));
    cases.add(
        json(
            "an array instead of an object",
            "[\"" + c() + "\"]",
            422,
            "Line 1, column 1: expected a JSON object"));
    cases.add(json("an empty body", "", 422, "expected a JSON object"));
    cases.add(json("a body of 70 KB", oversized(watch), 413, "larger than 65536 bytes"));
    cases.add(
        new Case(
            "text/plain",
            INTEGRATION,
            SLOT,
            "text/plain",
            "clientSecret=" + c(),
            415,
            List.of("'text/plain' is not supported")));
    cases.add(
        new Case(
            "a form",
            INTEGRATION,
            SLOT,
            "application/x-www-form-urlencoded",
            "clientId=microworks-sync&clientSecret=" + c(),
            415,
            List.of("'application/x-www-form-urlencoded' is not supported")));
    cases.add(
        new Case(
            "no content type",
            INTEGRATION,
            SLOT,
            null,
            fields(secret() + "}}"),
            415,
            List.of("is not supported")));
    cases.add(
        new Case(
            "a slot the integration does not declare",
            INTEGRATION,
            "no-such-slot",
            JSON,
            fields(secret() + "}}"),
            422,
            List.of("declares no slot 'no-such-slot'")));
    cases.add(
        new Case(
            "an integration that does not exist",
            "no-such-integration",
            SLOT,
            JSON,
            fields(secret() + "}}"),
            404,
            List.of("No integration 'no-such-integration'")));
    return cases;
  }

  /** A credential body of 70 KB, over the 64 KB limit, a canary in every field. */
  static String oversized(LeakWatch watch) {
    StringBuilder body = new StringBuilder("{\"fields\": {" + CLIENT_ID);
    for (int field = 0; body.length() < 70 * 1024; field++) {
      body.append(", \"field").append(field).append("\": \"").append(watch.canary()).append('"');
    }
    return body.append("}}").toString();
  }

  private Case json(String what, String body, int status, String... says) {
    return new Case(what, INTEGRATION, SLOT, JSON, body, status, List.of(says));
  }

  /** The start of a body: the client id, then {@code rest}. */
  private static String fields(String rest) {
    return "{\"fields\": {" + CLIENT_ID + ", " + rest;
  }

  private String secret() {
    return "\"clientSecret\": \"" + c() + "\"";
  }

  private String c() {
    return watch.canary();
  }
}
