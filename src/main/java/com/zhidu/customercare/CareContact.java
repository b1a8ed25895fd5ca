package com.zhidu.customercare;

import java.time.Instant;
import java.time.LocalDate;

/** One contact of a care plan (客戶關懷, §3.3.3) as recorded in table {@code care_contact}. */
public record CareContact(long id, long customerId, String occasion, String holiday, String channel, LocalDate dueOn,
    String customerClass, String processInstanceId, String status, String channelUsed, Boolean reached,
    String outcome, String doneBy, Instant doneAt) {

  public static final String OPEN = "open";
  public static final String DONE = "done";
}
