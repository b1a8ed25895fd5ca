package com.zhidu.complainthandling;

import com.zhidu.organization.OrganizationFile.GroupEntry;
import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.notification.MailOutbox;
import com.zhidu.platform.notification.NotificationTemplates.Kind;
import com.zhidu.platform.notification.NotificationTemplates.TaskFacts;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * 回應逾期提醒 / 解決逾期升級 (§3.3.4): a complaint's SLA deadline passed while its handling task is open.
 * Input {@code deadline}: {@code response} (nothing happens if the department has already responded, i.e.
 * claimed the task) or {@code resolution}. Records the breach once and mails the head of the responsible
 * department and the head of the CRM group; the handling goes on (the timer does not interrupt it).
 */
@Component("slaEscalation")
public class SlaEscalationDelegate implements JavaDelegate {

  public static final String RESPONSE = "response";
  public static final String RESOLUTION = "resolution";

  private final ComplaintRepository complaints;
  private final OrganizationService organization;
  private final MailOutbox outbox;

  public SlaEscalationDelegate(ComplaintRepository complaints, OrganizationService organization, MailOutbox outbox) {
    this.complaints = complaints;
    this.organization = organization;
    this.outbox = outbox;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String deadline = (String) execution.getVariable("deadline");
    Complaint complaint = complaints.complaint(((Number) execution.getVariable("complaintId")).longValue());
    Date due;
    String what;
    if (RESPONSE.equals(deadline)) {
      if (complaint.respondedAt() != null) {
        return; // the department responded in time or before this round: nothing to remind
      }
      complaints.markResponseBreachedOnce(complaint.id());
      due = Date.from(complaint.responseDueAt());
      what = "回應期限已過,尚未認領處理";
    } else if (RESOLUTION.equals(deadline)) {
      complaints.markResolutionBreachedOnce(complaint.id());
      due = Date.from(complaint.resolutionDueAt());
      what = "解決期限已過,尚未處理完成";
    } else {
      throw new IllegalArgumentException("deadline must be response or resolution, not " + deadline);
    }
    Task handling = execution.getProcessEngineServices().getTaskService().createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey("handleComplaint").singleResult();
    TaskFacts facts = new TaskFacts(handling == null ? null : handling.getId(),
        "處理客戶投訴(投訴編號 " + complaint.id() + ":" + what + ")", "客戶投訴處理", due,
        groupName(complaint.responsibleGroup()));
    Set<String> heads = new LinkedHashSet<>();
    heads.add(organization.headOf(complaint.responsibleGroup()));
    heads.add(organization.headOf("crm"));
    heads.remove(null);
    outbox.enqueue(Kind.ESCALATION, facts, heads);
  }

  private String groupName(String groupId) {
    return organization.file().groups().stream().filter(g -> g.id().equals(groupId)).map(GroupEntry::name)
        .findFirst().orElse(groupId);
  }
}
