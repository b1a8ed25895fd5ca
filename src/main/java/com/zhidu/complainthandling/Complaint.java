package com.zhidu.complainthandling;

import java.time.Instant;

/** One complaint (客戶投訴, §3.3.4) as recorded in table {@code complaint}. */
public record Complaint(long id, String processInstanceId, long customerId, String contactName, String contactPhone,
    String contactEmail, String category, String severity, String description, String contractNumber,
    String responsibleGroup, Instant receivedAt, String receivedBy, Instant responseDueAt, Instant resolutionDueAt,
    Instant respondedAt, Instant responseBreachedAt, Instant resolutionBreachedAt, int reopenCount, String rootCause,
    String status, String disputeReason, String disputeClosedBy, Instant closedAt) {

  public static final String OPEN = "open";
  public static final String CLOSED = "closed";
  /** Closed by the manager without the customer's satisfaction (以爭議結案). */
  public static final String DISPUTE = "dispute";

  /** The SLA was missed when either deadline passed without a response / resolution. */
  public boolean slaBreached() {
    return responseBreachedAt != null || resolutionBreachedAt != null;
  }

  public boolean isFinished() {
    return closedAt != null;
  }
}
