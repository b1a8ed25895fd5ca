package com.zhidu.salescontract;

import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * On completing 擬定合同 and 修改合同: every term the regulation requires (§3.2.4) is present and consistent
 * ({@link ContractTerms}). Runs synchronously in the completion's transaction, so a refused draft stays open
 * with the user's input and nothing is saved.
 */
@Component("contractTermsCheck")
public class ContractTermsCheck implements TaskListener {

  private final SalesContractRepository contracts;
  private final ZoneId zone;

  public ContractTermsCheck(SalesContractRepository contracts, @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.contracts = contracts;
    this.zone = zone;
  }

  @Override
  public void notify(DelegateTask task) {
    ContractTerms.read(task, today(), contracts::customerExists);
  }

  LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
  }
}
