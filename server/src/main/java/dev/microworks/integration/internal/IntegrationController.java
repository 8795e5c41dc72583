package dev.microworks.integration.internal;

import dev.microworks.cache.DataCache;
import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.IntegrationSpecs;
import dev.microworks.integration.Integrations;
import dev.microworks.integration.StoredIntegration;
import dev.microworks.integration.yaml.YamlBody;
import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.CredentialKind;
import dev.microworks.wallet.Wallet;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Saved integrations over HTTP, for the default tenant until there are more. Specs go in as YAML;
 * answers are JSON; errors are RFC 9457 problem JSON.
 */
@PreAuthorize("hasRole('MICROAPP_ADMIN')")
@RestController
@RequestMapping(path = "/api/v1/integrations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Integrations", description = "Save, read and delete integration specs")
class IntegrationController {

  static final String PATH = "/api/v1/integrations";

  private static final TenantId TENANT = TenantId.DEFAULT;
  private static final String SOURCE = "request body";

  private final Integrations integrations;
  private final DataCache cache;
  private final TransactionOperations transactions;
  private final Wallet wallet;
  private final WalletCredentialSource heldCredentials;

  IntegrationController(
      Integrations integrations,
      DataCache cache,
      TransactionOperations transactions,
      Wallet wallet,
      WalletCredentialSource heldCredentials) {
    this.integrations = integrations;
    this.cache = cache;
    this.transactions = transactions;
    this.wallet = wallet;
    this.heldCredentials = heldCredentials;
  }

  @PostMapping
  @Operation(
      summary = "Create an integration from its spec",
      description =
          "The integration's id comes from the spec. An id that exists already is a 409: replace"
              + " it with PUT.",
      requestBody = @RequestBody(content = @Content(mediaType = "application/yaml")),
      responses = {
        @ApiResponse(responseCode = "201", description = "Created"),
        @ApiResponse(responseCode = "409", description = "An integration with this id exists"),
        @ApiResponse(responseCode = "422", description = "Invalid spec: every problem listed")
      })
  ResponseEntity<IntegrationViews.Summary> create(HttpServletRequest request) {
    String yaml = YamlBody.read(request);
    IntegrationSpec spec = IntegrationSpecs.parse(yaml, SOURCE);
    integrations
        .find(TENANT, spec.id())
        .ifPresent(
            existing -> {
              throw new ResponseStatusException(
                  HttpStatus.CONFLICT,
                  "Integration '"
                      + spec.id()
                      + "' exists (revision "
                      + existing.revision()
                      + "); replace it with PUT "
                      + PATH
                      + "/"
                      + spec.id()
                      + ".");
            });
    StoredIntegration saved = integrations.save(TENANT, yaml, SOURCE);
    return ResponseEntity.created(location(saved)).body(IntegrationViews.Summary.of(saved));
  }

  @PutMapping("/{id}")
  @Operation(
      summary = "Create or replace an integration",
      description =
          "The id in the path must equal the spec's id. Each save adds 1 to the revision.",
      requestBody = @RequestBody(content = @Content(mediaType = "application/yaml")),
      responses = {
        @ApiResponse(responseCode = "200", description = "Replaced"),
        @ApiResponse(responseCode = "201", description = "Created"),
        @ApiResponse(responseCode = "400", description = "Path id and spec id differ"),
        @ApiResponse(responseCode = "422", description = "Invalid spec: every problem listed")
      })
  ResponseEntity<IntegrationViews.Summary> replace(
      @PathVariable String id, HttpServletRequest request) {
    String yaml = YamlBody.read(request);
    IntegrationSpec spec = IntegrationSpecs.parse(yaml, SOURCE);
    if (!spec.id().equals(id)) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "The path names integration '"
              + id
              + "' but the spec's id is '"
              + spec.id()
              + "'; they must be equal (to rename, create the new id and delete the old).");
    }
    StoredIntegration saved = integrations.save(TENANT, yaml, SOURCE);
    IntegrationViews.Summary body = IntegrationViews.Summary.of(saved);
    return saved.revision() == 1
        ? ResponseEntity.created(location(saved)).body(body)
        : ResponseEntity.ok(body);
  }

  @PostMapping("/validate")
  @Operation(
      summary = "Check a spec without saving it",
      requestBody = @RequestBody(content = @Content(mediaType = "application/yaml")),
      responses = {
        @ApiResponse(responseCode = "200", description = "Valid"),
        @ApiResponse(responseCode = "422", description = "Invalid spec: every problem listed")
      })
  IntegrationViews.Valid validate(HttpServletRequest request) {
    IntegrationSpec spec = IntegrationSpecs.parse(YamlBody.read(request), SOURCE);
    return new IntegrationViews.Valid(
        true, spec.id(), spec.title(), IntegrationViews.Table.of(spec));
  }

  @GetMapping
  @Operation(summary = "List the saved integrations, by id")
  List<IntegrationViews.Summary> list() {
    return integrations.all(TENANT).stream().map(IntegrationViews.Summary::of).toList();
  }

  @GetMapping("/{id}")
  @Operation(summary = "One integration, with the YAML it was saved from")
  IntegrationViews.Detail get(@PathVariable String id) {
    return IntegrationViews.Detail.of(find(id));
  }

  @GetMapping(path = "/{id}/spec", produces = "application/yaml")
  @Operation(
      summary = "The spec as saved",
      responses =
          @ApiResponse(
              responseCode = "200",
              content =
                  @Content(mediaType = "application/yaml", schema = @Schema(type = "string"))))
  ResponseEntity<String> spec(@PathVariable String id) {
    return ResponseEntity.ok()
        .contentType(new MediaType("application", "yaml", java.nio.charset.StandardCharsets.UTF_8))
        .body(find(id).yaml());
  }

  @DeleteMapping("/{id}")
  @Operation(
      summary = "Delete an integration, its cached records and its stored credentials",
      responses = @ApiResponse(responseCode = "204", description = "Deleted"))
  ResponseEntity<Void> delete(@PathVariable String id, Principal principal) {
    boolean existed =
        Boolean.TRUE.equals(
            transactions.execute(
                status -> {
                  if (!integrations.delete(TENANT, id)) {
                    return false;
                  }
                  cache.dropIntegration(TENANT, id);
                  wallet.deleteAll(TENANT, CredentialKind.SERVICE_ACCOUNT, id, principal.getName());
                  return true;
                }));
    heldCredentials.forget(id);
    if (!existed) {
      throw notFound(id);
    }
    return ResponseEntity.noContent().build();
  }

  private StoredIntegration find(String id) {
    return integrations.find(TENANT, id).orElseThrow(() -> notFound(id));
  }

  static ResponseStatusException notFound(String id) {
    return new ResponseStatusException(
        HttpStatus.NOT_FOUND, "No integration '" + id + "'; GET " + PATH + " lists them.");
  }

  private static URI location(StoredIntegration saved) {
    // relative on purpose: an absolute URI would repeat the request's Host header
    return URI.create(PATH + "/" + saved.id());
  }
}
