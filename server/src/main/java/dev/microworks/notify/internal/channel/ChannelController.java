package dev.microworks.notify.internal.channel;

import dev.microworks.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The caller's own notification channels: e-mail, Slack and Teams. */
@RestController
@RequestMapping(path = "/api/v1/me/channels", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('USER')")
@Tag(name = "Me", description = "The caller's own account")
class ChannelController {

  private final ChannelSettings settings;

  ChannelController(ChannelSettings settings) {
    this.settings = settings;
  }

  @GetMapping
  @Operation(
      summary = "The caller's notification channels",
      description =
          "{\"email\": {\"enabled\", \"mode\": \"immediate\"|\"digest\", \"available\"},"
              + " \"slack\": {\"enabled\", \"configured\"}, \"teams\": {…}}. A webhook URL is"
              + " never returned: \"configured\" says whether one is stored.")
  ChannelSettings.View channels() {
    return settings.view(CurrentUser.require());
  }

  @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Change the caller's notification channels",
      description =
          "Body {\"email\": {\"enabled\": true, \"mode\": \"digest\"}, \"slack\": {\"enabled\":"
              + " true, \"webhook_url\": \"https://…\"}, \"teams\": {\"enabled\": false,"
              + " \"webhook_url\": null}}; sections and fields left out are kept, a null"
              + " webhook_url removes the stored one. Webhook URLs are stored in the wallet and"
              + " never returned. 422 lists every problem with its field.")
  ChannelSettings.View update(@RequestBody ChannelsBody body) {
    return settings.update(CurrentUser.require(), body.json());
  }

  /** {@link ChannelProblems} as problem JSON with a {@code problems} list. */
  @RestControllerAdvice(assignableTypes = ChannelController.class)
  @Order(Ordered.HIGHEST_PRECEDENCE)
  static class Errors {

    @ExceptionHandler(ChannelProblems.class)
    ProblemDetail problems(ChannelProblems e) {
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
      problem.setTitle(HttpStatus.UNPROCESSABLE_CONTENT.getReasonPhrase());
      problem.setProperty("problems", e.problems());
      return problem;
    }
  }
}
