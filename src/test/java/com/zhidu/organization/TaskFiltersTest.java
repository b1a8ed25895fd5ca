package com.zhidu.organization;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.AsUser;
import com.zhidu.ZhiduTest;
import com.zhidu.platform.CaseStarterTasks;
import com.zhidu.platform.approval.ApprovalOperations;
import com.zhidu.platform.approval.CaseKeyVariable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ZhiduTest
class TaskFiltersTest {

  @Autowired OrganizationSeeder seeder;
  @Autowired FilterService filters;
  @Autowired TaskService tasks;
  @Autowired ApprovalOperations approvals;
  @Autowired RuntimeService runtime;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;

  final List<String> standalone = new ArrayList<>();

  @AfterEach
  void removeStandaloneTasks() {
    standalone.forEach(id -> tasks.deleteTask(id, true));
  }

  @Test
  void eachFilterExistsOnceAfterTwoRunsAndTheFormerGroupFilterIsRenamedInPlace() {
    // An installation from before issue 9 still has 我的小組任務.
    Filter groups = shared(TaskFilters.MY_GROUPS);
    groups.setName(TaskFilters.MY_GROUPS_FORMER);
    filters.saveFilter(groups);

    seeder.apply();
    seeder.apply();

    for (String name : List.of(TaskFilters.MY_TASKS, TaskFilters.MY_GROUPS, TaskFilters.DUE_SOON)) {
      assertThat(filters.createFilterQuery().filterName(name).count()).as(name).isEqualTo(1);
      assertThat(shared(name).getProperties()).as(name).containsEntry("variables", TaskFilters.COLUMNS);
    }
    assertThat(shared(TaskFilters.MY_GROUPS).getId()).isEqualTo(groups.getId());
    assertThat(filters.createFilterQuery().filterName(TaskFilters.MY_GROUPS_FORMER).count()).isZero();
    assertThat(filters.createFilterQuery().filterName(TaskFilters.STARTED_BY_ME).filterOwner("chenjing").count())
        .isEqualTo(1);
    assertThat(filters.createFilterQuery().filterName(TaskFilters.COPIED_TO_ME).filterOwner("chenjing").count())
        .isEqualTo(1);
    // One per employee; auditors and administrators start no cases.
    assertThat(filters.createFilterQuery().filterName(TaskFilters.STARTED_BY_ME).filterOwner("shenjian").count())
        .isZero();

    // Every employee group reads the shared filters; only chenjing reads her own 我發起的.
    String mine = filters.createFilterQuery().filterName(TaskFilters.STARTED_BY_ME).filterOwner("chenjing")
        .singleResult().getId();
    for (String name : List.of(TaskFilters.MY_TASKS, TaskFilters.MY_GROUPS, TaskFilters.DUE_SOON)) {
      assertThat(readable("sunli", shared(name).getId())).as(name).isTrue();
    }
    assertThat(readable("chenjing", mine)).isTrue();
    assertThat(readable("sunli", mine)).isFalse();
  }

  @Test
  void assignedGroupAndDueFiltersReturnTheRightTasks() {
    Date tomorrowPlus = Date.from(Instant.now().plus(2, ChronoUnit.DAYS));
    Date inTwoHours = Date.from(Instant.now().plus(2, ChronoUnit.HOURS));
    Date yesterday = Date.from(Instant.now().minus(1, ChronoUnit.DAYS));
    String mineLater = task("chenjing", null, tomorrowPlus);
    String mineOverdue = task("chenjing", null, yesterday);
    String groupSoon = task(null, "marketResearch", inTwoHours);
    String groupLater = task(null, "marketResearch", tomorrowPlus);
    String colleaguesOverdue = task("liuyang", "marketResearch", yesterday);
    String otherGroupSoon = task(null, "sales", inTwoHours);

    assertThat(list("chenjing", TaskFilters.MY_TASKS)).contains(mineLater, mineOverdue)
        .doesNotContain(groupSoon, colleaguesOverdue, otherGroupSoon);
    assertThat(list("chenjing", TaskFilters.MY_GROUPS)).contains(groupSoon, groupLater)
        .doesNotContain(mineLater, colleaguesOverdue, otherGroupSoon);
    assertThat(list("chenjing", TaskFilters.DUE_SOON)).contains(mineOverdue, groupSoon)
        .doesNotContain(mineLater, groupLater, colleaguesOverdue, otherGroupSoon);
    assertThat(list("liuyang", TaskFilters.DUE_SOON)).contains(colleaguesOverdue, groupSoon)
        .doesNotContain(mineOverdue);
    assertThat(list("sunli", TaskFilters.DUE_SOON)).contains(otherGroupSoon).doesNotContain(groupSoon);
  }

