package com.zhidu.complainthandling;

import com.zhidu.customerfile.CustomerFile;
import com.zhidu.customerfile.CustomerFileRepository;
import com.zhidu.complainthandling.ComplaintRepository.NewComplaint;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * 登記投訴與客戶檔案 (§3.3.4, §3.3.1): records the complaint with the routing decided by complaint-routing,
 * links it to the customer file (a new customer gets a file now) and computes the SLA deadlines from the
 * intake time. Runs in the intake's transaction (no external side effect), so the caller gets the
 * complaint number at once. Idempotent: the complaint of this process instance is created once.
 */
@Component("registerComplaint")
public class RegisterComplaintDelegate implements JavaDelegate {

  private final ComplaintRepository complaints;
  private final CustomerFileRepository customers;

  public RegisterComplaintDelegate(ComplaintRepository complaints, CustomerFileRepository customers) {
    this.complaints = complaints;
    this.customers = customers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String receivedBy = receivedBy(execution);
    if (receivedBy == null) {
      throw new ProcessEngineException("無法確認受理人:流程不是由已登入的使用者啟動的。");
    }
    ComplaintIntake in = ComplaintIntake.of(execution);
    Complaint complaint = complaints.findByProcessInstance(execution.getProcessInstanceId())
        .orElseGet(() -> register(execution, in, receivedBy));
    CustomerFile customer = customers.find(complaint.customerId()).orElseThrow();
    execution.setVariable("complaintId", complaint.id());
    execution.setVariable(ComplaintIntake.CUSTOMER_NAME, customer.name());
    execution.setVariable(ComplaintIntake.CONTACT_NAME, complaint.contactName());
    execution.setVariable(ComplaintIntake.CONTACT_PHONE, complaint.contactPhone());
    execution.setVariable("responseDue", Date.from(complaint.responseDueAt()));
    execution.setVariable("resolutionDue", Date.from(complaint.resolutionDueAt()));
  }

  /**
   * The authenticated user who started the intake: this runs in the start's transaction, where history has
   * not been written yet; a later run (an operator's retry) finds the starter in history.
   */
  private static String receivedBy(DelegateExecution execution) {
    Authentication current = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (current != null && current.getUserId() != null) {
      return current.getUserId();
    }
    HistoricProcessInstance intake = execution.getProcessEngineServices().getHistoryService()
        .createHistoricProcessInstanceQuery().processInstanceId(execution.getProcessInstanceId()).singleResult();
    return intake == null ? null : intake.getStartUserId();
  }

  private Complaint register(DelegateExecution execution, ComplaintIntake in, String receivedBy) {
    String group = (String) execution.getVariable("responsibleGroup");
    Number responseHours = (Number) execution.getVariable("responseHours");
    Number resolutionHours = (Number) execution.getVariable("resolutionHours");
    if (group == null || responseHours == null || resolutionHours == null) {
      throw new ProcessEngineException("決策表 complaint-routing 沒有為類別「" + in.category() + "」與嚴重程度「"
          + in.severity() + "」決定負責部門與時限。");
    }
    long customerId;
    String contactName;
    String phone;
    String email;
    if (in.customerFileId() != null) {
      CustomerFile file = customers.find(in.customerFileId()).orElseThrow(
          () -> new ProcessEngineException("客戶編號 " + in.customerId() + " 不存在。"));
      customerId = file.id();
      // The contact given with the complaint wins; the file fills what was left out.
      contactName = in.contactName() != null ? in.contactName() : file.contactName();
      phone = in.contactPhone() != null ? in.contactPhone() : file.phone();
      email = in.contactEmail() != null ? in.contactEmail() : file.email();
    } else {
      customerId = customers.create(in.customerName(), in.contactName(), in.contactPhone(), in.contactEmail(),
          receivedBy);
      contactName = in.contactName();
      phone = in.contactPhone();
      email = in.contactEmail();
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    long id = complaints.createOnce(execution.getProcessInstanceId(), new NewComplaint(customerId, contactName, phone,
        email, in.category(), in.severity(), in.description(), in.contractNumber(), group, receivedBy, now,
        now.plus(Duration.ofHours(responseHours.longValue())), now.plus(Duration.ofHours(resolutionHours.longValue()))));
    return complaints.complaint(id);
  }
}
