package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.ZhiduIT;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine's authorization check as Zhidu asks it on PostgreSQL ({@code isUserAuthorizedForResource_zhidu},
 * {@link GrantCheck}) answers exactly what the engine's own statement answers. Random grants — to users, to groups,
 * to everyone, on single resources and on '*', with random permission bits, revokes among them — and random checks of
 * one to four permissions, any or all required, for users with random groups; each check is asked with the replacement
 * and with the engine's statement, and the two answers must agree. The resource types are this test's own, so the
 * grants the rest of the suite leaves in the database do not decide the outcome, and both outcomes occur often.
 */
@ZhiduIT
class AuthorizationCheckIT {

  static final String STATEMENT = "isUserAuthorizedForResource";
  static final int[] TYPES = {9101, 9102, 9103};
  static final int[] BITS = {1, 2, 4, 8, 16, 32};

  @Autowired ProcessEngine engine;
  @Autowired AuthorizationService authorizations;
  @Autowired JdbcTemplate jdbc;

  final Random random = new Random(20261128);
  final List<String> users = List.of("acu0", "acu1", "acu2", "acu3", "acu4", "acuNobody");
  final List<String> groups = List.of("acg0", "acg1", "acg2", "acg3", "acg4", "acgNone");
  final List<String> resourceIds = List.of("acr0", "acr1", "acr2", "acr3", "*");

  @BeforeEach
  @AfterEach
  void removeTheGrants() {
    jdbc.update("delete from ACT_RU_AUTHORIZATION where RESOURCE_TYPE_ in (9101, 9102, 9103)");
  }

  @Test
  void theCheckIsReplacedOnPostgres() {
    assertThat(sessions().getStatementMappings()).containsEntry(STATEMENT, STATEMENT + "_zhidu");
    AuthorizationCheck plain = check("acu0", List.of("acg0"), true, permission(9101, 2, "acr0"));
    assertThat(sql(plain)).contains("unnest").doesNotContainIgnoringCase("case");
    AuthorizationCheck revokes = check("acu0", List.of("acg0"), true, permission(9101, 2, "acr0"));
    revokes.setRevokeAuthorizationCheckEnabled(true);
    assertThat(sql(revokes)).doesNotContain("unnest").containsIgnoringCase("case");
  }

  @Test
  void randomChecksGetTheEnginesAnswer() {
    randomGrants(400);
    int granted = 0;
    int refused = 0;
    for (int i = 0; i < 2000; i++) {
      AuthorizationCheck check = randomCheck();
      boolean zhidu = ask(check);
      boolean engines = engineStatement(() -> ask(check));
      assertThat(zhidu).as("check %d: %s", i, describe(check)).isEqualTo(engines);
      if (zhidu) {
        granted++;
      } else {
        refused++;
      }
    }
    // The comparison means something only if both answers are common.
    assertThat(granted).isGreaterThan(300);
    assertThat(refused).isGreaterThan(300);
  }

  @Test
  void checksWithRevokesKeepTheEnginesStatementAndAnswer() {
    randomGrants(200);
    for (int i = 0; i < 200; i++) {
      AuthorizationCheck check = randomCheck();
      check.setRevokeAuthorizationCheckEnabled(true);
      assertThat(ask(check)).as("check %d: %s", i, describe(check)).isEqualTo(engineStatement(() -> ask(check)));
    }
  }

