package dev.microworks.demosor.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes {@link ApiError} bodies from filters, which run outside the MVC error handling. */
public final class ErrorResponses {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ErrorResponses() {}

  /** Sets the status and writes the error as the JSON body. */
  public static void write(HttpServletResponse response, int status, ApiError error)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(JSON.writeValueAsString(error));
    response.getWriter().flush();
  }
}
