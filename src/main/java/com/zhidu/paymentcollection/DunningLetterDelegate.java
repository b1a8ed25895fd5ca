package com.zhidu.paymentcollection;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.documents.Documents;
import com.zhidu.platform.documents.StoredDocument;
import com.zhidu.salescontract.ContractTerms;
import com.zhidu.salescontract.ContractVersion;
import com.zhidu.salescontract.Customer;
import com.zhidu.salescontract.SalesContractRepository;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * 發出催款函 (§3.2.6): renders the dunning letter of an overdue instalment as a Traditional Chinese PDF through
 * the documents mechanism (kind {@code dunningLetter}, linked to the collection case) and records what it
 * states in {@code sales_dunning_letter} with the document's id. Once per instalment: the idempotency key
 * {@code dunningLetter:<contract id>:<instalment>} makes a retried job neither render nor write twice. Runs
 * behind asyncBefore with retries: a rendering failure becomes retries, then an incident.
 * {@link #linkOf} gives the visit and legal-action tasks the letter's link.
 */
@Component("sendDunningLetter")
public class DunningLetterDelegate implements JavaDelegate {

  public static final String KIND = "dunningLetter";

  private final SalesContractRepository contracts;
  private final PaymentSchedule schedule;
  private final PaymentRepository payments;
  private final Documents documents;
  private final OrganizationService organization;
  private final String publicUrl;

  public DunningLetterDelegate(SalesContractRepository contracts, PaymentSchedule schedule, PaymentRepository payments,
      Documents documents, OrganizationService organization, @Value("${zhidu.public-url:}") String publicUrl) {
    this.contracts = contracts;
    this.schedule = schedule;
    this.payments = payments;
    this.documents = documents;
    this.organization = organization;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long contractId = ((Number) execution.getVariable("contractId")).longValue();
    int instalmentNo = ((Number) execution.getVariable("instalmentNo")).intValue();
    if (payments.dunningLetter(contractId, instalmentNo).isPresent()) {
      return;
    }
    ContractVersion signed = contracts.signedVersion(contractId);
    ContractTerms.Instalment instalment = schedule.instalment(contractId, instalmentNo);
    Customer customer = contracts.customer(signed.customerId());
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(contracts.zone()).toLocalDate();
    String drafter = contracts.drafterOf(contractId);
    PaymentRepository.DunningLetter letter = new PaymentRepository.DunningLetter(contractId, instalmentNo,
        contracts.contract(contractId).contractNo(), customer.name(), signed.currency(), instalment.dueDate(),
        schedule.outstandingMinor(contractId, instalmentNo),
        (int) Math.max(0, ChronoUnit.DAYS.between(instalment.dueDate(), today)), null);
    DunningLetterDocument text = new DunningLetterDocument(letter, signed.title(), signed.sellerParty(),
        customer.contact(), drafter == null ? null : organization.displayName(drafter), instalment.amountMinor(),
        payments.paidMinor(contractId, instalmentNo), today);
    StoredDocument pdf = documents.pdfOnce(execution, KIND, text.fileName(),
        KIND + ":" + contractId + ":" + instalmentNo, text::toHtml);
    payments.addDunningLetterOnce(new PaymentRepository.DunningLetter(letter.contractId(), letter.instalmentNo(),
        letter.contractNo(), letter.customerName(), letter.currency(), letter.dueDate(), letter.overdueAmountMinor(),
        letter.daysOverdue(), pdf.id()));
  }

  /** The letter's download link for a task form (§3.2.6), or null before the letter exists. */
  public String linkOf(long contractId, int instalmentNo) {
    return payments.dunningLetter(contractId, instalmentNo).map(PaymentRepository.DunningLetter::documentId)
        .map(id -> publicUrl + StoredDocument.URL_PREFIX + id).orElse(null);
  }
}