  /** Through the engine's service, as Tasklist and the REST API reach it. */
  @Test
  void theServiceAnswersWithTheReplacement() {
    insert(1, null, "acg1", 9101, "acr1", 2 | 4);
    insert(1, "acu2", null, 9102, "*", 8);
    insert(0, "*", null, 9103, "acr3", 16);
    insert(2, null, "acg1", 9101, "acr2", 2); // a revoke: not checked, grants nothing

    assertThat(authorizations.isUserAuthorized("acu0", List.of("acg1"), permission(2), resource(9101), "acr1")).isTrue();
    assertThat(authorizations.isUserAuthorized("acu0", List.of("acg1"), permission(4 | 2), resource(9101), "acr1"))
        .isTrue();
    assertThat(authorizations.isUserAuthorized("acu0", List.of("acg1"), permission(8), resource(9101), "acr1"))
        .as("a bit the grant does not hold").isFalse();
    assertThat(authorizations.isUserAuthorized("acu0", List.of("acg2"), permission(2), resource(9101), "acr1"))
        .as("another group").isFalse();
    assertThat(authorizations.isUserAuthorized("acu0", List.of("acg1"), permission(2), resource(9101), "acr2"))
        .as("another resource").isFalse();
    assertThat(authorizations.isUserAuthorized("acu2", List.of(), permission(8), resource(9102), "anything")).isTrue();
    assertThat(authorizations.isUserAuthorized("acu3", List.of(), permission(8), resource(9102), "anything"))
        .as("another user").isFalse();
    assertThat(authorizations.isUserAuthorized("acuNobody", null, permission(16), resource(9103), "acr3")).isTrue();
    assertThat(authorizations.isUserAuthorized("acuNobody", null, permission(16), resource(9103), "acr0")).isFalse();
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private void randomGrants(int count) {
    for (int i = 0; i < count; i++) {
      int type = pick(new int[] {0, 1, 1, 1, 1, 2});
      boolean toGroup = type != 0 && random.nextBoolean();
      String user = type == 0 ? "*" : toGroup ? null : pick(users.subList(0, 5));
      String group = toGroup ? pick(groups.subList(0, 5)) : null;
      insert(type, user, group, pick(TYPES), pick(resourceIds), randomPerms());
    }
  }

  private void insert(int type, String user, String group, int resourceType, String resourceId, int perms) {
    jdbc.update("insert into ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, USER_ID_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_,"
        + " PERMS_) values (?, 1, ?, ?, ?, ?, ?, ?) on conflict do nothing", "ac" + random.nextLong(), type, user, group,
        resourceType, resourceId, perms);
  }

  private int randomPerms() {
    return switch (random.nextInt(6)) {
      case 0 -> Integer.MAX_VALUE; // ALL
      case 1 -> 0;
      default -> BITS[random.nextInt(BITS.length)] | (random.nextBoolean() ? BITS[random.nextInt(BITS.length)] : 0);
    };
  }

  private AuthorizationCheck randomCheck() {
    List<String> userGroups = new ArrayList<>();
    for (String group : groups) {
      if (random.nextInt(3) == 0) {
        userGroups.add(group);
      }
    }
    PermissionCheck[] permissions = new PermissionCheck[1 + random.nextInt(4)];
    for (int j = 0; j < permissions.length; j++) {
      int perms = random.nextInt(8) == 0 ? 0 : BITS[random.nextInt(BITS.length)];
      String resourceId = random.nextInt(6) == 0 ? null : pick(resourceIds);
      permissions[j] = permission(pick(TYPES), perms, resourceId);
    }
    return check(pick(users), random.nextInt(8) == 0 ? null : userGroups, random.nextBoolean(), permissions);
  }

  private static AuthorizationCheck check(String user, List<String> groups, boolean disjunctive,
      PermissionCheck... permissions) {
    CompositePermissionCheck composite = new CompositePermissionCheck(disjunctive);
    for (PermissionCheck permission : permissions) {
      composite.addAtomicCheck(permission);
    }
    return new AuthorizationCheck(user, groups, composite, false);
  }

  private static PermissionCheck permission(int resourceType, int perms, String resourceId) {
    PermissionCheck check = new PermissionCheck();
    check.setResource(resource(resourceType));
    check.setPermission(permission(perms));
    check.setResourceId(resourceId);
    return check;
  }

  private static Resource resource(int type) {
    return new Resource() {
      @Override
      public String resourceName() {
        return "test-" + type;
      }

      @Override
      public int resourceType() {
        return type;
      }
    };
  }

  private static Permission permission(int value) {
    return new Permission() {
      @Override
      public String getName() {
        return "test-" + value;
      }

      @Override
      public int getValue() {
        return value;
      }

      @Override
      public Resource[] getTypes() {
        return new Resource[] {resource(9101), resource(9102), resource(9103)};
      }
    };
  }

  private boolean ask(AuthorizationCheck check) {
    return configuration().getCommandExecutorTxRequired()
        .execute(context -> context.getDbEntityManager().selectBoolean(STATEMENT, check));
  }

  private String sql(AuthorizationCheck check) {
    return configuration().getSqlSessionFactory().getConfiguration()
        .getMappedStatement(STATEMENT + "_zhidu").getBoundSql(check).getSql();
  }

  private <T> T engineStatement(Supplier<T> action) {
    return EngineOwnStatements.run(engine, List.of(STATEMENT), action);
  }

  private static String describe(AuthorizationCheck check) {
    StringBuilder text = new StringBuilder(check.getAuthUserId() + " " + check.getAuthGroupIds()
        + (check.getPermissionChecks().isDisjunctive() ? " any of" : " all of"));
    for (PermissionCheck permission : check.getPermissionChecks().getAtomicChecks()) {
      text.append(" [").append(permission.getResourceType()).append(' ').append(permission.getPerms()).append(' ')
          .append(permission.getResourceId()).append(']');
    }
    return text.toString();
  }

  private DbSqlSessionFactory sessions() {
    return EngineOwnStatements.sessions(engine);
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  private int pick(int[] values) {
    return values[random.nextInt(values.length)];
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
