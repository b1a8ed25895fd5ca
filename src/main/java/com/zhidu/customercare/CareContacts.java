package com.zhidu.customercare;

import com.zhidu.customerfile.CustomerFile;
import com.zhidu.customerfile.CustomerFileRepository;
import com.zhidu.platform.Refusal;
import com.zhidu.salesopportunity.OpportunityRequests;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 客戶關懷聯繫 of customer-care (§3.3.3), called by its BPMN: {@code ${careContacts.dueDateOf(careContactId)}} (the
 * occasion's date, end of day), {@code prefill(task)} shows the customer and the planned contact,
 * {@code done(task)} records the outcome in {@code care_contact} and what the customer said in the customer file,
 * and checks a raised opportunity (§3.3.5). Form values are local to each contact's execution, so the parallel
 * contacts of one run do not overwrite each other.
 */
@Component("careContacts")
public class CareContacts {

  static final Set<String> CHANNELS = Set.of("phone", "email", "sms", "visit");

  private final CareContactRepository contacts;
  private final CustomerFileRepository files;
  private final OpportunityRequests opportunityRequests;

  public CareContacts(CareContactRepository contacts, CustomerFileRepository files,
      OpportunityRequests opportunityRequests) {
    this.contacts = contacts;
    this.files = files;
    this.opportunityRequests = opportunityRequests;
  }

  public Date dueDateOf(Object careContactId) {
    CareContact contact = contacts.contact(((Number) careContactId).longValue());
    return Date.from(contact.dueOn().plusDays(1).atStartOfDay(files.zone()).minusMinutes(1).toInstant());
  }

  /** The customer file a contact is with (for the opportunity it may raise). */
  public long customerOf(Object careContactId) {
    return contacts.contact(((Number) careContactId).longValue()).customerId();
  }

  public void prefill(DelegateTask task) {
    CareContact contact = contacts.contact(((Number) task.getVariable("careContactId")).longValue());
    CustomerFile file = files.fileOf(contact.customerId());
    DelegateExecution execution = task.getExecution();
    execution.setVariableLocal("customerName", file.name());
    execution.setVariableLocal("customerClass", contact.customerClass());
    execution.setVariableLocal("contactName", file.contactName());
    execution.setVariableLocal("phone", file.phone());
    execution.setVariableLocal("email", file.email());
    execution.setVariableLocal("preferences", file.preferences());
    execution.setVariableLocal("occasion", contact.occasion());
    execution.setVariableLocal("holiday", contact.holiday());
    execution.setVariableLocal("dueOn", contact.dueOn().toString());
    execution.setVariableLocal("plannedChannel", contact.channel());
    execution.setVariableLocal("channelUsed", contact.channel());
    for (String input : List.of("contactResult", "outcome", "customerFeedback", OpportunityRequests.NEED,
        OpportunityRequests.SOLUTION, OpportunityRequests.OWNER)) {
      execution.setVariableLocal(input, null);
    }
    execution.setVariableLocal(OpportunityRequests.RAISE, false);
  }

  public void done(DelegateTask task) {
    List<Refusal.Error> errors = new ArrayList<>();
    Object channel = task.getVariable("channelUsed");
    if (channel == null || !CHANNELS.contains(channel.toString())) {
      errors.add(new Refusal.Error("channelUsed", "請選擇實際聯繫方式。", "Choose the channel used."));
    }
    Object result = task.getVariable("contactResult");
    if (!"reached".equals(result) && !"notReached".equals(result)) {
      errors.add(new Refusal.Error("contactResult", "請選擇聯繫結果。", "Record whether the customer was reached."));
    }
    Object outcome = task.getVariable("outcome");
    if (outcome == null || outcome.toString().isBlank()) {
      errors.add(new Refusal.Error("outcome", "請填寫聯繫內容與結果。", "Describe the contact and its outcome."));
    }
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
    opportunityRequests.check(task);
    long id = ((Number) task.getVariable("careContactId")).longValue();
    String user = user(task);
    contacts.recordOutcome(id, channel.toString(), "reached".equals(result), outcome.toString(), user);
    long customerId = contacts.contact(id).customerId();
    Object said = task.getVariable("customerFeedback");
    files.addFeedbackOnce(customerId, "care", task.getId(), said == null ? null : said.toString(), user);
    files.touch(customerId);
  }

  private static String user(DelegateTask task) {
    Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
  }
}
