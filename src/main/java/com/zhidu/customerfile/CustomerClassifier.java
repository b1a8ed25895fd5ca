package com.zhidu.customerfile;

import com.zhidu.platform.CaseParticipants;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * Classifies a customer file by value and purchase frequency (§3.3.2) with the decision customer-class, from
 * the purchase history computed from signed contracts — never from figures someone typed in.
 */
@Component
public class CustomerClassifier {

  private final CustomerFileRepository files;
  private final DecisionService decisions;
  private final CaseParticipants participants;

  public CustomerClassifier(CustomerFileRepository files, DecisionService decisions, CaseParticipants participants) {
    this.files = files;
    this.decisions = decisions;
    this.participants = participants;
  }

  /** Computes the purchase history, evaluates customer-class and stores the class; returns the class. */
  public String classify(long customerId) {
    PurchaseHistory history = files.purchaseHistory(customerId);
    String customerClass = classOf(history);
    files.setClass(customerId, customerClass);
    return customerClass;
  }

  public String classOf(PurchaseHistory history) {
    Map<String, Object> figures = Map.of("annualPurchaseAmount", history.annualPurchaseAmount(),
        "purchasesPerYear", history.purchasesLast12Months());
    // The CRM staff may not evaluate decisions directly; classifying is part of the file work they may do.
    return participants.withoutAuthorization(() -> (String) decisions.evaluateDecisionTableByKey("customer-class",
        figures).getSingleResult().getSingleEntry());
  }
}
