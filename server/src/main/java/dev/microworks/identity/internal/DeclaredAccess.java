package dev.microworks.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.expression.SecurityExpressionHandler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.expression.WebExpressionAuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Authorises a request by what its handler declares: the {@code @PreAuthorize} expression on the
 * controller method, else on its class, evaluated in the filter chain, before the request is
 * dispatched (so a caller without the role gets 403 before its body or parameters are even read).
 * Method security checks the same annotation again when the handler runs.
 *
 * <p>Fails closed: a request no handler matches, or whose handler declares nothing, is refused to
 * everyone. When the path matches handlers but not the request's method or media type, the caller
 * is let through if any of those handlers would admit it, so that it learns the 405 or 415 (the
 * dispatcher answers those without running a handler).
 */
final class DeclaredAccess implements AuthorizationManager<RequestAuthorizationContext> {

  private static final String NO_HANDLER = DeclaredAccess.class.getName() + ".NO_HANDLER";
  private static final AuthorizationDecision DENY = new AuthorizationDecision(false);

  private final ApplicationContext context;
  private final SecurityExpressionHandler<RequestAuthorizationContext> expressions;
  private final Map<String, AuthorizationManager<RequestAuthorizationContext>> managers =
      new ConcurrentHashMap<>();
  private volatile RequestMappingHandlerMapping mapping;

  DeclaredAccess(
      ApplicationContext context,
      SecurityExpressionHandler<RequestAuthorizationContext> expressions) {
    this.context = context;
    this.expressions = expressions;
  }

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext request) {
    List<String> declared = declarations(request.getRequest());
    if (declared.isEmpty()) {
      request.getRequest().setAttribute(NO_HANDLER, Boolean.TRUE);
      return DENY;
    }
    for (String expression : declared) {
      AuthorizationResult result = manager(expression).authorize(authentication, request);
      if (result != null && result.isGranted()) {
        return result;
      }
    }
    return DENY;
  }

  /** Whether this manager refused {@code request} because nothing handles it. */
  static boolean deniedForLackOfHandler(HttpServletRequest request) {
    return Boolean.TRUE.equals(request.getAttribute(NO_HANDLER));
  }

  /** Whether a declared handler exists for {@code request} (a page worth signing in for). */
  boolean hasDeclaredHandler(HttpServletRequest request) {
    return !declarations(request).isEmpty();
  }

  /** The access a handler declares: its method's {@code @PreAuthorize}, else its class's. */
  static Optional<String> declaration(HandlerMethod handler) {
    PreAuthorize declared =
        AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
    if (declared == null) {
      declared =
          AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
    }
    return Optional.ofNullable(declared).map(PreAuthorize::value);
  }

  private List<String> declarations(HttpServletRequest original) {
    HttpServletRequest request = new IsolatedRequest(original);
    ServletRequestPathUtils.parseAndCache(request);
    RequestMappingHandlerMapping handlers = mapping();
    try {
      HandlerExecutionChain chain = handlers.getHandler(request);
      if (chain != null && chain.getHandler() instanceof HandlerMethod handler) {
        return declaration(handler).map(List::of).orElse(List.of());
      }
      return List.of();
    } catch (Exception mismatch) {
      // the path is known but not this method or media type: every handler on the path speaks
      List<String> declared = new ArrayList<>();
      for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
          handlers.getHandlerMethods().entrySet()) {
        var paths = entry.getKey().getPathPatternsCondition();
        if (paths != null && paths.getMatchingCondition(request) != null) {
          declaration(entry.getValue()).ifPresent(declared::add);
        }
      }
      return declared;
    }
  }

  private AuthorizationManager<RequestAuthorizationContext> manager(String expression) {
    return managers.computeIfAbsent(
        expression,
        text -> {
          WebExpressionAuthorizationManager manager = new WebExpressionAuthorizationManager(text);
          manager.setExpressionHandler(expressions);
          return manager;
        });
  }

  private RequestMappingHandlerMapping mapping() {
    RequestMappingHandlerMapping current = mapping;
    if (current == null) {
      current = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
      mapping = current;
    }
    return current;
  }

  /** The request with attributes of its own: looking the handler up leaves no trace on it. */
  private static final class IsolatedRequest extends HttpServletRequestWrapper {
    private final Map<String, Object> attributes = new HashMap<>();

    IsolatedRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public Object getAttribute(String name) {
      return attributes.containsKey(name) ? attributes.get(name) : super.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
      attributes.put(name, value);
    }

    @Override
    public void removeAttribute(String name) {
      attributes.put(name, null);
    }
  }
}
