package dev.microworks.integration.internal;

import dev.microworks.integration.ClientAuth;
import dev.microworks.integration.ColumnType;
import dev.microworks.integration.IncrementalSpec.DateFormat;
import dev.microworks.integration.MergeStrategy;
import dev.microworks.integration.PaginationSpec;
import dev.microworks.integration.PostMode;
import dev.microworks.integration.ScheduleSpec.Trigger;
import dev.microworks.integration.SecuritySpec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the vocabulary of Citrix {@code .sapp} bundles maps to integration specs: one table per
 * concept, reused by the importer. An empty result means "not expressible" and the importer must
 * report it, never guess.
 */
public final class CitrixVocabulary {

  private static final Map<String, ColumnType> COLUMN_TYPES =
      Map.of(
          "STRING", ColumnType.STRING,
          "BINARY",
              ColumnType.STRING, // Citrix used it for long text and URLs, sent as JSON strings
          "INTEGER", ColumnType.INTEGER,
          "LONG", ColumnType.INTEGER,
          "DOUBLE", ColumnType.DECIMAL,
          "BOOLEAN", ColumnType.BOOLEAN,
          "DATE", ColumnType.DATE,
          "TIMESTAMP", ColumnType.DATETIME,
          "TIME", ColumnType.TIME);

  private static final Map<String, Class<? extends PaginationSpec>> PAGINATION =
      Map.of(
          "NONE", PaginationSpec.NoPagination.class,
          "OFFSET", PaginationSpec.OffsetPagination.class,
          "PAGE", PaginationSpec.PagePagination.class,
          "CURSOR", PaginationSpec.CursorPagination.class,
          "LINK", PaginationSpec.BodyLinkPagination.class,
          "HEADER_LINK", PaginationSpec.LinkHeaderPagination.class,
          "ODATA", PaginationSpec.ODataPagination.class);

  private static final Map<String, Duration> SCHEDULES =
      Map.ofEntries(
          Map.entry("MINUTE", Duration.ofMinutes(1)),
          Map.entry("TWO_MINUTES", Duration.ofMinutes(2)),
          Map.entry("FIVE_MINUTES", Duration.ofMinutes(5)),
          Map.entry("FIFTEEN_MINUTES", Duration.ofMinutes(15)),
          Map.entry("THIRTY_MINUTES", Duration.ofMinutes(30)),
          Map.entry("HOURLY", Duration.ofHours(1)),
          Map.entry("TWO_HOURS", Duration.ofHours(2)),
          Map.entry("FOUR_HOURS", Duration.ofHours(4)),
          Map.entry("EIGHT_HOURS", Duration.ofHours(8)),
          Map.entry("TWELVE_HOURS", Duration.ofHours(12)),
          Map.entry("DAILY", Duration.ofDays(1)),
          Map.entry("WEEKLY", Duration.ofDays(7)));

  private CitrixVocabulary() {}

  /** A Citrix {@code columnType}. */
  public static Optional<ColumnType> columnType(String citrix) {
    return Optional.ofNullable(COLUMN_TYPES.get(citrix));
  }

  /** A Citrix {@code pagination.type}; {@code null} (no pagination object) is NONE. */
  public static Optional<Class<? extends PaginationSpec>> pagination(String citrix) {
    return Optional.ofNullable(PAGINATION.get(citrix == null ? "NONE" : citrix));
  }

  /**
   * A Citrix service {@code security.type} and {@code grantType}. OAUTH2 with AUTHORIZATION_CODE
   * used for data retrieval means an administrator's consent once, then a stored refresh token.
   */
  public static Optional<Class<? extends SecuritySpec>> security(String type, String grantType) {
    if (type == null) {
      return Optional.empty();
    }
    return switch (type) {
      case "NONE" -> Optional.of(SecuritySpec.None.class);
      case "BASIC" -> Optional.of(SecuritySpec.Basic.class);
      case "BEARER" -> Optional.of(SecuritySpec.Bearer.class);
      case "APIKEY" -> Optional.of(SecuritySpec.ApiKey.class); // ApiKeys when several keys
      case "OAUTH2" ->
          grantType == null
              ? Optional.empty()
              : switch (grantType) {
                case "CLIENT_CREDENTIALS" ->
                    Optional.of(SecuritySpec.OAuth2ClientCredentials.class);
                case "AUTHORIZATION_CODE" -> Optional.of(SecuritySpec.OAuth2RefreshToken.class);
                case "RESOURCE_OWNER_PASSWORD" -> Optional.of(SecuritySpec.OAuth2Password.class);
                default -> Optional.empty();
              };
      default -> Optional.empty();
    };
  }

