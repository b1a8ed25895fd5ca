package com.zhidu.reportsubmission;

import java.time.Instant;

/** A submitted report (§3.1.5, §3.4.4); its content is in {@link ReportVersion}. */
public record Report(
    long id,
    String processInstanceId,
    String kind,
    String period,
    String author,
    String area,
    String status,
    Instant submittedAt,
    Instant approvedAt,
    Integer approvedVersion) {

  public static final String IN_REVIEW = "inReview";
  public static final String APPROVED = "approved";
}
