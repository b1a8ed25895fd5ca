package com.zhidu.reportsubmission;

import java.time.Instant;

/** A person the approved report is fed back to (§3.1.5), and their acknowledgement (閱知). */
public record ReportRecipient(
    long reportId,
    String recipient,
    Instant acknowledgedAt,
    String acknowledgedBy,
    String feedback) {}
