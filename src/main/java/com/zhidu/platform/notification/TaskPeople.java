package com.zhidu.platform.notification;

import com.zhidu.organization.OrganizationService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Who is responsible for a task and whom to escalate to, from the organisation file: the assignee, or else
 * the members of the candidate groups and the candidate users; escalation goes to the assignee's line
 * manager, or else to the candidate groups' heads (or the candidate users' line managers).
 */
@Component
public class TaskPeople {

  /** The people facts of one task. */
  public record Task(String assignee, List<String> candidateGroups, List<String> candidateUsers) {

    public static Task of(String assignee, Collection<? extends IdentityLink> links) {
      List<String> groups = new ArrayList<>();
      List<String> users = new ArrayList<>();
      for (IdentityLink link : links) {
        if (!IdentityLinkType.CANDIDATE.equals(link.getType())) continue;
        if (link.getGroupId() != null) groups.add(link.getGroupId());
        if (link.getUserId() != null) users.add(link.getUserId());
      }
      return new Task(assignee, groups, users);
    }
  }

  private final OrganizationService organization;

  public TaskPeople(OrganizationService organization) {
    this.organization = organization;
  }

  public Set<String> responsible(Task task) {
    Set<String> users = new LinkedHashSet<>();
    if (task.assignee() != null) {
      users.add(task.assignee());
      return users;
    }
    task.candidateGroups().forEach(g -> users.addAll(organization.membersOf(g)));
    users.addAll(task.candidateUsers());
    return users;
  }

  public Set<String> escalationTargets(Task task) {
    Set<String> users = new LinkedHashSet<>();
    if (task.assignee() != null) {
      addIfKnown(users, organization.lineManagerOf(task.assignee()));
      return users;
    }
    task.candidateGroups().forEach(g -> addIfKnown(users, organization.headOf(g)));
    if (users.isEmpty()) {
      task.candidateUsers().forEach(u -> addIfKnown(users, organization.lineManagerOf(u)));
    }
    return users;
  }

  /** How the mail names whoever holds the task: a person, or the candidate groups. */
  public String responsibleName(Task task) {
    if (task.assignee() != null) return organization.displayName(task.assignee());
    List<String> names = new ArrayList<>();
    task.candidateGroups().forEach(g -> names.add(groupName(g)));
    task.candidateUsers().forEach(u -> names.add(organization.displayName(u)));
    return names.isEmpty() ? "（未指派）" : String.join("、", names);
  }

  private String groupName(String groupId) {
    return organization.file().groups().stream().filter(g -> g.id().equals(groupId))
        .map(g -> g.name()).findFirst().orElse(groupId);
  }

  private static void addIfKnown(Set<String> users, String user) {
    if (user != null) users.add(user);
  }
}
