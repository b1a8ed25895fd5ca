package com.zhidu.audit.conformance;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * §3.3.4 after the fact, over complaints closed in the period: a complaint closed normally ({@code closed}) has
 * a root cause, a corrective action done, and a result feedback in which the customer was satisfied; one
 * closed as a dispute ({@code dispute}) has a reason and was closed by a member of {@code deptManager}.
 * Department: the complaint's {@code responsible_group}.
 */
@Component
public class ComplaintClosedWithRootCauseAndSatisfaction implements ConformanceRule {

  static final String DISPUTE_GROUP = "deptManager";

  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;

  public ComplaintClosedWithRootCauseAndSatisfaction(ProcessEngine engine, JdbcTemplate jdbc) {
    this.engine = engine;
    this.jdbc = jdbc;
  }

  @Override
  public String clause() {
    return "§3.3.4";
  }

  @Override
  public String descriptionZh() {
    return "結案的投訴須有根本原因、已完成的矯正措施及客戶滿意的回饋；爭議結案須有理由並由部門經理決定";
  }

  @Override
  public String descriptionEn() {
    return "Closed complaints have a root cause, a completed corrective action and a satisfied customer;"
        + " dispute closures have a reason and a department manager";
  }

  @Override
  public Verdict check(Instant from, Instant to) {
    Set<String> checked = new TreeSet<>();
    List<Finding> findings = new ArrayList<>();
    Map<String, String> departments = new HashMap<>();
    Set<String> managers = new TreeSet<>();
    engine.getIdentityService().createUserQuery().memberOfGroup(DISPUTE_GROUP).list().forEach(u -> managers.add(u.getId()));
    for (Map<String, Object> complaint : jdbc.queryForList("select c.id, c.process_instance_id, c.status, c.root_cause,"
        + " c.dispute_reason, c.dispute_closed_by, c.responsible_group,"
        + " (select count(*) from corrective_action a where a.complaint_id = c.id and a.status = 'done') as actions_done,"
        + " (select count(*) from complaint_feedback f where f.complaint_id = c.id and f.kind = 'result'"
        + " and f.satisfied = true) as satisfied"
        + " from complaint c where c.closed_at >= ? and c.closed_at < ? and c.status in ('closed', 'dispute')",
        Timestamp.from(from), Timestamp.from(to))) {
      String caseId = (String) complaint.get("process_instance_id");
      checked.add(caseId);
      departments.put(caseId, (String) complaint.get("responsible_group"));
      List<String> zh = new ArrayList<>();
      List<String> en = new ArrayList<>();
      if ("dispute".equals(complaint.get("status"))) {
        if (blank(complaint.get("dispute_reason"))) {
          zh.add("爭議結案沒有理由");
          en.add("dispute closed without a reason");
        }
        if (!managers.contains((String) complaint.get("dispute_closed_by"))) {
          zh.add("爭議結案人 " + complaint.get("dispute_closed_by") + " 不屬部門經理");
          en.add("dispute closed by " + complaint.get("dispute_closed_by") + ", not in deptManager");
        }
      } else {
        if (blank(complaint.get("root_cause"))) {
          zh.add("沒有根本原因");
          en.add("no root cause");
        }
        if (((Number) complaint.get("actions_done")).longValue() == 0) {
          zh.add("矯正措施未完成");
          en.add("no completed corrective action");
        }
        if (((Number) complaint.get("satisfied")).longValue() == 0) {
          zh.add("沒有客戶滿意的回饋紀錄");
          en.add("no satisfied customer feedback recorded");
        }
      }
      if (!zh.isEmpty()) {
        findings.add(new Finding(caseId, null, "投訴 " + complaint.get("id") + " 結案：" + String.join("；", zh),
            "Complaint " + complaint.get("id") + " closed: " + String.join("; ", en)));
      }
    }
    return new Verdict(checked, findings, departments);
  }

  private static boolean blank(Object value) {
    return value == null || value.toString().isBlank();
  }
}
