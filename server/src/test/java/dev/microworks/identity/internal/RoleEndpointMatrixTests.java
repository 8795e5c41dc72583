package dev.microworks.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.identity.Role;
import dev.microworks.testsupport.ApiClient;
import dev.microworks.testsupport.Browser;
import dev.microworks.testsupport.OnEmbeddedPostgres;
import dev.microworks.testsupport.StreamProbe;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint and page for every role, generated from the application's own request mappings: a
 * new handler is in this matrix without anyone touching it, and one without an access declaration
 * fails it.
 *
 * <p>Each handler declares who may call it with {@code @PreAuthorize}: {@code permitAll()}, {@code
 * isAuthenticated()} or {@code hasRole('USER'|'MICROAPP_ADMIN'|'ADMIN')} (the hierarchy applies).
 * Handlers of libraries, which cannot carry the annotation, are listed in {@link #LIBRARIES} with
 * the access the security chain gives them. Each (path, method) is then called as anonymous and as
 * a user of each role, through a personal access token and through a signed-in session (pages: the
 * session only), with path variables filled with fresh UUIDs and a minimal body of the declared
 * media type. Allowed means the request got past security: any answer but 401, 403 or a redirect to
 * the sign-in page (a 404 for the made-up id, a 400 or 422 for the empty body count as allowed).
 * Refused means 401 for anonymous API calls, a redirect to {@code /login} for anonymous page calls,
 * and 403 otherwise.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"microworks.sync.schedules-enabled=false", "microworks.test.journal=true"})
@OnEmbeddedPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleEndpointMatrixTests {

  /** Who may call a handler. */
  record Access(String kind, Role role) {
    static final Access PUBLIC = new Access("public", null);
    static final Access SIGNED_IN = new Access("signed in", null);
    static final Access NOBODY = new Access("nobody", null);

    /** No declaration: refused to everyone at run time, and a failure of this test. */
    static final Access UNDECLARED = new Access("undeclared", null);

    private static final Pattern HAS_ROLE = Pattern.compile("hasRole\\('([A-Z_]+)'\\)");

    static Access parse(String expression) {
      if (expression.equals("permitAll()")) {
        return PUBLIC;
      }
      if (expression.equals("isAuthenticated()")) {
        return SIGNED_IN;
      }
      Matcher role = HAS_ROLE.matcher(expression);
      if (role.matches()) {
        return new Access("role", Role.parse(role.group(1)));
      }
      throw new AssertionError(
          "@PreAuthorize(\""
              + expression
              + "\"): expected permitAll(), isAuthenticated() or hasRole('USER'|'MICROAPP_ADMIN'"
              + "|'ADMIN')");
    }

    /** Whether a caller holding {@code held} (null: anonymous) is admitted. */
    boolean admits(Role held) {
      return switch (kind) {
        case "public" -> true;
        case "signed in" -> held != null;
        case "role" -> held != null && held.includes(role);
        default -> false;
      };
    }

    @Override
    public String toString() {
      return role == null ? kind : role.name();
    }
  }

  /** Library handlers, by class name prefix, with the access the security chains give them. */
  static final Map<String, Access> LIBRARIES =
      Map.of(
          // error pages are rendered by ERROR dispatches; a direct request is refused
          "org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController",
          Access.NOBODY,
          // the OpenAPI document and Swagger UI are open (docs/api.md)
          "org.springdoc.",
          Access.PUBLIC);

  /**
   * The security model (docs/identity.md): who may call which part, by path prefix, the longest
   * prefix winning. A handler on a path no prefix covers fails {@link
   * #everyDeclarationFollowsTheSecurityModel()} until the model says who may call it.
   */
  /** Endpoints that answer with a stream that does not end (their status is all that counts). */
  static final Set<String> STREAMS = Set.of("/api/v1/feed/stream");

  static final Map<String, String> MODEL =
      Map.ofEntries(
          Map.entry("/api/v1/users", "ADMIN"),
          Map.entry("/api/v1/groups", "ADMIN"),
          Map.entry("/api/v1/wallet", "ADMIN"),
          Map.entry("/api/v1/audit", "ADMIN"),
          Map.entry("/api/v1/test/", "ADMIN"),
          Map.entry("/api/v1/integrations", "MICROAPP_ADMIN"),
          Map.entry("/api/v1/runs", "MICROAPP_ADMIN"),
          Map.entry("/api/v1/microapps", "MICROAPP_ADMIN"),
          Map.entry("/api/v1/apps", "USER"),
          Map.entry("/api/v1/feed", "USER"),
          Map.entry("/api/v1/me", "USER"),
          Map.entry("/api/v1/me/password", "signed in"),
          Map.entry("/api/v1/me/mfa", "USER"),
          Map.entry("/account/", "signed in"),
          Map.entry("/login", "public"),
          Map.entry("/login/totp", "signed in"),
          Map.entry("/error", "nobody"),
          Map.entry("/v3/api-docs", "public"),
          Map.entry("/swagger-ui", "public"));

  private static final Set<Integer> PAST_SECURITY =
      Set.of(200, 201, 202, 204, 400, 404, 409, 415, 422);

  /** One (path, method) to call, with what it declares. */
  record Endpoint(
      String method, String pattern, String bodyType, Access access, HandlerMethod handler) {
    boolean api() {
      return pattern.startsWith("/api/");
    }

    @Override
    public String toString() {
      return method + " " + pattern + " (" + access + ")";
    }
  }

  /** A caller: a role (null: anonymous) and how it presents itself. */
  record Caller(String name, Role role, String token, Browser browser) {}

  @LocalServerPort int port;
  @Autowired BootstrapToken tokens;
  @Autowired ApplicationContext context;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mapping;

  private final List<Caller> callers = new ArrayList<>();

  @BeforeAll
  void usersOfEveryRole() {
    Identities identities = new Identities(port, tokens);
    Browser anonymous = new Browser(port);
    anonymous.get("/login"); // a session and a CSRF token, like any visitor's
    callers.add(new Caller("anonymous", null, null, anonymous));
    for (Role role : Role.values()) {
      String email = Identities.uniqueEmail("matrix-" + role.name().toLowerCase());
      identities.user(email, role.name());
      Browser browser = identities.signedIn(email);
      callers.add(new Caller(role.name(), role, Identities.token(browser, "matrix"), browser));
    }
  }

  @Test
  void everyHandlerDeclaresWhoMayCallIt() {
    List<String> undeclared = new ArrayList<>();
    mapping
        .getHandlerMethods()
        .forEach(
            (info, handler) -> {
              if (access(handler).isEmpty()) {
                undeclared.add(info + " -> " + handler);
              }
            });
    assertThat(undeclared)
        .as("handlers without @PreAuthorize (add one, or list a library's in LIBRARIES)")
        .isEmpty();
  }

  @Test
  void everyDeclarationFollowsTheSecurityModel() {
    List<String> wrong = new ArrayList<>();
    for (Endpoint endpoint : endpoints()) {
      String path = endpoint.pattern();
      String expected =
          path.equals("/")
              ? "signed in"
              : MODEL.entrySet().stream()
                  .filter(rule -> path.startsWith(rule.getKey()))
                  .max(java.util.Comparator.comparingInt(rule -> rule.getKey().length()))
                  .map(Map.Entry::getValue)
                  .orElse("(no rule in MODEL)");
      if (!endpoint.access().toString().equals(expected)) {
        wrong.add(endpoint + ": the model says " + expected);
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void everyEndpointAndPageAdmitsExactlyItsRoles() {
    List<Endpoint> endpoints = endpoints();
    assertThat(endpoints)
        .extracting(Endpoint::toString)
        .contains(
            "GET /api/v1/users (ADMIN)",
            "GET /api/v1/integrations (MICROAPP_ADMIN)",
            "GET /api/v1/me/tokens (USER)",
            "GET /api/v1/test/journal (ADMIN)",
            "GET / (signed in)",
            "GET /login (public)");
    SoftAssertions softly = new SoftAssertions();
    int requests = 0;
    for (Endpoint endpoint : endpoints) {
      for (Caller caller : callers) {
        for (Map.Entry<String, HttpResponse<String>> answer : call(endpoint, caller).entrySet()) {
          requests++;
          String what = endpoint + " as " + caller.name() + " " + answer.getKey();
          HttpResponse<String> response = answer.getValue();
          int status = response.statusCode();
          String location = response.headers().firstValue("Location").orElse("");
          if (endpoint.access().admits(caller.role())) {
            boolean redirectedElsewhere = status == 302 && !location.endsWith("/login");
            softly
                .assertThat(PAST_SECURITY.contains(status) || redirectedElsewhere)
                .as(what + " should be allowed, was " + status + " " + location + response.body())
                .isTrue();
          } else if (caller.role() == null && endpoint.api()) {
            softly.assertThat(status).as(what + " should be 401").isEqualTo(401);
          } else if (caller.role() == null
              && endpoint.access() != Access.NOBODY
              && endpoint.access() != Access.UNDECLARED) {
            softly.assertThat(status).as(what + " should send to sign-in").isEqualTo(302);
            softly.assertThat(location).as(what).endsWith("/login");
          } else {
            softly.assertThat(status).as(what + " should be 403").isEqualTo(403);
          }
        }
      }
    }
    System.out.printf(
        "Role matrix: %d endpoints and pages, %d callers, %d requests%n",
        endpoints.size(), callers.size(), requests);
    softly.assertAll();
  }

  /**
   * Method security checks the same declarations when a handler runs: called directly (no HTTP, no
   * filter) as a USER, every handler that needs more refuses before its body runs.
   */
  @Test
  void methodSecurityRefusesTooLowARoleEvenWithoutTheFilterChain() throws Exception {
    SoftAssertions softly = new SoftAssertions();
    int checked = 0;
    try {
      SecurityContextHolder.getContext()
          .setAuthentication(new TestingAuthenticationToken("user", null, Role.USER.authority()));
      for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
          mapping.getHandlerMethods().entrySet()) {
        HandlerMethod handler = entry.getValue();
        Optional<Access> access = access(handler);
        if (access.isEmpty() || access.get().role() == null || access.get().admits(Role.USER)) {
          continue;
        }
        Object bean = context.getBean((String) handler.getBean());
        Method method = handler.getMethod();
        method.setAccessible(true);
        Object[] arguments = new Object[method.getParameterCount()];
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
          arguments[i] = types[i] == int.class ? 0 : types[i] == boolean.class ? false : null;
        }
        checked++;
        try {
          method.invoke(bean, arguments);
          softly.fail(handler + " ran for a USER");
        } catch (InvocationTargetException e) {
          softly
              .assertThat(e.getCause())
              .as(handler.toString())
              .isInstanceOf(AuthorizationDeniedException.class);
        }
      }
    } finally {
      SecurityContextHolder.clearContext();
    }
    assertThat(checked).isGreaterThan(10);
    softly.assertAll();
  }

  private List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    mapping
        .getHandlerMethods()
        .forEach(
            (info, handler) -> {
              Access access = access(handler).orElse(Access.UNDECLARED);
              Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
              List<String> verbs =
                  methods.isEmpty()
                      ? List.of("GET", "POST")
                      : methods.stream().map(Enum::name).sorted().toList();
              Set<MediaType> consumes = info.getConsumesCondition().getConsumableMediaTypes();
              String bodyType = consumes.isEmpty() ? null : consumes.iterator().next().toString();
              for (String pattern : new TreeSet<>(info.getPatternValues())) {
                for (String verb : verbs) {
                  endpoints.add(new Endpoint(verb, pattern, bodyType, access, handler));
                }
              }
            });
    return endpoints;
  }

  /** The answers of one caller: by token and by session for the API, by session for pages. */
  private Map<String, HttpResponse<String>> call(Endpoint endpoint, Caller caller) {
    String path = endpoint.pattern().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
    if (endpoint.api()) {
      ApiClient api = new ApiClient(port, caller.token());
      HttpRequest.Builder request = request(api.request(path), endpoint);
      answers.put(
          "(token)",
          STREAMS.contains(endpoint.pattern())
              ? StreamProbe.send(request.build())
              : api.send(request));
    }
    if (caller.browser() != null) {
      Browser browser = caller.browser();
      HttpRequest.Builder request = request(browser.request(path), endpoint);
      if (!endpoint.method().equals("GET") && browser.csrfToken() != null) {
        request.header("X-CSRF-TOKEN", browser.csrfToken());
      }
      if (STREAMS.contains(endpoint.pattern())) {
        request.header("Cookie", browser.cookieHeader());
        answers.put("(session)", StreamProbe.send(request.build()));
      } else {
        answers.put("(session)", browser.send(request));
      }
    }
    return answers;
  }

  private static HttpRequest.Builder request(HttpRequest.Builder request, Endpoint endpoint) {
    String type = endpoint.bodyType();
    String body =
        type == null ? "" : type.contains("json") ? "{}" : type.contains("yaml") ? "x: 1" : "";
    if (type != null) {
      request.header("Content-Type", type);
    } else if (endpoint.pattern().startsWith("/api/")) {
      request.header("Content-Type", "application/json");
    } else {
      request.header("Content-Type", "application/x-www-form-urlencoded");
    }
    return request.method(
        endpoint.method(),
        endpoint.method().equals("GET")
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
  }

  private static Optional<Access> access(HandlerMethod handler) {
    Optional<String> declared = DeclaredAccess.declaration(handler);
    if (declared.isPresent()) {
      return declared.map(Access::parse);
    }
    String type = handler.getBeanType().getName();
    return LIBRARIES.entrySet().stream()
        .filter(library -> type.startsWith(library.getKey()))
        .map(Map.Entry::getValue)
        .findFirst();
  }
}
