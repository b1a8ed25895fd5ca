package com.zhidu.salesopportunity;

import java.time.Instant;

/** A sales opportunity (銷售商機, §3.3.5) as recorded in table {@code opportunity}. */
public record Opportunity(long id, long customerId, String source, String sourceRef, String need,
    String proposedSolution, String owner, String raisedBy, Instant raisedAt, String processInstanceId, String status,
    String outcomeNote, String followedUpBy, Instant closedAt) {

  public static final String OPEN = "open";
  public static final String CARE = "care";
  public static final String COMPLAINT = "complaint";
}