  /** A Citrix {@code tokenAuthorization}; absent means the OAuth default, the basic header. */
  public static Optional<ClientAuth> clientAuth(String citrix) {
    if (citrix == null || citrix.equals("AUTHORIZATION_HEADER")) {
      return Optional.of(ClientAuth.BASIC_HEADER);
    }
    return citrix.equals("REQUEST_BODY") ? Optional.of(ClientAuth.REQUEST_BODY) : Optional.empty();
  }

  /** A Citrix API key {@code authenticationMethod}. */
  public static Optional<SecuritySpec.Placement> apiKeyPlacement(String citrix) {
    return switch (citrix == null ? "" : citrix) {
      case "HEADER", "AUTHORIZATION_HEADER" -> Optional.of(SecuritySpec.Placement.HEADER);
      case "QUERY", "QUERY_PARAMETER" -> Optional.of(SecuritySpec.Placement.QUERY);
      default -> Optional.empty();
    };
  }

  /**
   * A Citrix {@code schedule} value. WEEKLY with a {@code scheduleDOW} becomes a cron trigger at
   * midnight of that day (the run window then narrows it).
   */
  public static Optional<Trigger> schedule(String citrix, String dayOfWeek) {
    if ("MANUALLY".equals(citrix)) {
      return Optional.of(new Trigger.Manual());
    }
    if ("WEEKLY".equals(citrix) && dayOfWeek != null) {
      return Optional.of(new Trigger.Cron("0 0 0 * * " + dayOfWeek));
    }
    return Optional.ofNullable(SCHEDULES.get(citrix)).map(Trigger.Every::new);
  }

  /**
   * A Citrix {@code postMode}. Citrix stored FORMDATA even on GET requests without a body; those
   * have no body here.
   */
  public static Optional<PostMode> postMode(String citrix, String method, String body) {
    if (citrix == null || body == null || body.isEmpty() || "GET".equals(method)) {
      return Optional.of(PostMode.NONE);
    }
    return switch (citrix) {
      case "FORMDATA" -> Optional.of(PostMode.FORM_DATA);
      case "JSON", "RAW" -> Optional.of(PostMode.JSON);
      case "URLENCODED", "X_WWW_FORM_URLENCODED" -> Optional.of(PostMode.URL_ENCODED);
      default -> Optional.empty();
    };
  }

  /** A Citrix {@code dataStructure.mergeStrategy}; absent is NONE. */
  public static Optional<MergeStrategy> merge(String citrix) {
    return switch (citrix == null ? "NONE" : citrix) {
      case "NONE" -> Optional.of(MergeStrategy.NONE);
      case "SUBLIST" -> Optional.of(MergeStrategy.SUB_LIST);
      case "DETAIL" -> Optional.of(MergeStrategy.DETAIL);
      default -> Optional.empty();
    };
  }

  /**
   * A Citrix parameter {@code dateTimeFormat} (+ {@code customDateTimeFormat}, a moment.js
   * pattern): the format, and for CUSTOM the equivalent java.time pattern.
   */
  public static Optional<Map.Entry<DateFormat, Optional<String>>> dateFormat(
      String citrix, String customPattern) {
    if (citrix == null) {
      return Optional.empty();
    }
    return switch (citrix) {
      case "ISO_INSTANT" -> Optional.of(Map.entry(DateFormat.ISO_INSTANT, Optional.empty()));
      case "ISO_LOCAL_DATE_TIME" ->
          Optional.of(Map.entry(DateFormat.LOCAL_DATE_TIME, Optional.empty()));
      case "ISO_OFFSET_DATE_TIME" ->
          Optional.of(Map.entry(DateFormat.OFFSET_DATE_TIME, Optional.empty()));
      case "CUSTOM" ->
          "X".equals(customPattern)
              ? Optional.of(Map.entry(DateFormat.POSIX_SECONDS, Optional.empty()))
              : MomentPatterns.toJava(customPattern)
                  .map(pattern -> Map.entry(DateFormat.CUSTOM, Optional.of(pattern)));
      default -> Optional.empty();
    };
  }

  /** A Citrix column path ({@code owner/accountId}) as a dot path ({@code owner.accountId}). */
  public static String path(String citrix) {
    return String.join(
        ".",
        java.util.Arrays.stream(citrix.split("/")).map(part -> part.replace(".", "\\.")).toList());
  }

  /** A Citrix {@code dataRetention}: DELETE_ON_FULL_SYNC, an ISO-8601 duration, or absent. */
  public static Optional<dev.microworks.integration.RetentionSpec> retention(String citrix) {
    if (citrix == null || citrix.equals("DELETE_ON_FULL_SYNC")) {
      return Optional.of(new dev.microworks.integration.RetentionSpec.ReplaceOnFullSync());
    }
    try {
      return Optional.of(
          new dev.microworks.integration.RetentionSpec.KeepFor(Duration.parse(citrix)));
    } catch (java.time.format.DateTimeParseException unknown) {
      return Optional.empty();
    }
  }
}
