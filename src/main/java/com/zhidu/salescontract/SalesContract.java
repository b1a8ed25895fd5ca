package com.zhidu.salescontract;

import java.time.Instant;
import java.time.LocalDate;

/** A sales contract (§3.2.4); its terms per version are in {@link ContractVersion}. */
public record SalesContract(
    long id,
    String processInstanceId,
    String contractNo,
    long customerId,
    String drafter,
    String status,
    Instant createdAt,
    Integer signedVersion,
    LocalDate signingDate,
    String signatories,
    String signedBy,
    Instant signedAt) {

  public static final String IN_REVIEW = "inReview";
  public static final String SIGNED = "signed";
}