  @Test
  void startedByMeShowsTheOpenStepsOfMyCasesToFollowNotToWork() {
    String pi = new AsUser(identity).call("chenjing", () -> runtime.startProcessInstanceByKey("four-eyes-fixture",
        Map.of("title", "篩選器測試", "author", "chenjing")).getId());
    String draft = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("draft").singleResult().getId();
    new AsUser(identity).run("chenjing", () -> {
      tasks.claim(draft, "chenjing");
      tasks.complete(draft);
    });
    String review = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("review").singleResult().getId();

    assertThat(tasks.getVariableLocal(review, CaseStarterTasks.VARIABLE)).isEqualTo("chenjing");
    assertThat(startedBy("chenjing")).contains(review);
    assertThat(startedBy("liuyang")).doesNotContain(review);
    // The starter sees the manager's step but may not work on it.
    List<String> chenjingsGroups = groupsOf("chenjing");
    assertThat(authorizations.isUserAuthorized("chenjing", chenjingsGroups, Permissions.READ, Resources.TASK, review))
        .isTrue();
    assertThat(authorizations.isUserAuthorized("chenjing", chenjingsGroups, TaskPermissions.TASK_WORK,
        Resources.TASK, review)).isFalse();
    assertThat(list("zhangwei", TaskFilters.MY_GROUPS)).contains(review);
    runtime.deleteProcessInstance(pi, "test");
  }

  @Test
  void copiedToMeShowsTheOpenStepsOfCasesCopiedToMeWithTheCaseKey() {
    String pi = new AsUser(identity).call("chenjing", () -> runtime.startProcessInstanceByKey("four-eyes-fixture",
        "FIX-CC-1", Map.of("title", "抄送篩選器", "author", "chenjing")).getId());
    String draft = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("draft").singleResult().getId();
    assertThat(tasks.getVariableLocal(draft, CaseKeyVariable.VARIABLE)).isEqualTo("FIX-CC-1");
    assertThat(copiedTo("sunli")).doesNotContain(draft);

    new AsUser(identity).run("chenjing", () -> approvals.copy(pi, List.of("sunli"), "供參考"));

    assertThat(copiedTo("sunli")).contains(draft);
    assertThat(copiedTo("wuming")).doesNotContain(draft);
    assertThat(filters.createFilterQuery().filterName(TaskFilters.COPIED_TO_ME).filterOwner("sunli").singleResult()
        .getProperties().get("variables").toString()).contains(CaseKeyVariable.VARIABLE);
    runtime.deleteProcessInstance(pi, "test");
  }

  private List<String> copiedTo(String userId) {
    String id = filters.createFilterQuery().filterName(TaskFilters.COPIED_TO_ME).filterOwner(userId)
        .singleResult().getId();
    return new AsUser(identity).call(userId, () -> filters.<Task>list(id).stream().map(Task::getId).toList());
  }

  private List<String> startedBy(String userId) {
    String id = filters.createFilterQuery().filterName(TaskFilters.STARTED_BY_ME).filterOwner(userId)
        .singleResult().getId();
    return new AsUser(identity).call(userId, () -> filters.<Task>list(id).stream().map(Task::getId).toList());
  }

  private List<String> list(String userId, String filterName) {
    String id = shared(filterName).getId();
    return new AsUser(identity).call(userId, () -> filters.<Task>list(id).stream().map(Task::getId).toList());
  }

  private Filter shared(String name) {
    return filters.createFilterQuery().filterName(name).list().stream().filter(f -> f.getOwner() == null)
        .findFirst().orElseThrow();
  }

  private boolean readable(String userId, String filterId) {
    return authorizations.isUserAuthorized(userId, groupsOf(userId), Permissions.READ, Resources.FILTER, filterId);
  }

  private List<String> groupsOf(String userId) {
    return identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }

  private String task(String assignee, String candidateGroup, Date due) {
    Task task = tasks.newTask();
    task.setName("篩選器測試");
    task.setAssignee(assignee);
    task.setDueDate(due);
    tasks.saveTask(task);
    if (candidateGroup != null) {
      tasks.addCandidateGroup(task.getId(), candidateGroup);
    }
    standalone.add(task.getId());
    return task.getId();
  }
}
