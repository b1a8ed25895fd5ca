package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * docs/operations.md tells operators to create the first administrator outside the demo with
 * CAMUNDA_BPM_ADMIN_USER_ID / CAMUNDA_BPM_ADMIN_USER_PASSWORD. This checks that Spring Boot's
 * environment-variable binding really fills the starter's {@code camunda.bpm.admin-user.*} with them
 * (and that the property the starter's condition reads is visible), without touching the real environment.
 */
class AdminUserEnvironmentTest {

  @Test
  void adminUserVariablesBindToTheStartersAdminUserProperties() {
    StandardEnvironment environment = environment(Map.of(
        "CAMUNDA_BPM_ADMIN_USER_ID", "chief",
        "CAMUNDA_BPM_ADMIN_USER_PASSWORD", "Long-Secret-2026!",
        "CAMUNDA_BPM_ADMIN_USER_FIRST_NAME", "系統"));
    CamundaBpmProperties properties = Binder.get(environment).bind("camunda.bpm", CamundaBpmProperties.class).get();
    assertThat(properties.getAdminUser().getId()).isEqualTo("chief");
    assertThat(properties.getAdminUser().getPassword()).isEqualTo("Long-Secret-2026!");
    assertThat(properties.getAdminUser().getFirstName()).isEqualTo("系統");
    // CreateAdminUserConfiguration is only created when camunda.bpm.admin-user.id is set.
    assertThat(environment.getProperty("camunda.bpm.admin-user.id")).isEqualTo("chief");
  }

  @Test
  void aMisspelledVariableConfiguresNoAdminUser() {
    StandardEnvironment environment = environment(Map.of("CAMUNDA_BPM_ADMIN_USERID", "x"));
    assertThat(environment.getProperty("camunda.bpm.admin-user.id")).isNull();
  }

  private static StandardEnvironment environment(Map<String, Object> variables) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    ConfigurationPropertySources.attach(environment);
    return environment;
  }
}
