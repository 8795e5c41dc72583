package dev.microworks.integration.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.microworks.integration.IntegrationCredentialsSet;
import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.Integrations;
import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.CredentialInfo;
import dev.microworks.wallet.CredentialName;
import dev.microworks.wallet.SecretFields;
import dev.microworks.wallet.Wallet;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The credential slots of an integration, write-only: set, replace and delete secrets; reading
 * gives metadata (which fields are set, when, by whom, when last used), never a value.
 */
@PreAuthorize("hasRole('MICROAPP_ADMIN')")
@RestController
@RequestMapping(path = "/api/v1/integrations/{id}/credentials", produces = "application/json")
@Tag(
    name = "Integration credentials",
    description = "Write-only: secrets go in, metadata comes out, values never do")
class IntegrationCredentialsController {

  private static final TenantId TENANT = TenantId.DEFAULT;

  private final Integrations integrations;
  private final Wallet wallet;
  private final WalletCredentialSource held;
  private final ApplicationEventPublisher events;
  private final TransactionOperations transactions;

  IntegrationCredentialsController(
      Integrations integrations,
      Wallet wallet,
      WalletCredentialSource held,
      ApplicationEventPublisher events,
      TransactionOperations transactions) {
    this.integrations = integrations;
    this.wallet = wallet;
    this.held = held;
    this.events = events;
    this.transactions = transactions;
  }

  @GetMapping
  @Operation(summary = "The integration's credential slots: what each needs and whether it is set")
  List<SlotView> list(@PathVariable String id) {
    IntegrationSpec spec = spec(id);
    return CredentialSlots.of(spec).values().stream()
        .map(
            slot ->
                SlotView.of(
                    slot, wallet.info(TENANT, CredentialName.serviceAccount(id, slot.name()))))
        .toList();
  }

  @GetMapping("/{slot}")
  @Operation(summary = "One slot's metadata")
  SlotView get(@PathVariable String id, @PathVariable String slot) {
    CredentialSlots.Slot declared = slot(spec(id), id, slot);
    return SlotView.of(declared, wallet.info(TENANT, CredentialName.serviceAccount(id, slot)));
  }

  @PutMapping(path = "/{slot}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Set or replace the secret of a slot",
      description =
          "The body names each field of the slot; GET the slot to see which it needs. The answer"
              + " is the slot's metadata; the values are never returned, logged or exported.",
      requestBody =
          @RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              "{\"fields\": {\"clientId\": \"sync-client\", \"clientSecret\":"
                                  + " \"…\"}, \"expires_at\": null}"))),
      responses = {
        @ApiResponse(responseCode = "200", description = "Set; metadata only"),
        @ApiResponse(responseCode = "404", description = "No such integration"),
        @ApiResponse(
            responseCode = "422",
            description = "Not a declared slot, or fields missing or unknown"),
        @ApiResponse(responseCode = "503", description = "Wallet sealed")
      })
  SlotView put(
      @PathVariable String id,
      @PathVariable String slot,
      HttpServletRequest request,
      Principal principal) {
    CredentialSlots.Slot declared = slot(spec(id), id, slot);
    CredentialBody body = CredentialBody.read(request);
    try {
      Set<String> given = body.fields().keySet();
      List<String> missing = declared.required().stream().filter(f -> !given.contains(f)).toList();
      Set<String> unknown = new TreeSet<>(given);
      unknown.removeAll(declared.accepted());
      if (!missing.isEmpty() || !unknown.isEmpty()) {
        throw new ResponseStatusException(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "Slot '%s' (%s) needs fields %s%s.%s%s"
                .formatted(
                    slot,
                    declared.usedFor(),
                    declared.required(),
                    declared.optional().isEmpty() ? "" : " and accepts " + declared.optional(),
                    missing.isEmpty() ? "" : " Missing: " + missing + ".",
                    unknown.isEmpty() ? "" : " Not fields of this slot: " + unknown + "."));
      }
      SecretFields fields;
      try {
        fields = SecretFields.of(body.fields());
      } catch (IllegalArgumentException e) {
        throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage() + ".");
      }
      try (fields) {
        CredentialInfo info =
            wallet.put(
                TENANT,
                CredentialName.serviceAccount(id, slot),
                fields,
                body.expiresAt(),
                principal.getName());
        held.forget(id);
        transactions.executeWithoutResult(
            status -> events.publishEvent(new IntegrationCredentialsSet(TENANT, id, slot)));
        return SlotView.of(declared, Optional.of(info));
      }
    } finally {
      body.wipe();
    }
  }

  @DeleteMapping("/{slot}")
  @Operation(
      summary = "Delete the secret of a slot",
      responses = @ApiResponse(responseCode = "204", description = "Deleted"))
  ResponseEntity<Void> delete(
      @PathVariable String id, @PathVariable String slot, Principal principal) {
    slot(spec(id), id, slot);
    boolean existed =
        wallet.delete(TENANT, CredentialName.serviceAccount(id, slot), principal.getName());
    held.forget(id);
    if (!existed) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "Slot '" + slot + "' of integration '" + id + "' is not set.");
    }
    return ResponseEntity.noContent().build();
  }

  private IntegrationSpec spec(String id) {
    return integrations
        .find(TENANT, id)
        .orElseThrow(() -> IntegrationController.notFound(id))
        .spec();
  }

  private static CredentialSlots.Slot slot(IntegrationSpec spec, String id, String slot) {
    Map<String, CredentialSlots.Slot> slots = CredentialSlots.of(spec);
    CredentialSlots.Slot declared = slots.get(slot);
    if (declared == null) {
      throw new ResponseStatusException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          slots.isEmpty()
              ? "Integration '" + id + "' declares no credential slots (its security is none)."
              : "Integration '%s' declares no slot '%s'; its slots are %s."
                  .formatted(
                      id,
                      slot.length() > 100 ? slot.substring(0, 100) + "…" : slot,
                      slots.keySet()));
    }
    return declared;
  }

  /** A slot: what it needs and, if set, its metadata. Never a value. */
  record SlotView(
      String slot,
      @JsonProperty("used_for") String usedFor,
      @JsonProperty("required_fields") List<String> requiredFields,
      @JsonProperty("optional_fields") List<String> optionalFields,
      boolean set,
      @JsonProperty("fields_set") List<String> fieldsSet,
      @JsonProperty("key_version") Integer keyVersion,
      @JsonProperty("set_at") Instant setAt,
      @JsonProperty("set_by") String setBy,
      @JsonProperty("last_used_at") Instant lastUsedAt,
      @JsonProperty("expires_at") Instant expiresAt) {

    static SlotView of(CredentialSlots.Slot slot, Optional<CredentialInfo> info) {
      return new SlotView(
          slot.name(),
          slot.usedFor(),
          slot.required(),
          slot.optional(),
          info.isPresent(),
          info.map(CredentialInfo::fieldNames).orElse(List.of()),
          info.map(CredentialInfo::keyVersion).orElse(null),
          info.map(CredentialInfo::setAt).orElse(null),
          info.map(CredentialInfo::setBy).orElse(null),
          info.map(CredentialInfo::lastUsedAt).orElse(null),
          info.map(CredentialInfo::expiresAt).orElse(null));
    }
  }
}
