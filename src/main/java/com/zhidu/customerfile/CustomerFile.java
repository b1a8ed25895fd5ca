package com.zhidu.customerfile;

import java.time.Instant;
import java.time.LocalDate;

/** A customer file (客戶檔案, §3.3.1) as recorded in table {@code customer}. */
public record CustomerFile(long id, String name, String contactName, String phone, String email, String customerClass,
    LocalDate contactBirthday, String preferences, Instant createdAt, String createdBy, Instant updatedAt,
    Instant lastReviewedAt) {}
