package com.zhidu.salescontract;

import com.zhidu.platform.Refusal;
import com.zhidu.reportapproval.ReviewDecisionRepository;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completing 簽訂合同: records the signing date and the signatories with the authenticated user, and the
 * contract becomes signed (§3.2.4). As a last fence it refuses to sign a version legal has not approved:
 * no path may skip the legal review.
 */
@Component("contractSigningRecorder")
public class ContractSigningRecorder implements TaskListener {

  static final String SIGNING_DATE = "signingDate";
  static final String SIGNATORIES = "signatories";
  static final String LEGAL_REVIEW = "legalReview";

  private final SalesContractRepository contracts;
  private final ReviewDecisionRepository decisions;
  private final ContractTermsCheck clock;

  public ContractSigningRecorder(SalesContractRepository contracts, ReviewDecisionRepository decisions,
      ContractTermsCheck clock) {
    this.contracts = contracts;
    this.decisions = decisions;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    SalesContract contract = contracts.findByCase(task.getProcessInstanceId()).orElseThrow();
    int version = contracts.latestVersionOf(contract.id());
    boolean legallyApproved = decisions.decisionsAbout(StoreRevisedContractDelegate.SUBJECT_TYPE,
            String.valueOf(contract.id())).stream()
        .anyMatch(d -> LEGAL_REVIEW.equals(d.stage()) && d.approved() && Integer.valueOf(version).equals(d.subjectVersion()));
    if (!legallyApproved) {
      throw Refusal.of(409, null, "合同第" + version + "版尚未經法務部門審核通過,不可簽訂(§3.2.4)",
          "version " + version + " of the contract has not been approved by legal (§3.2.4)");
    }
    List<Refusal.Error> errors = new ArrayList<>();
    LocalDate signingDate = null;
    String date = ContractTerms.text(task, SIGNING_DATE);
    if (date == null) {
      errors.add(new Refusal.Error(SIGNING_DATE, "請填寫「簽訂日期」", "signingDate is required"));
    } else {
      try {
        signingDate = LocalDate.parse(date.length() > 10 ? date.substring(0, 10) : date);
        if (signingDate.isAfter(clock.today())) {
          errors.add(new Refusal.Error(SIGNING_DATE, "「簽訂日期」不可晚於今天", "signingDate may not be in the future"));
        }
      } catch (DateTimeParseException e) {
        errors.add(new Refusal.Error(SIGNING_DATE, "「簽訂日期」必須是日期(YYYY-MM-DD)", "signingDate must be a date"));
      }
    }
    String signatories = ContractTerms.text(task, SIGNATORIES);
    if (signatories == null) {
      errors.add(new Refusal.Error(SIGNATORIES, "請填寫「簽約代表」", "signatories are required"));
    } else if (signatories.length() > 1000) {
      errors.add(new Refusal.Error(SIGNATORIES, "「簽約代表」不可超過1000字", "signatories longer than 1000"));
    }
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String signedBy = authentication != null && authentication.getUserId() != null ? authentication.getUserId()
        : task.getAssignee();
    contracts.markSigned(contract.id(), version, signingDate, signatories, signedBy);
  }
}
