package com.zhidu.customerfilereview;

import com.zhidu.customerfile.CustomerFile;
import com.zhidu.customerfile.CustomerFileRepository;
import com.zhidu.platform.CaseParticipants;
import com.zhidu.platform.Refusal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * 覆核客戶檔案 completed (§3.3.2): writes the checked contact data to the customer file and classifies it with
 * the decision customer-class from the purchase figures the reviewer entered. Called by the task listener
 * {@code ${customerFileReview.reviewed(task)}} of customer-file-review.
 */
@Component("customerFileReview")
public class CustomerFileReview {

  private final CustomerFileRepository files;
  private final DecisionService decisions;
  private final CaseParticipants participants;

  public CustomerFileReview(CustomerFileRepository files, DecisionService decisions, CaseParticipants participants) {
    this.files = files;
    this.decisions = decisions;
    this.participants = participants;
  }

  /**
   * Shows the file's current data in the form. Local to this review's execution (where a completion writes
   * the submitted values), so the parallel reviews of different files do not overwrite each other's fields.
   */
  public void prefill(DelegateTask task) {
    DelegateExecution review = task.getExecution();
    CustomerFile file = files.fileOf(((Number) task.getVariable("customerFileId")).longValue());
    review.setVariableLocal("customerName", file.name());
    review.setVariableLocal("customerClass", file.customerClass());
    review.setVariableLocal("contactName", file.contactName());
    review.setVariableLocal("phone", file.phone());
    review.setVariableLocal("email", file.email());
    review.setVariableLocal("contactBirthday", file.contactBirthday() == null ? null : file.contactBirthday().toString());
    review.setVariableLocal("preferences", file.preferences());
    review.setVariableLocal("annualPurchaseAmount", null);
    review.setVariableLocal("purchasesPerYear", null);
  }

  public void reviewed(DelegateTask task) {
    long id = ((Number) task.getVariable("customerFileId")).longValue();
    Map<String, Object> figures = new HashMap<>();
    figures.put("annualPurchaseAmount", number(task.getVariable("annualPurchaseAmount")).doubleValue());
    figures.put("purchasesPerYear", number(task.getVariable("purchasesPerYear")).intValue());
    // The CRM staff may not evaluate decisions directly; classifying is part of the review they may do.
    String customerClass = participants.withoutAuthorization(() -> (String) decisions
        .evaluateDecisionTableByKey("customer-class", figures).getSingleResult().getSingleEntry());
    files.review(id, (String) task.getVariable("contactName"), (String) task.getVariable("phone"),
        (String) task.getVariable("email"), birthday(task.getVariable("contactBirthday")),
        (String) task.getVariable("preferences"), customerClass);
  }

  private static Number number(Object value) {
    if (value instanceof Number number && number.doubleValue() >= 0) {
      return number;
    }
    throw Refusal.of(400, null, "請填寫近12個月的購買金額與次數(不可為負數)。",
        "Enter the purchase amount and count of the last twelve months (not negative).");
  }

  private static LocalDate birthday(Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.toString());
    } catch (DateTimeParseException e) {
      throw Refusal.of(400, "contactBirthday", "生日格式應為 YYYY-MM-DD。", "The birthday must be YYYY-MM-DD.");
    }
  }
}
