package com.zhidu.audit.conformance;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * §3.1.5 / §3.4.4: a report is fed back (report-submission's {@code acknowledgeReport} starts) only after a
 * member of {@code leadership} approved that version (report-approval's {@code leadershipApproval}, recorded
 * in {@code review_decision} with the authenticated user). Checks cases whose first feedback falls in the period.
 */
public class ReportApprovedBeforeFeedback implements ConformanceRule {

  static final String FEEDBACK_ACTIVITY = "acknowledgeReport";
  static final String APPROVAL_STAGE = "leadershipApproval";
  static final String APPROVER_GROUP = "leadership";

  private final String clause;
  private final String reportKind;
  private final String kindZh;
  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;

  public ReportApprovedBeforeFeedback(String clause, String reportKind, String kindZh, ProcessEngine engine,
      JdbcTemplate jdbc) {
    this.clause = clause;
    this.reportKind = reportKind;
    this.kindZh = kindZh;
    this.engine = engine;
    this.jdbc = jdbc;
  }

  @Override
  public String clause() {
    return clause;
  }

  @Override
  public String descriptionZh() {
    return kindZh + "須經公司領導審批後才反饋";
  }

  @Override
  public String descriptionEn() {
    return "Reports (" + reportKind + ") are fed back only after leadership approved them";
  }

  @Override
  public Verdict check(Instant from, Instant to) {
    Set<String> checked = new TreeSet<>();
    List<Finding> findings = new ArrayList<>();
    Map<String, String> departments = new HashMap<>();
    Set<String> leaders = new TreeSet<>();
    engine.getIdentityService().createUserQuery().memberOfGroup(APPROVER_GROUP).list()
        .forEach(u -> leaders.add(u.getId()));
    // The reports whose case first fed back in the period, with that moment: one query, not one per report.
    String activities = engine.getManagementService().getTableName(HistoricActivityInstance.class);
    for (Map<String, Object> report : jdbc.queryForList("select r.id, r.process_instance_id, r.approved_version,"
        + " r.area, min(a.START_TIME_) as first_feedback from report r join " + activities + " a"
        + " on a.PROC_INST_ID_ = r.process_instance_id and a.ACT_ID_ = ? where r.kind = ?"
        + " group by r.id, r.process_instance_id, r.approved_version, r.area"
        + " having min(a.START_TIME_) >= ? and min(a.START_TIME_) < ?",
        FEEDBACK_ACTIVITY, reportKind, Timestamp.from(from), Timestamp.from(to))) {
      String caseId = (String) report.get("process_instance_id");
      Date firstFeedback = (Date) report.get("first_feedback");
      checked.add(caseId);
      departments.put(caseId, (String) report.get("area"));
      Object version = report.get("approved_version");
      boolean approved = jdbc.queryForList("select decided_by, subject_version from review_decision where"
              + " subject_type = 'report' and subject_id = ? and stage = ? and decision = 'approved' and decided_at <= ?",
              report.get("id").toString(), APPROVAL_STAGE, new Timestamp(firstFeedback.getTime())).stream()
          .anyMatch(d -> leaders.contains((String) d.get("decided_by"))
              && (version == null || version.toString().equals(String.valueOf(d.get("subject_version")))));
      if (!approved) {
        findings.add(new Finding(caseId, null, "報告於 " + firstFeedback.toInstant() + " 反饋，但之前沒有公司領導對該版本的審批",
            "Report fed back without a prior leadership approval of that version"));
      }
    }
    return new Verdict(checked, findings, departments);
  }
}
