package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zhidu.ZhiduIT;
import com.zhidu.organization.OrganizationSeeder;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The task list and count statements Zhidu replaces on PostgreSQL ({@link EngineQueries}, EXISTS instead of the
 * engine's join on grants) answer exactly what the engine's own statements answer: for people of different groups,
 * with grants on single tasks, on the process definition, on every task ('*'), through candidate user and group links,
 * for assigned and unassigned tasks, standalone tasks, grants of the wrong kind, and nobody without a grant sees a task.
 * Each query runs twice as the same user, with the replacement mapped and with the engine's statement (mapping
 * removed for that call), as Tasklist asks: the filter's list page (sorted, paged) and its count. The same for the
 * or-query shapes whose candidate condition the replacement asks as a set of task ids instead of the identity-link join
 * (即將到期/已逾期), and for the shapes beside them that keep the engine's join.
 */
@ZhiduIT
class TaskQueryAuthorizationIT {

  static final String PROCESS = "security-fixture";
  static final List<String> REPLACED = List.of("selectTaskByQueryCriteria", "selectTaskCountByQueryCriteria");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired FilterService filters;
  @Autowired JdbcTemplate jdbc;

  final String p = "tq" + UUID.randomUUID().toString().substring(0, 6); // ids: letters and digits only
  final String groupA = p + "ga";
  final String groupB = p + "gb";
  final String groupX = p + "gx"; // no grants
  final String groupOther = p + "go"; // grants, but nobody in it
  final String inA = p + "ua";
  final String inB = p + "ub";
  final String inBoth = p + "uab";
  final String everyTask = p + "ustar";
  final String ofDefinition = p + "udef";
  final String wrongGrants = p + "uwrong";
  final String nobody = p + "unone";
  final List<String> users = List.of(inA, inB, inBoth, everyTask, ofDefinition, wrongGrants, nobody);
  final Map<String, List<String>> groupsOf = Map.of(inA, List.of(groupA), inB, List.of(groupB),
      inBoth, List.of(groupA, groupB), everyTask, List.of(groupX), ofDefinition, List.of(groupX),
      wrongGrants, List.of(groupX), nobody, List.of());

  final List<String> instances = new ArrayList<>();
  final List<String> standalone = new ArrayList<>();
  final List<String> testTasks = new ArrayList<>();

