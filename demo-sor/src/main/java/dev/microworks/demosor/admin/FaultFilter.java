package dev.microworks.demosor.admin;

import dev.microworks.demosor.web.ApiError;
import dev.microworks.demosor.web.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the {@link FaultSwitch} to {@code /api/**} requests. Runs before security, like a gateway
 * in front of a real SoR, so faulted requests are answered whatever their credentials. Every
 * faulted answer carries {@code X-Demo-Fault: <KIND>}.
 */
final class FaultFilter extends OncePerRequestFilter {

  /** Response header naming the fault that was applied. */
  static final String HEADER = "X-Demo-Fault";

  /** The body of MALFORMED_JSON: a list page cut off in the middle of a string. */
  static final String MALFORMED_BODY =
      "{\"total\":3,\"items\":[{\"key\":\"HD-1\",\"title\":\"VPN dro";

  private final FaultSwitch faults;

  FaultFilter(FaultSwitch faults) {
    this.faults = faults;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<FaultSwitch.Armed> fault = faults.take();
    if (fault.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    FaultSwitch.Armed armed = fault.get();
    response.setHeader(HEADER, armed.kind().name());
    switch (armed.kind()) {
      case RATE_LIMIT -> {
        response.setHeader("Retry-After", Integer.toString(armed.retryAfterSeconds()));
        ErrorResponses.write(
            response,
            429,
            new ApiError(
                "rate_limited",
                "too many requests; retry after " + armed.retryAfterSeconds() + " seconds"));
      }
      case SERVER_ERROR ->
          ErrorResponses.write(
              response,
              HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
              new ApiError("internal_error", "injected fault: the server failed"));
      case SLOW -> {
        sleep(armed.delayMs());
        chain.doFilter(request, response);
      }
      case MALFORMED_JSON -> {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        byte[] body = MALFORMED_BODY.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
      }
    }
  }

  private static void sleep(long millis) throws ServletException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServletException("interrupted while delaying a SLOW answer", e);
    }
  }
}
