package dev.microworks.identity.internal;

import dev.microworks.identity.UserId;
import dev.microworks.tenant.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Groups, their roles and members, for administrators. */
@RestController
@RequestMapping(path = "/api/v1/groups", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Groups", description = "Groups, the roles they grant, their members (ADMIN)")
class GroupAdminController {

  private static final TenantId TENANT = TenantId.DEFAULT;

  record NewGroup(String name, List<String> roles) {}

  record GroupRoles(List<String> roles) {}

  private final JdbcGroups groups;
  private final GroupManagement management;

  GroupAdminController(JdbcGroups groups, GroupManagement management) {
    this.groups = groups;
    this.management = management;
  }

  @GetMapping
  @Operation(summary = "Every group, by name, with its roles and members")
  List<IdentityViews.GroupJson> list() {
    return groups.all(TENANT).stream().map(IdentityViews.GroupJson::of).toList();
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Create a group",
      description =
          "Body {\"name\": \"...\", \"roles\": [\"USER\"]}; roles (default none) are granted to"
              + " every member. 409 when the name is taken.")
  ResponseEntity<IdentityViews.GroupJson> create(@RequestBody NewGroup body, Principal principal) {
    JdbcGroups.Group group =
        management.create(TENANT, principal.getName(), body.name(), body.roles());
    return ResponseEntity.created(URI.create("/api/v1/groups/" + group.id()))
        .body(IdentityViews.GroupJson.of(group));
  }

  @GetMapping("/{id}")
  @Operation(summary = "One group")
  IdentityViews.GroupJson get(@PathVariable UUID id) {
    return IdentityViews.GroupJson.of(management.group(TENANT, id));
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Delete a group (its members keep their accounts)")
  ResponseEntity<Void> delete(@PathVariable UUID id, Principal principal) {
    management.delete(TENANT, principal.getName(), id);
    return ResponseEntity.noContent().build();
  }

  @PutMapping(path = "/{id}/roles", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Set the roles the group grants",
      description = "Body {\"roles\": [...]}: replaces them; [] removes all.")
  IdentityViews.GroupJson setRoles(
      @PathVariable UUID id, @RequestBody GroupRoles body, Principal principal) {
    return IdentityViews.GroupJson.of(
        management.setRoles(TENANT, principal.getName(), id, body.roles()));
  }

  @PutMapping("/{id}/members/{userId}")
  @Operation(summary = "Add a member (no change if the user is one)")
  IdentityViews.GroupJson addMember(
      @PathVariable UUID id, @PathVariable UUID userId, Principal principal) {
    return IdentityViews.GroupJson.of(
        management.addMember(TENANT, principal.getName(), id, new UserId(userId)));
  }

  @DeleteMapping("/{id}/members/{userId}")
  @Operation(summary = "Remove a member")
  IdentityViews.GroupJson removeMember(
      @PathVariable UUID id, @PathVariable UUID userId, Principal principal) {
    return IdentityViews.GroupJson.of(
        management.removeMember(TENANT, principal.getName(), id, new UserId(userId)));
  }
}
