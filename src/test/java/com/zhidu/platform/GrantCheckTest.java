package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.junit.jupiter.api.Test;

/**
 * Which checks Zhidu's statement answers and which keep the engine's (the answers themselves are compared with the
 * engine's on PostgreSQL in {@link AuthorizationCheckIT}).
 */
class GrantCheckTest {

  @Test
  void aPlainCheckBecomesArraysInItsOrder() {
    GrantCheck grants = GrantCheck.of(check(false, false, task("t1", TaskPermissions.TASK_WORK),
        definition("contractExecution", Permissions.UPDATE_TASK), definition(null, Permissions.READ)));
    assertThat(grants.getUserId()).isEqualTo("wangjing");
    assertThat(grants.getGroupIds()).containsExactly("crm", "sales");
    assertThat(grants.getResourceTypes()).containsExactly(Resources.TASK.resourceType(),
        Resources.PROCESS_DEFINITION.resourceType(), Resources.PROCESS_DEFINITION.resourceType());
    assertThat(grants.getPerms()).containsExactly(TaskPermissions.TASK_WORK.getValue(),
        Permissions.UPDATE_TASK.getValue(), Permissions.READ.getValue());
    assertThat(grants.getResourceIds()).containsExactly("t1", "contractExecution", null);
    assertThat(grants.isDisjunctive()).isFalse();
    assertThat(GrantCheck.of(check(true, false, task("t1", Permissions.UPDATE), task("t1", Permissions.READ)))
        .isDisjunctive()).isTrue();
  }

  @Test
  void oneCheckAloneIsItsOwnAnswerWhateverTheFlag() {
    assertThat(GrantCheck.of(check(false, false, task("t1", Permissions.UPDATE))).isDisjunctive()).isTrue();
  }

  @Test
  void aUserWithoutGroupsAsksWithAnEmptyArray() {
    AuthorizationCheck check = check(true, false, task("t1", Permissions.UPDATE));
    check.setAuthGroupIds(null);
    assertThat(GrantCheck.of(check).getGroupIds()).isEmpty();
  }

  @Test
  void otherShapesKeepTheEnginesStatement() {
    assertThat(GrantCheck.of(check(true, true, task("t1", Permissions.UPDATE)))).as("revokes checked").isNull();
    assertThat(GrantCheck.of(check(true, false))).as("nothing to check").isNull();
    assertThat(GrantCheck.of("a map or anything else")).isNull();

    PermissionCheck fromQuery = task(null, Permissions.READ);
    fromQuery.setResourceIdQueryParam("RES.ID_");
    assertThat(GrantCheck.of(check(true, false, fromQuery))).as("resource id from the query").isNull();

    PermissionCheck notFound = task("t1", Permissions.READ);
    notFound.setAuthorizationNotFoundReturnValue(0L);
    assertThat(GrantCheck.of(check(true, false, notFound))).as("its own not-found answer").isNull();

    AuthorizationCheck nested = check(true, false, task("t1", Permissions.READ));
    CompositePermissionCheck inner = new CompositePermissionCheck(true);
    inner.addAtomicCheck(task("t2", Permissions.READ));
    nested.getPermissionChecks().addCompositeCheck(inner);
    assertThat(GrantCheck.of(nested)).as("nested checks").isNull();
  }

  private static AuthorizationCheck check(boolean disjunctive, boolean revokes, PermissionCheck... permissions) {
    CompositePermissionCheck composite = new CompositePermissionCheck(disjunctive);
    for (PermissionCheck permission : permissions) {
      composite.addAtomicCheck(permission);
    }
    return new AuthorizationCheck("wangjing", List.of("crm", "sales"), composite, revokes);
  }

  private static PermissionCheck task(String id, org.camunda.bpm.engine.authorization.Permission permission) {
    return permission(Resources.TASK, id, permission);
  }

  private static PermissionCheck definition(String key, org.camunda.bpm.engine.authorization.Permission permission) {
    return permission(Resources.PROCESS_DEFINITION, key, permission);
  }

  private static PermissionCheck permission(Resources resource, String id,
      org.camunda.bpm.engine.authorization.Permission permission) {
    PermissionCheck check = new PermissionCheck();
    check.setResource(resource);
    check.setResourceId(id);
    check.setPermission(permission);
    return check;
  }
}
