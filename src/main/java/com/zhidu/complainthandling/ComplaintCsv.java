package com.zhidu.complainthandling;

import com.zhidu.platform.Csv;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Complaints as CSV for spreadsheets, one complaint per row (BOM and formula-safe cells: {@link Csv}). */
final class ComplaintCsv {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private ComplaintCsv() {}

  static String of(List<Complaint> complaints, ZoneId zone) {
    StringBuilder csv = new StringBuilder(Csv.BOM);
    row(csv, "投訴編號", "受理時間", "聯絡人", "合同編號", "類別", "嚴重程度", "負責部門", "狀態", "回應逾期", "解決逾期",
        "重新處理次數", "解決時數");
    for (Complaint c : complaints) {
      row(csv, String.valueOf(c.id()), time(c.receivedAt(), zone), c.contactName(), c.contractNumber(), c.category(),
          c.severity(), c.responsibleGroup(), c.status(), c.responseBreachedAt() != null ? "是" : "否",
          c.resolutionBreachedAt() != null ? "是" : "否", String.valueOf(c.reopenCount()),
          c.closedAt() == null ? "" : String.valueOf(
              Math.round(Duration.between(c.receivedAt(), c.closedAt()).toMillis() / 360_000.0) / 10.0));
    }
    return csv.toString();
  }

  private static void row(StringBuilder csv, String... cells) {
    Csv.row(csv, cells);
  }

  private static String time(Instant instant, ZoneId zone) {
    return instant == null ? "" : TIME.format(instant.atZone(zone));
  }
}
