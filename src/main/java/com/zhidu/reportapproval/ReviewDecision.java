package com.zhidu.reportapproval;

import java.time.Instant;

/** One decision of a review stage, as recorded in {@code review_decision}. */
public record ReviewDecision(
    String taskId,
    String processInstanceId,
    String stage,
    String decision,
    String comment,
    String decidedBy,
    Instant decidedAt,
    String subjectType,
    String subjectId,
    Integer subjectVersion) {

  public static final String APPROVED = "approved";
  public static final String REJECTED = "rejected";

  public boolean approved() {
    return APPROVED.equals(decision);
  }
}
