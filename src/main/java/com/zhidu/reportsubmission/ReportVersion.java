package com.zhidu.reportsubmission;

import java.time.Instant;

/** One version of a report's content; every version is kept (version 1 at submission, +1 per revision). */
public record ReportVersion(
    long reportId,
    int version,
    String title,
    String summary,
    String body,
    String documentLink,
    String createdBy,
    Instant createdAt) {}
