package dev.microworks.microapp.internal;

import dev.microworks.integration.SpecProblem;
import dev.microworks.integration.yaml.YamlBody;
import dev.microworks.microapp.InvalidMicroappException;
import dev.microworks.microapp.MicroappDefinition;
import dev.microworks.microapp.Microapps;
import dev.microworks.microapp.StoredMicroapp;
import dev.microworks.tenant.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Microapp definitions over HTTP (microapp admins): save as YAML, read, delete, dry-run rules. */
@PreAuthorize("hasRole('MICROAPP_ADMIN')")
@RestController
@RequestMapping(path = "/api/v1/microapps", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Microapps", description = "Microapp definitions: pages, filters, notification rules")
class MicroappController {

  static final String PATH = "/api/v1/microapps";
  private static final TenantId TENANT = TenantId.DEFAULT;
  private static final String SOURCE = "request body";

  private final Microapps microapps;
  private final JdbcMicroapps store;
  private final DryRun dryRun;

  MicroappController(Microapps microapps, JdbcMicroapps store, DryRun dryRun) {
    this.microapps = microapps;
    this.store = store;
    this.dryRun = dryRun;
  }

  /** A microapp in a list. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Summary(
      String id,
      String title,
      String integration,
      long revision,
      Instant updatedAt,
      String updatedBy,
      int pages,
      int notifications,
      boolean active) {}

  /** One microapp, with the YAML it was saved from. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Detail(Summary summary, String yaml) {}

  /** The problems of an invalid definition. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Problem(int line, int column, String path, String message) {
    static Problem of(SpecProblem problem) {
      return new Problem(problem.line(), problem.column(), problem.path(), problem.message());
    }
  }

  @PutMapping("/{id}")
  @Operation(
      summary = "Create or replace a microapp from its YAML definition",
      description =
          "The id in the path must equal the definition's id. The definition is checked against"
              + " its integration's current spec; an invalid one changes nothing.",
      requestBody = @RequestBody(content = @Content(mediaType = "application/yaml")),
      responses = {
        @ApiResponse(responseCode = "200", description = "Replaced"),
        @ApiResponse(responseCode = "201", description = "Created"),
        @ApiResponse(responseCode = "422", description = "Invalid definition: every problem")
      })
  ResponseEntity<Summary> save(
      @PathVariable String id, HttpServletRequest request, Principal principal) {
    String yaml = YamlBody.read(request);
    MicroappDefinition definition = store.parse(TENANT, yaml, SOURCE);
    if (!definition.id().equals(id)) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "The path names microapp '"
              + id
              + "' but the definition's id is '"
              + definition.id()
              + "'; they must be equal.");
    }
    StoredMicroapp saved = microapps.save(TENANT, yaml, SOURCE, principal.getName());
    Summary body = summary(saved);
    return saved.revision() == 1
        ? ResponseEntity.created(URI.create(PATH + "/" + id)).body(body)
        : ResponseEntity.ok(body);
  }

  @PostMapping("/validate")
  @Operation(
      summary = "Check a definition without saving it",
      requestBody = @RequestBody(content = @Content(mediaType = "application/yaml")),
      responses = {
        @ApiResponse(responseCode = "200", description = "Valid"),
        @ApiResponse(responseCode = "422", description = "Invalid definition: every problem")
      })
  Summary validate(HttpServletRequest request) {
    MicroappDefinition definition = store.parse(TENANT, YamlBody.read(request), SOURCE);
    return new Summary(
        definition.id(),
        definition.title(),
        definition.integration(),
        0,
        null,
        null,
        definition.pages().size(),
        definition.rules().size(),
        true);
  }

  @GetMapping
  @Operation(summary = "List the microapps, by id")
  List<Summary> list() {
    return microapps.all(TENANT).stream().map(this::summary).toList();
  }

  @GetMapping("/{id}")
  @Operation(summary = "One microapp, with the YAML it was saved from")
  Detail get(@PathVariable String id) {
    StoredMicroapp app = find(id);
    return new Detail(summary(app), app.yaml());
  }

  @DeleteMapping("/{id}")
  @Operation(
      summary = "Delete a microapp",
      description = "Its cards expire everywhere; no new ones are raised.",
      responses = @ApiResponse(responseCode = "204", description = "Deleted"))
  ResponseEntity<Void> delete(@PathVariable String id, Principal principal) {
    if (!microapps.delete(TENANT, id, principal.getName())) {
      throw notFound(id);
    }
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/notifications/{rule}/dry-run")
  @Operation(
      summary = "Who a rule would notify now",
      description =
          "Evaluates the rule against the current cache as if every record had just arrived"
              + " (reminders: those in their window now), whether the rule is enabled or not."
              + " Nothing is raised. Lists each recipient with how many records and the first"
              + " record keys.")
  DryRun.Result dryRun(@PathVariable String id, @PathVariable String rule) {
    StoredMicroapp app = find(id);
    CompiledMicroapp compiled =
        store
            .compiled(app)
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.CONFLICT,
                        "Microapp '"
                            + id
                            + "' no longer fits its integration's spec; save it again to see"
                            + " why."));
    if (!compiled.rules.containsKey(rule)) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND,
          "Microapp '"
              + id
              + "' has no notification '"
              + rule
              + "'; it has "
              + String.join(", ", compiled.rules.keySet().stream().sorted().toList()));
    }
    return dryRun.run(TENANT, compiled, compiled.rules.get(rule));
  }

  @ExceptionHandler(InvalidMicroappException.class)
  ProblemDetail invalid(InvalidMicroappException invalid) {
    List<SpecProblem> problems = invalid.problems();
    ProblemDetail detail =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNPROCESSABLE_CONTENT,
            problems.size()
                + (problems.size() == 1 ? " problem" : " problems")
                + " in the microapp definition; nothing was saved.");
    detail.setType(URI.create("urn:microworks:problem:invalid-microapp"));
    detail.setTitle("Invalid microapp definition");
    detail.setProperty("problems", problems.stream().map(Problem::of).toList());
    return detail;
  }

  private StoredMicroapp find(String id) {
    return microapps.find(TENANT, id).orElseThrow(() -> notFound(id));
  }

  private static ResponseStatusException notFound(String id) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "No microapp '" + id + "'.");
  }

  private Summary summary(StoredMicroapp app) {
    return new Summary(
        app.id(),
        app.definition().title(),
        app.definition().integration(),
        app.revision(),
        app.updatedAt(),
        app.updatedBy(),
        app.definition().pages().size(),
        app.definition().rules().size(),
        store.compiled(app).isPresent());
  }
}
