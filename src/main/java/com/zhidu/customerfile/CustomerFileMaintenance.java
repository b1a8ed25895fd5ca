package com.zhidu.customerfile;

import com.zhidu.platform.Refusal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * 填寫客戶檔案 of customer-file (§3.3.1, §3.3.2), called by its task listeners
 * {@code ${customerFileMaintenance.prefill(task)}} and {@code ${customerFileMaintenance.saved(task)}}: shows the
 * file with its purchase history (signed contracts) and feedback, then saves what the CRM group entered, keeps the
 * feedback in the file and classifies the customer from the purchase history. Who saved it is the authenticated
 * user.
 */
@Component("customerFileMaintenance")
public class CustomerFileMaintenance {

  private final CustomerFileRepository files;
  private final CustomerClassifier classifier;

  public CustomerFileMaintenance(CustomerFileRepository files, CustomerClassifier classifier) {
    this.files = files;
    this.classifier = classifier;
  }

  public static String businessKey(long fileId) {
    return "CUST-" + fileId;
  }

  public void prefill(DelegateTask task) {
    DelegateExecution execution = task.getExecution();
    Object id = task.getVariable("customerFileId");
    String started = CustomerFileStart.text(task.getVariable("customerId"));
    if (id == null && started != null) {
      id = Long.valueOf(started);
    }
    execution.setVariable("feedbackNote", null);
    if (id == null) {
      execution.setVariable("customerClass", null);
      execution.setVariable("purchaseHistory", "新客戶,尚無已簽訂的合同。");
      execution.setVariable("feedbackHistory", "");
      return;
    }
    long fileId = ((Number) id).longValue();
    CustomerFile file = files.fileOf(fileId);
    execution.setVariable("customerFileId", fileId);
    execution.setVariable("customerName", file.name());
    execution.setVariable("customerClass", file.customerClass());
    execution.setVariable("contactName", file.contactName());
    execution.setVariable("phone", file.phone());
    execution.setVariable("email", file.email());
    execution.setVariable("contactBirthday", file.contactBirthday() == null ? null : file.contactBirthday().toString());
    execution.setVariable("preferences", file.preferences());
    execution.setVariable("purchaseHistory", files.purchaseHistory(fileId).summary());
    execution.setVariable("feedbackHistory", files.feedbackOf(fileId).stream().limit(20)
        .map(f -> f.recordedAt().atZone(files.zone()).toLocalDate() + " [" + source(f.source()) + "] " + f.note())
        .collect(Collectors.joining("\n")));
  }

  public void saved(DelegateTask task) {
    String name = text(task.getVariable("customerName"));
    String contact = text(task.getVariable("contactName"));
    String phone = text(task.getVariable("phone"));
    String email = text(task.getVariable("email"));
    List<Refusal.Error> errors = new ArrayList<>();
    if (name == null) {
      errors.add(new Refusal.Error("customerName", "請填寫客戶名稱。", "The customer's name is required."));
    }
    if (contact == null) {
      errors.add(new Refusal.Error("contactName", "請填寫聯絡人。", "The contact person is required."));
    }
    if (phone == null && email == null) {
      errors.add(new Refusal.Error("phone", "請提供聯絡電話或電子郵件。",
          "The contact is required: a phone number or an e-mail address."));
    }
    LocalDate birthday = null;
    String birthdayText = text(task.getVariable("contactBirthday"));
    if (birthdayText != null) {
      try {
        birthday = LocalDate.parse(birthdayText);
        if (birthday.isAfter(LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), files.zone()))) {
          errors.add(new Refusal.Error("contactBirthday", "生日不可晚於今天。", "The birthday cannot be in the future."));
        }
      } catch (DateTimeParseException e) {
        errors.add(new Refusal.Error("contactBirthday", "生日格式應為 YYYY-MM-DD。", "The birthday must be YYYY-MM-DD."));
      }
    }
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
    String user = user(task);
    Object id = task.getVariable("customerFileId");
    long fileId = id == null ? files.create(name, contact, phone, email, user) : ((Number) id).longValue();
    files.update(fileId, name, contact, phone, email, birthday, text(task.getVariable("preferences")), user);
    files.addFeedbackOnce(fileId, "file", task.getId(), text(task.getVariable("feedbackNote")), user);
    String customerClass = classifier.classify(fileId);
    DelegateExecution execution = task.getExecution();
    execution.setVariable("customerFileId", fileId);
    execution.setVariable("customerClass", customerClass);
    if (execution.getProcessBusinessKey() == null) {
      execution.setProcessBusinessKey(businessKey(fileId));
    }
  }

  static String source(String source) {
    return switch (source) {
      case "care" -> "客戶關懷";
      case "complaint" -> "客戶投訴";
      default -> "客戶檔案";
    };
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  private static String user(DelegateTask task) {
    Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
  }
}
