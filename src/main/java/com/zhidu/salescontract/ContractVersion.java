package com.zhidu.salescontract;

import java.time.Instant;
import java.time.LocalDate;

/** One version of a contract's terms; every version is kept (1 when drafted, +1 per revision). */
public record ContractVersion(
    long contractId,
    int version,
    String title,
    long customerId,
    String sellerParty,
    String buyerParty,
    String rightsAndObligations,
    String currency,
    long contractValueMinor,
    LocalDate deliveryDate,
    String salesChannel,
    boolean needsProduction,
    boolean needsInstallation,
    String createdBy,
    Instant createdAt) {

  /** The value in major units, for the approval decision table. */
  public double contractValue() {
    return Money.major(contractValueMinor);
  }
}
