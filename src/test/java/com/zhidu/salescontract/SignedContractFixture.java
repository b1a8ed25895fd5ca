package com.zhidu.salescontract;

import java.time.LocalDate;
import java.util.List;

/** Builds a signed contract directly in the domain tables, for the processes that follow signing. */
public final class SignedContractFixture {

  private SignedContractFixture() {}

  /**
   * A signed TWD contract drafted by sunli: one line item per instalment amount, delivery on {@code delivery},
   * instalments as given (due date, amount in minor units).
   */
  public static SalesContract signed(SalesContractRepository contracts, String caseId, LocalDate delivery,
      boolean needsProduction, boolean needsInstallation, List<ContractTerms.Instalment> instalments) {
    long customerId = contracts.createCustomer(
        new ContractTerms.NewCustomer("測試客戶 " + caseId, "林經理", "02-1234-5678", null), "sunli");
    long total = instalments.stream().mapToLong(ContractTerms.Instalment::amountMinor).sum();
    ContractTerms terms = new ContractTerms("測試合同 " + caseId, customerId, null, "智度科技股份有限公司",
        "測試客戶 " + caseId, "按期交貨,按期付款。", List.of(new ContractTerms.LineItem(1, "工業控制器 X200", 1, total)),
        "TWD", total, delivery, instalments, "direct", needsProduction, needsInstallation);
    long id = contracts.createOnce(caseId, customerId, "sunli");
    contracts.addVersionOnce(id, 1, customerId, terms, "sunli");
    contracts.markSigned(id, 1, LocalDate.now(contracts.zone()), "我方 孫麗;客戶方 林經理", "sunli");
    return contracts.contract(id);
  }
}
