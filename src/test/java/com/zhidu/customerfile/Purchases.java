package com.zhidu.customerfile;

import com.zhidu.salescontract.ContractTerms;
import com.zhidu.salescontract.SalesContractRepository;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Signed contracts of a given customer, written straight into the sales tables (what sales-contract leaves). */
public final class Purchases {

  private Purchases() {}

  /** A contract in {@code currency} worth {@code valueMinor}, signed on {@code signedOn}; returns its id. */
  public static long signed(SalesContractRepository contracts, long customerId, LocalDate signedOn, String currency,
      long valueMinor) {
    ContractTerms terms = new ContractTerms("採購合同 " + signedOn, customerId, null, "智度科技股份有限公司", "客戶",
        "按期交貨,按期付款。", List.of(new ContractTerms.LineItem(1, "工業控制器 X200", 1, valueMinor)), currency,
        valueMinor, signedOn.plusMonths(1), List.of(new ContractTerms.Instalment(1, signedOn.plusMonths(2), valueMinor)),
        "direct", false, false);
    long id = contracts.createOnce("test-" + UUID.randomUUID(), customerId, "sunli");
    contracts.addVersionOnce(id, 1, customerId, terms, "sunli");
    contracts.markSigned(id, 1, signedOn, "我方 孫麗;客戶方 林經理", "sunli");
    return id;
  }

  /** A contract still in review: not a purchase. */
  public static long inReview(SalesContractRepository contracts, long customerId, LocalDate draftedOn, long valueMinor) {
    ContractTerms terms = new ContractTerms("草擬中合同", customerId, null, "智度科技股份有限公司", "客戶", "按期交貨。",
        List.of(new ContractTerms.LineItem(1, "工業控制器 X200", 1, valueMinor)), "TWD", valueMinor,
        draftedOn.plusMonths(1), List.of(new ContractTerms.Instalment(1, draftedOn.plusMonths(2), valueMinor)),
        "direct", false, false);
    long id = contracts.createOnce("test-" + UUID.randomUUID(), customerId, "sunli");
    contracts.addVersionOnce(id, 1, customerId, terms, "sunli");
    return id;
  }
}
