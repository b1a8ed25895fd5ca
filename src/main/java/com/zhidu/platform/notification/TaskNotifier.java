package com.zhidu.platform.notification;

import com.zhidu.platform.TaskEventHandler;
import com.zhidu.platform.notification.NotificationTemplates.Kind;
import com.zhidu.platform.notification.NotificationTemplates.TaskFacts;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * New and assigned tasks notify by mail (§6.1.3): a new unassigned task goes to its candidate groups' members
 * (and candidate users), a task (re)assigned to someone goes to that person, except when people claim a
 * task themselves. The mail is queued in the engine's transaction, so a rolled-back change mails nothing.
 * Runs after the due date is set ({@link com.zhidu.platform.deadlines.DueDateAssigner}), so mails show it.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 50)
public class TaskNotifier implements TaskEventHandler {

  private final MailOutbox outbox;
  private final TaskPeople people;

  public TaskNotifier(MailOutbox outbox, TaskPeople people) {
    this.outbox = outbox;
    this.people = people;
  }

  @Override
  public void onTaskEvent(DelegateTask task) {
    String event = task.getEventName();
    if (TaskListener.EVENTNAME_CREATE.equals(event) && task.getAssignee() == null) {
      // An assignee given in BPMN fires an assignment event right after create: that one mails.
      TaskPeople.Task who = TaskPeople.Task.of(null, task.getCandidates());
      TaskFacts facts = facts(task, people.responsibleName(who));
      outbox.enqueue(Kind.NEW, facts, people.responsible(who));
    } else if (TaskListener.EVENTNAME_ASSIGNMENT.equals(event) && task.getAssignee() != null
        && !task.getAssignee().equals(authenticatedUser(task))) {
      TaskPeople.Task who = TaskPeople.Task.of(task.getAssignee(), task.getCandidates());
      outbox.enqueue(Kind.ASSIGNED, facts(task, people.responsibleName(who)), task.getAssignee());
    }
  }

  private static TaskFacts facts(DelegateTask task, String responsible) {
    String processName = null;
    if (task instanceof TaskEntity entity && entity.getProcessDefinition() != null) {
      ProcessDefinitionEntity definition = entity.getProcessDefinition();
      processName = definition.getName() != null ? definition.getName() : definition.getKey();
    }
    return new TaskFacts(task.getId(), task.getName(), processName == null ? "—" : processName,
        task.getDueDate(), responsible);
  }

  private static String authenticatedUser(DelegateTask task) {
    Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return auth == null ? null : auth.getUserId();
  }
}
