package com.zhidu.complainthandling;

import com.zhidu.customerfile.CustomerFile;
import com.zhidu.customerfile.CustomerFileRepository;
import com.zhidu.platform.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The intake rules the form cannot express (§3.3.4 記錄投訴內容與客戶聯系方式): an existing customer file
 * number must exist; a new customer needs a name and a contact person; there must be a way to reach the
 * contact (phone or e-mail, given now or in the file). The one check for both ways in: Tasklist's start
 * form and {@code POST /zhidu/api/complaints}, which starts the same process. Runs at the start event, so a
 * refusal (HTTP 400) leaves nothing written.
 */
@Component("complaintIntakeCheck")
public class ComplaintIntakeCheck implements ExecutionListener {

  private final CustomerFileRepository customers;

  public ComplaintIntakeCheck(CustomerFileRepository customers) {
    this.customers = customers;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Authentication starter = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (starter == null || starter.getUserId() == null) {
      throw Refusal.of(401, null, "受理投訴必須先登入。", "Authentication required to record a complaint.");
    }
    check(ComplaintIntake.of(execution));
  }

  /** Refuses the intake with every problem found, each naming its field. */
  public void check(ComplaintIntake intake) {
    List<Refusal.Error> errors = new ArrayList<>();
    if (intake.description() == null) {
      errors.add(new Refusal.Error(ComplaintIntake.DESCRIPTION, "請填寫投訴內容。", "The complaint content is required."));
    }
    if (intake.category() == null) {
      errors.add(new Refusal.Error(ComplaintIntake.CATEGORY, "請選擇投訴類別。", "The category is required."));
    }
    if (intake.severity() == null) {
      errors.add(new Refusal.Error(ComplaintIntake.SEVERITY, "請選擇嚴重程度。", "The severity is required."));
    }
    Optional<CustomerFile> file = Optional.empty();
    if (intake.customerId() != null) {
      file = intake.customerId().matches("[0-9]{1,18}") ? customers.find(intake.customerFileId()) : Optional.empty();
      if (file.isEmpty()) {
        errors.add(new Refusal.Error(ComplaintIntake.CUSTOMER_ID, "客戶編號 " + intake.customerId() + " 不存在。",
            "There is no customer file " + intake.customerId() + "."));
      }
    } else {
      if (intake.customerName() == null) {
        errors.add(new Refusal.Error(ComplaintIntake.CUSTOMER_NAME, "新客戶請填寫客戶名稱。",
            "A new customer needs a name."));
      }
      if (intake.contactName() == null) {
        errors.add(new Refusal.Error(ComplaintIntake.CONTACT_NAME, "新客戶請填寫聯絡人。",
            "A new customer needs a contact person."));
      }
    }
    boolean reachableNow = intake.contactPhone() != null || intake.contactEmail() != null;
    boolean reachableFromFile = file.map(f -> f.phone() != null || f.email() != null).orElse(false);
    if (!reachableNow && !reachableFromFile && (intake.customerId() == null || file.isPresent())) {
      errors.add(new Refusal.Error(ComplaintIntake.CONTACT_PHONE, "請提供客戶的聯絡電話或電子郵件。",
          "The customer's contact is required: a phone number or an e-mail address."));
    }
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
  }
}