  @BeforeEach
  void organisationTasksAndGrants() {
    identity.clearAuthentication();
    for (String g : List.of(groupA, groupB, groupX)) {
      Group group = identity.newGroup(g);
      group.setName(g);
      identity.saveGroup(group);
    }
    for (String u : users) {
      User user = identity.newUser(u);
      user.setPassword("Zq-Vt8#kp2-Lw");
      identity.saveUser(user);
      groupsOf.get(u).forEach(g -> identity.createMembership(u, g));
      // Every test user may read the shared filters (as employees do through their groups), except nobody.
      if (!u.equals(nobody)) {
        grant(u, null, Resources.FILTER, "*", Permissions.READ);
      }
    }
    // Process tasks (candidate groups leadership, sales, legal: none of the test users' groups).
    for (int i = 0; i < 4; i++) {
      instances.add(runtime.startProcessInstanceByKey(PROCESS, p + "case" + i).getId());
    }
    List<Task> processTasks = tasks.createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new))
        .orderByTaskName().asc().orderByProcessInstanceId().asc().list();
    processTasks.forEach(t -> testTasks.add(t.getId()));
    // Candidate group links: the engine grants the group the task (TASK_WORK, READ).
    tasks.addCandidateGroup(processTasks.get(0).getId(), groupA);
    tasks.addCandidateGroup(processTasks.get(1).getId(), groupA);
    tasks.addCandidateGroup(processTasks.get(2).getId(), groupB);
    tasks.addCandidateGroup(processTasks.get(3).getId(), groupA);
    tasks.addCandidateGroup(processTasks.get(3).getId(), groupB);
    // Assigned: the assignee is granted the task; one assigned task stays a candidate task of group A.
    tasks.setAssignee(processTasks.get(1).getId(), inA);
    tasks.setAssignee(processTasks.get(4).getId(), inB);
    // A candidate user link.
    tasks.addCandidateUser(processTasks.get(5).getId(), inBoth);
    // A candidate group link whose grant was taken away: the link alone does not show the task.
    tasks.addCandidateGroup(processTasks.get(6).getId(), groupB);
    authorizations.createAuthorizationQuery().groupIdIn(groupB).resourceType(Resources.TASK)
        .resourceId(processTasks.get(6).getId()).list().forEach(a -> authorizations.deleteAuthorization(a.getId()));
    // The case starter's filter (我發起的): a task-local variable and a grant on the task.
    tasks.setVariableLocal(processTasks.get(7).getId(), CaseStarterTasks.VARIABLE, inB);
    grant(inB, null, Resources.TASK, processTasks.get(7).getId(), TaskPermissions.READ);
    tasks.setVariableLocal(processTasks.get(8).getId(), CaseStarterTasks.VARIABLE, inA); // starter without a grant
    // Standalone tasks (no process definition): one for group A, one assigned to B, one nobody is granted.
    for (int i = 0; i < 3; i++) {
      Task task = tasks.newTask();
      task.setName(p + "standalone" + i);
      tasks.saveTask(task);
      standalone.add(task.getId());
      testTasks.add(task.getId());
    }
    tasks.addCandidateGroup(standalone.get(0), groupA);
    tasks.setAssignee(standalone.get(1), inB);
    // Grants on the process definition (READ_TASK), to a group and to a user.
    grant(null, groupB, Resources.PROCESS_DEFINITION, PROCESS, ProcessDefinitionPermissions.READ_TASK);
    grant(ofDefinition, null, Resources.PROCESS_DEFINITION, PROCESS, ProcessDefinitionPermissions.READ_TASK);
    // Every task, to one user.
    grant(everyTask, null, Resources.TASK, "*", TaskPermissions.READ);
    // Grants of the wrong kind: another permission on a task, READ on the definition (not READ_TASK), READ on a
    // process instance whose id is a task's, and a group grant to a group the user is not in.
    grant(wrongGrants, null, Resources.TASK, processTasks.get(9).getId(), TaskPermissions.UPDATE);
    grant(wrongGrants, null, Resources.PROCESS_DEFINITION, PROCESS, ProcessDefinitionPermissions.READ);
    grant(wrongGrants, null, Resources.PROCESS_INSTANCE, processTasks.get(10).getId(), Permissions.READ);
    grant(null, groupOther, Resources.TASK, processTasks.get(10).getId(), TaskPermissions.READ);
    // Creation times and due dates far from everything else in the database, so that the first pages hold these
    // tasks: created in 2090 (newest first), due in 2001 (most overdue first), a third without a due date.
    Instant created = Instant.parse("2090-01-01T00:00:00Z");
    for (int i = 0; i < testTasks.size(); i++) {
      jdbc.update("update act_ru_task set create_time_ = ?, due_date_ = ? where id_ = ?",
          Timestamp.from(created.plus(i, ChronoUnit.MINUTES)),
          i % 3 == 2 ? null : Timestamp.from(Instant.parse("2001-01-01T00:00:00Z").plus(testTasks.size() - i,
              ChronoUnit.HOURS)), testTasks.get(i));
    }
  }

  @AfterEach
  void removeEverything() {
    identity.clearAuthentication();
    instances.forEach(id -> runtime.deleteProcessInstance(id, "TaskQueryAuthorizationIT done"));
    standalone.forEach(id -> tasks.deleteTask(id, true));
    for (String u : users) {
      authorizations.createAuthorizationQuery().userIdIn(u).list()
          .forEach(a -> authorizations.deleteAuthorization(a.getId()));
      identity.deleteUser(u);
    }
    for (String g : List.of(groupA, groupB, groupX, groupOther)) {
      authorizations.createAuthorizationQuery().groupIdIn(g).list()
          .forEach(a -> authorizations.deleteAuthorization(a.getId()));
      identity.deleteGroup(g);
    }
  }

  @Test
  void theStatementsAreReplacedOnPostgres() {
    Map<String, String> mappings = sessions().getStatementMappings();
    assertThat(mappings).containsEntry("selectTaskByQueryCriteria", "selectTaskByQueryCriteria_zhidu")
        .containsEntry("selectTaskCountByQueryCriteria", "selectTaskCountByQueryCriteria_zhidu")
        .containsEntry("selectAuthorizedGroupIds", "selectAuthorizedGroupIds_zhidu");
  }

  @Test
  void theReplacementAsksForTheGrantsWithExistsInsteadOfTheJoin() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    String sql = as(inBoth, () -> configuration.getCommandExecutorTxRequired().execute(context -> {
      TaskQueryImpl query = (TaskQueryImpl) tasks.createTaskQuery().taskCandidateGroupIn(groupsOf.get(inBoth));
      context.getAuthorizationManager().configureTaskQuery(query);
      return configuration.getSqlSessionFactory().getConfiguration()
          .getMappedStatement("selectTaskByQueryCriteria_zhidu").getBoundSql(query).getSql();
    })).replaceAll("\\s+", " ");
    assertThat(sql).contains("exists (select 1 from ACT_RU_AUTHORIZATION A where A.RESOURCE_ID_ = '*'")
        .contains("A.RESOURCE_ID_ = RES.ID_").doesNotContain("AUTH ON")
        // the definition's grants looked up per definition key, not among all grants of the user and the groups
        .contains("from (select distinct KEY_ from ACT_RE_PROCDEF) K where exists (")
        .contains("where A.RESOURCE_ID_ = K.KEY_");
  }

  @Test
  void theOrQuerysCandidatesAreAskedOnceInsteadOfJoined() {
    String orQuery = boundSql(inBoth, tasks.createTaskQuery().or().taskAssignee(inBoth)
        .taskCandidateGroupIn(groupsOf.get(inBoth)).endOr());
    assertThat(orQuery).contains("RES.ID_ = any(array(select I.TASK_ID_ from ACT_RU_IDENTITYLINK I")
        .doesNotContain("left join ACT_RU_IDENTITYLINK");
    String myGroups = boundSql(inBoth, tasks.createTaskQuery().taskCandidateGroupIn(groupsOf.get(inBoth))
        .taskUnassigned());
    assertThat(myGroups).as("candidates in the query itself: the engine's join")
        .contains("left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_");
  }

  /**
   * The task list and count with a variable condition go to PostgreSQL unprepared however often they run
   * (PlannedWithTheirValues): a prepared statement may get a generic plan, which cannot use the partial index of
   * 我發起的; without one (我的小組) they stay prepared. The engine's own statements, run
   * as often, are prepared by the driver (the control: what this test sees of a prepared task query).
   */
  @Test
  void theTaskQueriesAreNotPreparedOnTheServer() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    List<String> prepared = as(inB, () -> configuration.getCommandExecutorTxRequired().execute(context -> {
      for (int i = 0; i < 10; i++) {
        for (boolean engines : new boolean[] {false, true}) {
          Supplier<Long> listAndCount = () -> {
            // MyBatis would answer a repeated select of one session from its cache, without running it again.
            context.getDbSqlSession().getSqlSession().clearCache();
            TaskQueryImpl startedByMe = (TaskQueryImpl) tasks.createTaskQuery()
                .taskVariableValueEquals(CaseStarterTasks.VARIABLE, inB).orderByTaskCreateTime().desc();
            assertThat(startedByMe.executeList(context, new org.camunda.bpm.engine.impl.Page(0, 15))).hasSize(1);
            context.getDbSqlSession().getSqlSession().clearCache();
            return startedByMe.executeCount(context);
          };
          assertThat(engines ? engineStatement(listAndCount) : listAndCount.get()).isEqualTo(1);
        }
        // Without a variable condition the statement stays prepared (its generic plan is as good).
        context.getDbSqlSession().getSqlSession().clearCache();
        ((TaskQueryImpl) tasks.createTaskQuery().taskCandidateGroupIn(groupsOf.get(inB)).taskUnassigned())
            .executeCount(context);
      }
      List<String> statements = new ArrayList<>();
      try (java.sql.Statement sql = context.getDbSqlSession().getSqlSession().getConnection().createStatement();
          java.sql.ResultSet rs = sql.executeQuery("select statement from pg_prepared_statements where not from_sql")) {
        while (rs.next()) {
          statements.add(rs.getString(1).replaceAll("\\s+", " "));
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
      return statements;
    }));
    // Zhidu's statements ask the task's own grant with EXISTS, the engine's join the grants as AUTH.
    assertThat(prepared).as("the control: the engine's statements, run as often").anyMatch(s ->
        s.contains("from ACT_RU_TASK RES") && s.contains("AUTH ON"));
    assertThat(prepared).noneMatch(s -> s.contains("from ACT_RU_TASK RES") && s.contains("A.RESOURCE_ID_ = RES.ID_")
        && s.contains("from ACT_RU_VARIABLE WHERE")); // a variable condition (not a sorting by one)
    assertThat(prepared).anyMatch(s -> s.contains("from ACT_RU_TASK RES") && s.contains("A.RESOURCE_ID_ = RES.ID_")
        && s.contains("I.GROUP_ID_"));
  }

  private String boundSql(String user, TaskQuery taskQuery) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return as(user, () -> configuration.getCommandExecutorTxRequired().execute(context -> {
      TaskQueryImpl query = (TaskQueryImpl) taskQuery;
      context.getAuthorizationManager().configureTaskQuery(query);
      return configuration.getSqlSessionFactory().getConfiguration()
          .getMappedStatement("selectTaskByQueryCriteria_zhidu").getBoundSql(query).getSql();
    })).replaceAll("\\s+", " ");
  }

  @Test
  void tasklistsFiltersAnswerAsTheEngine() {
    for (String user : users) {
      if (user.equals(nobody)) {
        continue; // may not read the filters (below)
      }
      for (String name : List.of(OrganizationSeeder.FILTER_MY_TASKS, OrganizationSeeder.FILTER_MY_GROUP_TASKS,
          "即將到期/已逾期")) {
        String filter = filters.createFilterQuery().filterName(name).singleResult().getId();
        for (int first : new int[] {0, 2}) {
          String what = user + " " + name + " from " + first;
          // As Tasklist asks: the filter extended by its sorting, one page, and the count.
          List<String> page = ids(as(user, () -> filters.listPage(filter, tasklistSorting(), first, 3)));
          List<String> enginePage = engineStatement(() -> ids(as(user, () -> filters.listPage(filter,
              tasklistSorting(), first, 3))));
          assertThat(page).as(what).isEqualTo(enginePage);
          long count = as(user, () -> filters.count(filter));
          assertThat(count).as(what).isEqualTo(engineStatement(() -> as(user, () -> filters.count(filter))));
        }
      }
    }
  }

  @Test
  void taskQueriesAnswerAsTheEngine() {
    Map<String, Integer> visible = new LinkedHashMap<>();
    Map<String, List<String>> mineOrMyGroups = new HashMap<>();
    Map<String, List<String>> joinedTwice = new HashMap<>();
    for (String user : users) {
      List<String> groups = groupsOf.get(user);
      Map<String, Supplier<TaskQuery>> queries = new LinkedHashMap<>();
      queries.put("every task", () -> tasks.createTaskQuery().orderByTaskCreateTime().desc());
      queries.put("by due date", () -> tasks.createTaskQuery().orderByDueDate().asc().orderByTaskCreateTime().desc());
      queries.put("assigned to me", () -> tasks.createTaskQuery().taskAssignee(user).orderByTaskCreateTime().desc());
      queries.put("candidate user", () -> tasks.createTaskQuery().taskCandidateUser(user)
          .orderByTaskCreateTime().desc());
      queries.put("candidate user, assigned too", () -> tasks.createTaskQuery().taskCandidateUser(user)
          .includeAssignedTasks().orderByTaskCreateTime().desc());
      queries.put("my groups", () -> tasks.createTaskQuery().taskCandidateGroupIn(groups.isEmpty()
          ? List.of("none") : groups).taskUnassigned().orderByTaskCreateTime().desc());
      queries.put("started by me", () -> tasks.createTaskQuery().taskVariableValueEquals(CaseStarterTasks.VARIABLE,
          user).orderByTaskCreateTime().desc());
      queries.put("of the definition", () -> tasks.createTaskQuery().processDefinitionKey(PROCESS)
          .orderByTaskCreateTime().desc());
      queries.put("mine or my groups', or-query", () -> tasks.createTaskQuery().dueBefore(java.sql.Date.valueOf(
          "2030-01-01")).or().taskAssignee(user).taskCandidateGroupIn(groups.isEmpty() ? List.of("none") : groups)
          .endOr().orderByDueDate().asc().orderByTaskCreateTime().desc());
      queries.put("sorted by a task variable", () -> tasks.createTaskQuery()
          .orderByTaskVariable(CaseStarterTasks.VARIABLE, ValueType.STRING).asc());
      // The or-query shapes whose candidate condition the replacement asks once, as task ids (candidates only in
      // one or-query), and beside them the shapes it leaves to the engine's join (candidates also outside it, in two
      // or-queries, an involved user): there one link must meet several conditions at once, which a set of task ids
      // would not ask (task 3, a candidate of both groups, shows the difference for the user in both).
      List<String> groupsOrNone = groups.isEmpty() ? List.of("none") : groups;
      String other = user.equals(inA) ? inB : inA;
      Date dueLimit = java.sql.Date.valueOf("2030-01-01");
      queries.put("or-query: mine or my groups', by due date only", () -> tasks.createTaskQuery().dueBefore(dueLimit)
          .or().taskAssignee(user).taskCandidateGroupIn(groupsOrNone).endOr().orderByDueDate().asc());
      queries.put("or-query: mine or my groups', no due date", () -> tasks.createTaskQuery()
          .or().taskAssignee(user).taskCandidateGroupIn(groupsOrNone).endOr().orderByTaskCreateTime().desc());
      queries.put("or-query: another's or my groups', assigned too", () -> tasks.createTaskQuery().or()
          .taskAssignee(other).taskCandidateGroupIn(groupsOrNone).includeAssignedTasks().endOr()
          .orderByTaskCreateTime().desc());
      queries.put("or-query: mine or candidate user", () -> tasks.createTaskQuery().or().taskAssignee(user)
          .taskCandidateUser(user).endOr().orderByDueDate().desc());
      queries.put("or-query: another's or candidate user, assigned too", () -> tasks.createTaskQuery().or()
          .taskAssignee(other).taskCandidateUser(user).includeAssignedTasks().endOr().orderByTaskCreateTime().asc());
      queries.put("or-query: one group or a group like", () -> tasks.createTaskQuery().or().taskName("none")
          .taskCandidateGroupLike(p + "g%").endOr().orderByTaskCreateTime().desc());
      queries.put("or-query: candidate group or the definition's", () -> tasks.createTaskQuery().or()
          .processDefinitionKey(PROCESS).taskCandidateGroup(groupA).endOr().orderByTaskCreateTime().desc());
      queries.put("or-query: candidate group, variable sort", () -> tasks.createTaskQuery().or().taskAssignee(user)
          .taskCandidateGroupIn(groupsOrNone).endOr().orderByTaskVariable(CaseStarterTasks.VARIABLE,
              ValueType.STRING).asc());
      queries.put("engine's join: group in the query and the or-query", () -> tasks.createTaskQuery()
          .taskCandidateGroup(groupA).or().taskAssignee(user).taskCandidateGroup(groupB).endOr()
          .orderByTaskCreateTime().desc());
      queries.put("engine's join: two or-queries", () -> tasks.createTaskQuery()
          .or().taskAssignee(user).taskCandidateGroup(groupA).endOr()
          .or().taskAssignee(other).taskCandidateGroup(groupB).endOr().orderByTaskCreateTime().desc());
      queries.put("engine's join: involved user", () -> tasks.createTaskQuery().taskInvolvedUser(user)
          .or().taskAssignee(user).taskCandidateGroupIn(groupsOrNone).endOr().orderByTaskCreateTime().desc());
      for (Map.Entry<String, Supplier<TaskQuery>> query : queries.entrySet()) {
        String what = user + ", " + query.getKey();
        for (int[] page : new int[][] {{0, 15}, {1, 4}, {0, Integer.MAX_VALUE}}) {
          List<String> replaced = ids(as(user, () -> unique(query.getValue().get()).listPage(page[0], page[1])));
          List<String> original = engineStatement(() -> ids(as(user, () -> unique(query.getValue().get())
              .listPage(page[0], page[1]))));
          assertThat(replaced).as(what + " page " + page[0]).isEqualTo(original);
        }
        long count = as(user, () -> query.getValue().get().count());
        assertThat(count).as(what + " count").isEqualTo(engineStatement(() -> as(user, () -> query.getValue().get()
            .count())));
      }
      List<String> all = ids(as(user, () -> tasks.createTaskQuery().list()));
      visible.put(user, (int) all.stream().filter(testTasks::contains).count());
      mineOrMyGroups.put(user, ids(as(user, () -> queries.get("or-query: mine or my groups', no due date").get()
          .list())).stream().filter(testTasks::contains).toList());
      joinedTwice.put(user, ids(as(user, () -> queries.get("engine's join: group in the query and the or-query")
          .get().list())).stream().filter(testTasks::contains).toList());
    }
    // The or-query: group A's unassigned tasks (0, 3, standalone 0) and A's own (1), not B's (4) nor B's only (2).
    List<String> t = testTasks;
    assertThat(mineOrMyGroups.get(inA)).containsExactlyInAnyOrder(t.get(0), t.get(1), t.get(3), standalone.get(0));
    // One link must be of group A and of group B at once: task 3, candidate of both, is not in (a set of task ids
    // would let it in).
    assertThat(joinedTwice.get(inBoth)).isEmpty();
    // What each one sees of the test tasks (the same under both statements, above): the scenario is not vacuous.
    assertThat(visible.get(inA)).as("group A's candidate tasks and A's own").isEqualTo(4);
    assertThat(visible.get(inB)).as("B's own, group B's, B's started case and the whole definition")
        .isEqualTo(testTasks.size() - 3 + 1);
    assertThat(visible.get(everyTask)).isEqualTo(testTasks.size());
    assertThat(visible.get(ofDefinition)).isEqualTo(testTasks.size() - standalone.size());
    assertThat(visible.get(wrongGrants)).isZero();
    assertThat(visible.get(nobody)).isZero();
  }

  @Test
  void withoutARightNothingIsShownAndTheFilterIsRefused() {
    String filter = filters.createFilterQuery().filterName(OrganizationSeeder.FILTER_MY_GROUP_TASKS).list().get(0)
        .getId();
    assertThatThrownBy(() -> as(nobody, () -> filters.list(filter))).isInstanceOf(AuthorizationException.class);
    assertThat(as(nobody, () -> tasks.createTaskQuery().list())).isEmpty();
    assertThat(as(nobody, () -> tasks.createTaskQuery().count())).isZero();
    assertThat(as(wrongGrants, () -> tasks.createTaskQuery().list())).isEmpty();
    assertThat(as(wrongGrants, () -> tasks.createTaskQuery().count())).isZero();
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private void grant(String user, String group, Resource resource, String resourceId, Permission permission) {
    Authorization auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    auth.setUserId(user);
    auth.setGroupId(group);
    auth.setResource(resource);
    auth.setResourceId(resourceId);
    auth.addPermission(permission);
    authorizations.saveAuthorization(auth);
  }

  private <T> T as(String user, Supplier<T> action) {
    identity.setAuthentication(user, groupsOf.get(user));
    try {
      return action.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Runs the action with the engine's own task statements (the replacements unmapped for its duration). */
  private <T> T engineStatement(Supplier<T> action) {
    return EngineOwnStatements.run(engine, REPLACED, action);
  }

  private DbSqlSessionFactory sessions() {
    return EngineOwnStatements.sessions(engine);
  }

  /**
   * Tasklist's sorting (newest first) and then the id: with ties (tasks of one parallel gateway share their creation
   * time) the order among them is the database's choice under either statement, which would make the comparison
   * flaky rather than stricter.
   */
  private TaskQuery tasklistSorting() {
    return tasks.createTaskQuery().orderByTaskCreateTime().desc().orderByTaskId().asc();
  }

  private static TaskQuery unique(TaskQuery query) {
    return query.orderByTaskId().asc();
  }

  private static List<String> ids(List<? extends Task> list) {
    return list.stream().map(Task::getId).toList();
  }
}
