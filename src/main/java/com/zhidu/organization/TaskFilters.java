package com.zhidu.organization;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import com.zhidu.platform.CaseStarterTasks;
import com.zhidu.platform.approval.CaseCopies;
import com.zhidu.platform.approval.CaseKeyVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;

/**
 * The Tasklist filters every employee sees, kept in one place so the seeder stays about people and grants.
 * Idempotent: filters are found by name (and owner for the per-user one) and their query and properties are
 * reset to these definitions at every start; ids stay, so grants and users' bookmarks keep working.
 */
final class TaskFilters {

  static final String MY_TASKS = "我的待辦";
  static final String MY_GROUPS = "我的小組";
  /** The name of {@link #MY_GROUPS} before issue 9; existing installations are renamed in place. */
  static final String MY_GROUPS_FORMER = "我的小組任務";
  static final String DUE_SOON = "即將到期/已逾期";
  static final String STARTED_BY_ME = "我發起的";
  static final String COPIED_TO_ME = "抄送給我";

  private static final String ME = "${currentUser()}";
  private static final String MY_GROUPS_EXPR = "${currentUserGroups()}";
  /** "Due within one working day" would need the calendar; one calendar day is what a filter can say. */
  private static final String DUE_LIMIT = "${dateTime().plusDays(1).toDate()}";

  /**
   * Columns in the task list: the case's key variables. The report procedures carry these; a procedure without
   * them shows nothing extra ({@code showUndefinedVariable} off).
   */
  static final List<Map<String, String>> COLUMNS = List.of(
      Map.of("name", CaseKeyVariable.VARIABLE, "label", "案件編號"),
      Map.of("name", "reportId", "label", "報告編號"),
      Map.of("name", "title", "label", "報告標題"),
      Map.of("name", "subjectTitle", "label", "審核報告"),
      Map.of("name", "author", "label", "作者"));

  private final FilterService filters;
  private final TaskService tasks;
  private final AuthorizationService authorizations;

  TaskFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations) {
    this.filters = filters;
    this.tasks = tasks;
    this.authorizations = authorizations;
  }

  /** The filters shared by all employees, name to id, for the group grants. */
  Map<String, String> saveShared() {
    renameFormer();
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put(MY_TASKS, save(MY_TASKS, null, -10, "指派給我的任務",
        tasks.createTaskQuery().taskAssigneeExpression(ME)));
    ids.put(MY_GROUPS, save(MY_GROUPS, null, -5, "我所屬小組尚未認領的任務",
        tasks.createTaskQuery().taskCandidateGroupInExpression(MY_GROUPS_EXPR).taskUnassigned()));
    // Assigned to me, or waiting unclaimed in one of my groups (a candidate query leaves out tasks assigned to
    // others), and due by this time tomorrow or already overdue.
    ids.put(DUE_SOON, save(DUE_SOON, null, -8, "一天內到期或已逾期的任務（指派給我或我所屬小組尚未認領）",
        tasks.createTaskQuery().dueBeforeExpression(DUE_LIMIT)
            .or().taskAssigneeExpression(ME).taskCandidateGroupInExpression(MY_GROUPS_EXPR).endOr()
            .orderByDueDate().asc()));
    return ids;
  }

  /**
   * 我發起的 for one employee: the open tasks of the cases this user started (see {@link CaseStarterTasks} for
   * why this is one filter per user and not a shared one). Owned by and readable by that user only.
   */
  String saveStartedBy(String userId) {
    return saveOwn(STARTED_BY_ME, userId, 0, "我發起的案件目前的任務（可檢視進度，不可代為處理）",
        tasks.createTaskQuery().taskVariableValueEquals(CaseStarterTasks.VARIABLE, userId));
  }

  /**
   * 抄送給我 for one employee: the open tasks of the cases copied to this user (see {@link CaseCopies}; one filter
   * per user for the same reason as 我發起的). Owned by and readable by that user only.
   */
  String saveCopiedTo(String userId) {
    return saveOwn(COPIED_TO_ME, userId, 2, "抄送給我的案件目前的任務（僅供閱覽，不可處理）",
        tasks.createTaskQuery().taskVariableValueLike(CaseCopies.VARIABLE, CaseCopies.pattern(userId)));
  }

  private String saveOwn(String name, String userId, int priority, String description, TaskQuery query) {
    String id = save(name, userId, priority, description, query);
    Authorization auth = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .userIdIn(userId).resourceType(Resources.FILTER).resourceId(id).singleResult();
    if (auth == null) {
      auth = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      auth.setUserId(userId);
      auth.setResource(Resources.FILTER);
      auth.setResourceId(id);
    } else if (auth.isPermissionGranted(Permissions.READ)) {
      return id;
    }
    auth.addPermission(Permissions.READ);
    authorizations.saveAuthorization(auth);
    return id;
  }

  private void renameFormer() {
    Filter former = filters.createFilterQuery().filterName(MY_GROUPS_FORMER).singleResult();
    if (former != null && filters.createFilterQuery().filterName(MY_GROUPS).count() == 0) {
      former.setName(MY_GROUPS);
      filters.saveFilter(former);
    }
  }

  private String save(String name, String owner, int priority, String description, TaskQuery query) {
    Filter filter = filters.createFilterQuery().filterName(name).list().stream()
        .filter(f -> Objects.equals(owner, f.getOwner())).findFirst().orElse(null);
    if (filter == null) {
      filter = filters.newTaskFilter(name);
      filter.setOwner(owner);
    }
    filter.setQuery(query);
    Map<String, Object> properties = new HashMap<>();
    properties.put("priority", priority);
    properties.put("description", description);
    properties.put("refresh", true);
    properties.put("variables", new ArrayList<>(COLUMNS));
    properties.put("showUndefinedVariable", false);
    filter.setProperties(properties);
    filters.saveFilter(filter);
    return filter.getId();
  }
}
