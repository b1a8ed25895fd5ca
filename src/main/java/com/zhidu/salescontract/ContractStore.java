package com.zhidu.salescontract;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What storing a draft and storing a revision share: the terms as checked at completion, and the customer
 * (a new one is entered into the customer file once, then referred to by id).
 */
@Component
class ContractStore {

  static final String CONTRACT_ID = "contractId";
  static final String CONTRACT_NO = "contractNo";

  private final SalesContractRepository contracts;

  ContractStore(SalesContractRepository contracts) {
    this.contracts = contracts;
  }

  /**
   * The terms were checked against today's date when the task was completed; this job may run later (a
   * retry), so dates are not checked against the clock again here.
   */
  ContractTerms terms(DelegateExecution execution) {
    return ContractTerms.read(execution, LocalDate.MIN, contracts::customerExists);
  }

  /**
   * The customer's id; a new customer is created and the form's new-customer fields replaced by its id, so
   * the next revision refers to it instead of creating it again. A failed job rolls the insert back.
   */
  long customerOf(DelegateExecution execution, ContractTerms terms, String user) {
    if (terms.customerId() != null) {
      return terms.customerId();
    }
    long id = contracts.createCustomer(terms.newCustomer(), user);
    execution.setVariable(ContractTerms.CUSTOMER_ID, id);
    for (String field : new String[] {ContractTerms.NEW_CUSTOMER_NAME, ContractTerms.NEW_CUSTOMER_CONTACT,
        ContractTerms.NEW_CUSTOMER_PHONE, ContractTerms.NEW_CUSTOMER_EMAIL}) {
      execution.setVariable(field, null);
    }
    return id;
  }
}
