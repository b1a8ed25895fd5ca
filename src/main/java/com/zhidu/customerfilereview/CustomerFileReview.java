package com.zhidu.customerfilereview;

import com.zhidu.customerfile.CustomerClassifier;
import com.zhidu.customerfile.CustomerFile;
import com.zhidu.customerfile.CustomerFileRepository;
import com.zhidu.platform.Refusal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * 覆核客戶檔案 completed (§3.3.2): writes the checked contact data to the customer file and classifies it with
 * the decision customer-class from its purchase history (signed contracts, {@link CustomerClassifier}). Called by the task listener
 * {@code ${customerFileReview.reviewed(task)}} of customer-file-review.
 */
@Component("customerFileReview")
public class CustomerFileReview {

  private final CustomerFileRepository files;
  private final CustomerClassifier classifier;

  public CustomerFileReview(CustomerFileRepository files, CustomerClassifier classifier) {
    this.files = files;
    this.classifier = classifier;
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
    review.setVariableLocal("purchaseHistory", files.purchaseHistory(file.id()).summary());
  }

  public void reviewed(DelegateTask task) {
    long id = ((Number) task.getVariable("customerFileId")).longValue();
    CustomerFile file = files.fileOf(id);
    files.review(id, (String) task.getVariable("contactName"), (String) task.getVariable("phone"),
        (String) task.getVariable("email"), birthday(task.getVariable("contactBirthday")),
        (String) task.getVariable("preferences"), file.customerClass());
    // The class comes from the purchase history of signed contracts, never from figures typed in.
    classifier.classify(id);
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
