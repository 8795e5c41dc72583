package dev.microworks.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoleTests {

  @Test
  void adminIncludesMicroappAdminWhichIncludesUser() {
    assertThat(Role.ADMIN.includes(Role.MICROAPP_ADMIN)).isTrue();
    assertThat(Role.ADMIN.includes(Role.USER)).isTrue();
    assertThat(Role.MICROAPP_ADMIN.includes(Role.USER)).isTrue();
    assertThat(Role.USER.includes(Role.MICROAPP_ADMIN)).isFalse();
    assertThat(Role.MICROAPP_ADMIN.includes(Role.ADMIN)).isFalse();
  }

  @Test
  void rolesParseCaseInsensitively_andAnUnknownOneIsNamedNotQuoted() {
    assertThat(Role.parse(" microapp_admin ")).isEqualTo(Role.MICROAPP_ADMIN);
    assertThat(Role.ADMIN.authority()).isEqualTo("ROLE_ADMIN");
    assertThatThrownBy(() -> Role.parse("ROOT-secret"))
        .hasMessageContaining("USER, MICROAPP_ADMIN, ADMIN")
        .hasMessageNotContaining("ROOT-secret");
  }
}
