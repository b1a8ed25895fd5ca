package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.PostgresDatabase;
import com.zhidu.ZhiduApplication;
import com.zhidu.organization.OrganizationService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Zhidu started twice on one fresh PostgreSQL database, as a production node restarts: the second start
 * deploys no new versions and seeds no second copy of users, memberships, grants or filters; and the
 * first start on an empty database creates the domain tables. Runs as production does: no demo passwords.
 */
class PostgresStartupIT {

  static final String DATABASE = PostgresDatabase.NAME + "_restart";

  /** What a restart must leave as it was. */
  static final List<String> TABLES = List.of("act_re_deployment", "act_re_procdef", "act_re_decision_def",
      "act_re_camformdef", "act_ge_bytearray", "act_id_user", "act_id_group", "act_id_membership",
      "act_ru_authorization", "act_ru_filter");

  @Test
  void aSecondStartOnTheSameDatabaseAddsNothing() {
    PostgresDatabase.recreate(DATABASE);
    Map<String, Long> first;
    long employees;
    try (ConfigurableApplicationContext app = start()) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      first = counts(jdbc);
      employees = app.getBean(OrganizationService.class).file().users().stream()
          .filter(u -> u.groups().stream().anyMatch(g -> !g.equals("auditor") && !g.equals("camunda-admin")))
          .count();
      // Flyway ran although the engine had created its tables first (baseline below V1).
      assertThat(jdbc.queryForObject("select count(*) from task_action", Long.class)).isZero();
      // Outside the demo nobody can log in with the user id, and a user nobody gave a password yet is
      // refused cleanly (the engine throws on a user without any password).
      IdentityService identity = app.getBean(IdentityService.class);
      assertThat(identity.checkPassword("zhangwei", "zhangwei")).isFalse();
      identity.unlockUser("zhangwei");
    }
    assertThat(first.get("act_re_procdef")).as("process definitions deployed").isPositive();
    assertThat(first.get("act_id_user")).as("users seeded").isPositive();
    // Three shared filters and each employee's own 我發起的 and 抄送給我 (TaskFilters).
    assertThat(first.get("act_ru_filter")).as("filters seeded").isEqualTo(3 + 2 * employees);

    Map<String, Long> second;
    try (ConfigurableApplicationContext app = start()) {
      second = counts(app.getBean(JdbcTemplate.class));
    }
    assertThat(second).isEqualTo(first);
  }

  private static ConfigurableApplicationContext start() {
    // Command-line arguments: they outrank application-it.yaml (builder properties would not).
    return new SpringApplicationBuilder(ZhiduApplication.class)
        .profiles("postgres", "it")
        .run("--spring.datasource.url=" + PostgresDatabase.SERVER + DATABASE,
            "--server.port=0",
            "--zhidu.demo=false",
            "--zhidu.appraisal.link-secret=restart-it-link-secret-0123456789",
            "--camunda.bpm.job-execution.enabled=false",
            // Other IT contexts live in this JVM: a name of its own keeps their engine registered, and
            // without the webapps this context cannot reset the webapps' static state when it closes.
            "--camunda.bpm.process-engine-name=restartIt",
            "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration");
  }

  private static Map<String, Long> counts(JdbcTemplate jdbc) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
    }
    return counts;
  }
}
