package com.zhidu.organization;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import com.zhidu.organization.OrganizationFile.GroupEntry;
import com.zhidu.organization.OrganizationFile.SalesTeamEntry;
import com.zhidu.organization.OrganizationFile.UserEntry;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Applies the organisation file to Camunda's identity service and grants each group what its role
 * needs. Idempotent: run at every start-up; it only adds what is missing and corrects what the file
 * lists. Users and groups created in Camunda Admin beyond the file are left alone.
 */
@Component
public class OrganizationSeeder {

  private static final Logger LOG = LoggerFactory.getLogger(OrganizationSeeder.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Groups that read history in Cockpit but do no task work. */
  static final String AUDITOR = "auditor";
  static final String PROCESS_OWNER = "processOwner";

  /** The shared Tasklist filters every employee sees (Traditional Chinese names are their ids). */
  public static final String FILTER_MY_TASKS = TaskFilters.MY_TASKS;
  public static final String FILTER_MY_GROUP_TASKS = TaskFilters.MY_GROUPS;

  private final OrganizationService organization;
  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final RepositoryService repository;
  private final TaskService tasks;
  private final boolean demo;

  public OrganizationSeeder(OrganizationService organization, IdentityService identity,
      AuthorizationService authorizations, FilterService filters, RepositoryService repository, TaskService tasks,
      @Value("${zhidu.demo:false}") boolean demo) {
    this.organization = organization;
    this.identity = identity;
    this.authorizations = authorizations;
    this.filters = filters;
    this.repository = repository;
    this.tasks = tasks;
    this.demo = demo;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(0)
  public void apply() {
    OrganizationFile file = organization.file();
    file.groups().forEach(g -> saveGroup(g.id(), g.name(),
        Groups.CAMUNDA_ADMIN.equals(g.id()) ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW));
    file.salesTeams().forEach(t -> saveGroup(t.id(), t.name(), Groups.GROUP_TYPE_WORKFLOW));
    file.users().forEach(this::saveUser);
    applyMemberships(file);
    Map<String, String> filterIds = saveFilters(file);
    grant(file, filterIds);
    LOG.info("Organisation applied: {} groups, {} users, demo passwords {}",
        file.groups().size() + file.salesTeams().size(), file.users().size(), demo ? "ON" : "off");
  }

  private void saveGroup(String id, String name, String type) {
    Group group = identity.createGroupQuery().groupId(id).singleResult();
    if (group == null) {
      group = identity.newGroup(id);
    } else if (name.equals(group.getName()) && type.equals(group.getType())) {
      return;
    }
    group.setName(name);
    group.setType(type);
    identity.saveGroup(group);
  }

  private void saveUser(UserEntry entry) {
    User user = identity.createUserQuery().userId(entry.id()).singleResult();
    boolean created = user == null;
    if (created) {
      user = identity.newUser(entry.id());
    } else if (entry.name().equals(user.getFirstName()) && equalsOrNull(entry.email(), user.getEmail())) {
      return;
    }
    // Chinese names are written whole; Camunda shows "firstName lastName".
    user.setFirstName(entry.name());
    user.setLastName("");
    user.setEmail(entry.email());
    if (created && demo) {
      // Demo logins only: password = user id, which the password policy would refuse.
      user.setPassword(entry.id());
      ((IdentityServiceImpl) identity).saveUser(user, true);
    } else if (created) {
      // Nobody knows this password; an administrator sets a real one in Camunda Admin. Without any
      // password the engine's checkPassword fails with a NullPointerException (HTTP 500, not 401).
      user.setPassword(unknownPassword());
      identity.saveUser(user);
    } else {
      identity.saveUser(user);
    }
  }

  /** Listed users get exactly their listed memberships among the listed groups; other memberships stay. */
  private void applyMemberships(OrganizationFile file) {
    Map<String, Set<String>> wanted = new HashMap<>();
    file.users().forEach(u -> wanted.put(u.id(), new HashSet<>(u.groups())));
    for (SalesTeamEntry team : file.salesTeams()) {
      team.members().forEach(m -> wanted.get(m).add(team.id()));
    }
    Set<String> listedGroups = new HashSet<>();
    file.groups().forEach(g -> listedGroups.add(g.id()));
    file.salesTeams().forEach(t -> listedGroups.add(t.id()));
    wanted.forEach((userId, groups) -> {
      Set<String> actual = new HashSet<>();
      identity.createGroupQuery().groupMember(userId).list().forEach(g -> actual.add(g.getId()));
      groups.stream().filter(g -> !actual.contains(g)).forEach(g -> identity.createMembership(userId, g));
      actual.stream().filter(g -> listedGroups.contains(g) && !groups.contains(g))
          .forEach(g -> identity.deleteMembership(userId, g));
    });
  }

  /** Shared filters (granted to employee groups below) and each employee's own 我發起的 and 抄送給我 (see TaskFilters). */
  private Map<String, String> saveFilters(OrganizationFile file) {
    TaskFilters taskFilters = new TaskFilters(filters, tasks, authorizations);
    Map<String, String> ids = taskFilters.saveShared();
    file.users().stream()
        .filter(u -> u.groups().stream().anyMatch(g -> !g.equals(AUDITOR) && !g.equals(Groups.CAMUNDA_ADMIN)))
        .forEach(u -> {
          taskFilters.saveStartedBy(u.id());
          taskFilters.saveCopiedTo(u.id());
        });
    return ids;
  }

  /** The grants per role (design.md "Security on"): only GRANT entries, never REVOKE. */
  private void grant(OrganizationFile file, Map<String, String> filterIds) {
    List<String> employees = new ArrayList<>();
    for (GroupEntry g : file.groups()) {
      if (!g.id().equals(AUDITOR) && !g.id().equals(Groups.CAMUNDA_ADMIN)) {
        employees.add(g.id());
      }
    }
    for (String group : employees) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      filterIds.values().forEach(id -> grant(group, Resources.FILTER, id, Permissions.READ));
      // Read definitions (forms, diagrams); task visibility comes from per-task candidate grants.
      grant(group, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
      grant(group, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
      grant(group, Resources.USER, ANY, Permissions.READ);
      grant(group, Resources.GROUP, ANY, Permissions.READ);
    }
    grantProcessStarters();

    // Auditors: Cockpit, read-only, with history. No task work, retries, deletion or variable changes.
    grant(AUDITOR, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(AUDITOR, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.READ_HISTORY);
    grant(AUDITOR, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
    grant(AUDITOR, Resources.TASK, ANY, TaskPermissions.READ);
    grant(AUDITOR, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
    grant(AUDITOR, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
    grant(AUDITOR, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(AUDITOR, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    grant(AUDITOR, Resources.DEPLOYMENT, ANY, Permissions.READ);
    grant(AUDITOR, Resources.OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ);
    grant(AUDITOR, Resources.USER, ANY, Permissions.READ);
    grant(AUDITOR, Resources.GROUP, ANY, Permissions.READ);

    // Process owners deploy from Camunda Modeler: DeploymentGuard checks every deployment before the engine
    // accepts it (reliability-security.md §0.5, §1.9). The engine itself grants the deployer READ and DELETE
    // on each new deployment; READ on all deployments lets them redeploy an earlier one (roll back).
    grant(PROCESS_OWNER, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(PROCESS_OWNER, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_HISTORY);
    grant(PROCESS_OWNER, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
    grant(PROCESS_OWNER, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    grant(PROCESS_OWNER, Resources.DEPLOYMENT, ANY, Permissions.READ, Permissions.CREATE);

    // Administrators: everything, as Camunda's own admin-user set-up does.
    for (Resource resource : Resources.values()) {
      grant(Groups.CAMUNDA_ADMIN, resource, ANY, Permissions.ALL);
    }
  }

  /**
   * Who may start which procedure is declared in BPMN ({@code camunda:candidateStarterGroups}), so
   * process owners change it in the model and this code stays the same for every process.
   */
  private void grantProcessStarters() {
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
      repository.getIdentityLinksForProcessDefinition(definition.getId()).stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
          .forEach(link -> {
            grant(link.getGroupId(), Resources.PROCESS_DEFINITION, definition.getKey(),
                ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
            grant(link.getGroupId(), Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
          });
    }
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization auth = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupId)
        .resourceType(resource).resourceId(resourceId).singleResult();
    boolean missing = auth == null;
    if (missing) {
      auth = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      auth.setGroupId(groupId);
      auth.setResource(resource);
      auth.setResourceId(resourceId);
    }
    for (Permission permission : permissions) {
      if (!auth.isPermissionGranted(permission)) {
        auth.addPermission(permission);
        missing = true;
      }
    }
    if (missing) {
      authorizations.saveAuthorization(auth);
    }
  }

  /** Random and policy-compliant (upper, lower, digit, special, long). */
  static String unknownPassword() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return "Aa1!" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static boolean equalsOrNull(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }
}
