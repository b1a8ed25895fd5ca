package com.zhidu.organization;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.ZhiduTest;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ZhiduTest
class OrganizationSeederTest {

  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired OrganizationSeeder seeder;
  @Autowired OrganizationService organization;

  @Test
  void everyGroupOfTheDesignExistsWithAMember() {
    List<String> designGroups = List.of("deptManager", "deputyManager", "marketResearch", "salesManagement",
        "sales", "crm", "operationsAnalysis", "leadership", "legal", "production", "logistics",
        "installation", "inventory", "finance", "hr", "auditor", "processOwner", "camunda-admin");
    for (String group : designGroups) {
      assertThat(identity.createGroupQuery().groupId(group).count()).as(group).isEqualTo(1);
      assertThat(identity.createUserQuery().memberOfGroup(group).count()).as("members of " + group).isPositive();
    }
  }

  @Test
  void demoPasswordsEqualTheUserId() {
    assertThat(identity.checkPassword("zhangwei", "zhangwei")).isTrue();
  }

  @Test
  void applyingTwiceChangesNothing() {
    long users = identity.createUserQuery().count();
    long memberships = identity.createUserQuery().memberOfGroup("sales").count();
    long grants = authorizations.createAuthorizationQuery().count();
    seeder.apply();
    assertThat(identity.createUserQuery().count()).isEqualTo(users);
    assertThat(identity.createUserQuery().memberOfGroup("sales").count()).isEqualTo(memberships);
    assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(grants);
  }

  @Test
  void auditorsReadCockpitButDoNoTaskWork() {
    assertThat(authorizations.isUserAuthorized("shenjian", List.of("auditor"), Permissions.ACCESS,
        Resources.APPLICATION, "cockpit")).isTrue();
    assertThat(authorizations.isUserAuthorized("shenjian", List.of("auditor"), Permissions.ACCESS,
        Resources.APPLICATION, "tasklist")).isFalse();
    assertThat(authorizations.isUserAuthorized("shenjian", List.of("auditor"),
        org.camunda.bpm.engine.authorization.TaskPermissions.TASK_WORK, Resources.TASK, "any")).isFalse();
  }

  @Test
  void organisationAnswersLineManagerHeadAndDeputies() {
    assertThat(organization.lineManagerOf("sunli")).isEqualTo("zhaolei");
    assertThat(organization.headOf("crm")).isEqualTo("zhengxin");
    assertThat(organization.deputiesFor("marketResearch")).containsExactly("lina");
    assertThat(organization.membersOfTeam("salesTeamNorth")).containsExactly("sunli", "zhouqiang");
    assertThat(organization.dataOwnerOf("finance")).isEqualTo("tangyan");
  }
}
