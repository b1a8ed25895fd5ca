package com.zhidu.customerfile;

import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Start of customer-file (§3.3.1): either the number of an existing file (edit) or the name of a new customer
 * (create), not both. Refuses at the start event, so nothing is written; an edit gets the business key
 * {@code CUST-<id>} at once, a new file when it is saved.
 */
@Component("customerFileStart")
public class CustomerFileStart implements ExecutionListener {

  private final CustomerFileRepository files;

  public CustomerFileStart(CustomerFileRepository files) {
    this.files = files;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Authentication starter = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (starter == null || starter.getUserId() == null) {
      throw Refusal.of(401, null, "維護客戶檔案必須先登入。", "Authentication required to maintain a customer file.");
    }
    String id = text(execution.getVariable("customerId"));
    String name = text(execution.getVariable("customerName"));
    if (id != null && name != null) {
      throw Refusal.of(400, "customerId", "修改既有檔案請只填客戶編號;建立新檔案請只填客戶名稱。",
          "Give either the number of an existing file or the name of a new customer, not both.");
    }
    if (id == null && name == null) {
      throw Refusal.of(400, "customerName", "請填寫既有檔案的客戶編號,或新客戶的名稱。",
          "Give the number of an existing file or the name of a new customer.");
    }
    if (id != null) {
      if (!id.matches("[0-9]{1,18}") || files.find(Long.parseLong(id)).isEmpty()) {
        throw Refusal.of(400, "customerId", "客戶編號 " + id + " 不存在。", "There is no customer file " + id + ".");
      }
      // The file's number becomes the variable customerFileId when the form is shown (a start may set no
      // variable its form does not declare).
      execution.setProcessBusinessKey(CustomerFileMaintenance.businessKey(Long.parseLong(id)));
    }
  }

  static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
