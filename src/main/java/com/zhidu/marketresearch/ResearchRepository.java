package com.zhidu.marketresearch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Research plans, their versions, sources, questionnaire responses and report versions (§3.1): the source of
 * truth for authors and content. Registered as {@code researchRepository} so the BPMN can ask it (assignees,
 * review inputs, recipients). Joins the engine's transaction.
 */
@Repository("researchRepository")
public class ResearchRepository {

  public static final String PLAN_REVIEW = "planReview";
  public static final String COLLECTING = "collecting";
  public static final String REPORTING = "reporting";
  public static final String APPROVED = "approved";

  public record Plan(long id, String processInstanceId, String author, String status, Integer approvedVersion,
      Integer approvedReportVersion) {}

  public record Source(long id, Channel channel, String source, String findings, boolean accepted, String recordedBy) {}

  public record Response(int lineNo, String respondent, String region, String segment, int satisfaction,
      int purchaseIntent, long monthlyBudgetMinor) {}

  public record ReportVersion(int version, String introduction, String method, String results, String conclusions,
      String recommendations, String createdBy, Long documentId) {}

  private final JdbcTemplate jdbc;

  public ResearchRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public long createPlanOnce(String processInstanceId, String author) {
    Optional<Plan> existing = findByProcess(processInstanceId);
    if (existing.isPresent()) {
      return existing.get().id();
    }
    jdbc.update("insert into research_plan (process_instance_id, author, status, created_at) values (?,?,?,?)",
        processInstanceId, author, PLAN_REVIEW, now());
    return findByProcess(processInstanceId).orElseThrow().id();
  }

  public void addPlanVersionOnce(long planId, int version, ResearchPlanContent c, String createdBy) {
    Integer existing = jdbc.queryForObject("select count(*) from research_plan_version where plan_id = ? and version = ?",
        Integer.class, planId, version);
    if (existing != null && existing > 0) {
      return;
    }
    jdbc.update("insert into research_plan_version (plan_id, version, title, purpose, scope, methods, schedule,"
            + " budget_minor, required_channels, recipients, created_by, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?)",
        planId, version, c.title(), c.purpose(), c.scope(), c.methods(), c.schedule(), c.budgetMinor(),
        c.channelCodes(), String.join(",", c.recipients()), createdBy, now());
  }

  public Optional<Plan> findByProcess(String processInstanceId) {
    return jdbc.query("select * from research_plan where process_instance_id = ?", (rs, n) -> plan(rs),
        processInstanceId).stream().findFirst();
  }

  public Optional<Plan> find(long planId) {
    return jdbc.query("select * from research_plan where id = ?", (rs, n) -> plan(rs), planId).stream().findFirst();
  }

  public Plan plan(long planId) {
    return find(planId).orElseThrow();
  }

  public String authorOf(long planId) {
    return plan(planId).author();
  }

  public int latestPlanVersionOf(long planId) {
    Integer v = jdbc.queryForObject("select max(version) from research_plan_version where plan_id = ?", Integer.class,
        planId);
    if (v == null) {
      throw new IllegalStateException("research plan " + planId + " has no version");
    }
    return v;
  }

  public List<Integer> planVersions(long planId) {
    return jdbc.queryForList("select version from research_plan_version where plan_id = ? order by version",
        Integer.class, planId);
  }

  public ResearchPlanContent planContent(long planId, int version) {
    Map<String, Object> row = jdbc.queryForMap(
        "select * from research_plan_version where plan_id = ? and version = ?", planId, version);
    Map<String, Object> values = new HashMap<>();
    for (String key : ResearchPlanContent.TEXTS) {
      values.put(key, row.get(key));
    }
    values.put("budget", java.math.BigDecimal.valueOf(((Number) row.get("budget_minor")).longValue(), 2));
    for (String code : row.get("required_channels").toString().split(",")) {
      values.put(Channel.of(code).formKey, true);
    }
    values.put("recipients", row.get("recipients"));
    return ResearchPlanContent.read(values::get, null);
  }

  public ResearchPlanContent latestPlan(long planId) {
    return planContent(planId, latestPlanVersionOf(planId));
  }

  public String createdByOf(long planId, int version) {
    return jdbc.queryForObject("select created_by from research_plan_version where plan_id = ? and version = ?",
        String.class, planId, version);
  }

  public String titleOf(long planId) {
    return "市場調研計劃:" + latestPlan(planId).title() + "(第" + latestPlanVersionOf(planId) + "版)";
  }

  public String planTextOf(long planId) {
    return latestPlan(planId).asText();
  }

  public List<String> recipientsOf(long planId) {
    return latestPlan(planId).recipients();
  }

  public String recipientListOf(long planId) {
    return String.join(",", recipientsOf(planId));
  }

  public void setStatus(long planId, String status) {
    jdbc.update("update research_plan set status = ? where id = ?", status, planId);
  }

  public void markPlanApproved(long planId, int version) {
    jdbc.update("update research_plan set status = ?, approved_version = ? where id = ?", COLLECTING, version, planId);
  }

  public void markReportApproved(long planId, int version) {
    jdbc.update("update research_plan set status = ?, approved_report_version = ? where id = ?", APPROVED, version,
        planId);
  }

  // --- sources (§3.1.2)

  public long addSource(long planId, Channel channel, String source, String findings, boolean accepted, String user) {
    jdbc.update("insert into research_source (plan_id, channel, source, findings, accepted, recorded_by, recorded_at)"
        + " values (?,?,?,?,?,?,?)", planId, channel.code, source, findings, accepted, user, now());
    return jdbc.queryForObject("select max(id) from research_source where plan_id = ?", Long.class, planId);
  }

  public List<Source> sources(long planId) {
    return jdbc.query("select * from research_source where plan_id = ? order by id", (rs, n) -> new Source(
        rs.getLong("id"), Channel.of(rs.getString("channel")), rs.getString("source"), rs.getString("findings"),
        rs.getBoolean("accepted"), rs.getString("recorded_by")), planId);
  }

  public Set<Channel> acceptedChannels(long planId) {
    return new LinkedHashSet<>(jdbc.queryForList(
        "select distinct channel from research_source where plan_id = ? and accepted = true", String.class, planId)
        .stream().map(Channel::of).toList());
  }

  public void addResponses(long planId, long sourceId, List<Response> responses) {
    jdbc.batchUpdate("insert into questionnaire_response (plan_id, source_id, line_no, respondent, region, segment,"
            + " satisfaction, purchase_intent, monthly_budget_minor) values (?,?,?,?,?,?,?,?,?)",
        responses.stream().map(r -> new Object[] {planId, sourceId, r.lineNo(), r.respondent(), r.region(),
            r.segment(), r.satisfaction(), r.purchaseIntent(), r.monthlyBudgetMinor()}).toList());
  }

  public Set<String> respondents(long planId) {
    return new LinkedHashSet<>(jdbc.queryForList("select respondent from questionnaire_response where plan_id = ?",
        String.class, planId));
  }

  public List<Response> responses(long planId) {
    return jdbc.query("select * from questionnaire_response where plan_id = ? order by id", (rs, n) -> new Response(
        rs.getInt("line_no"), rs.getString("respondent"), rs.getString("region"), rs.getString("segment"),
        rs.getInt("satisfaction"), rs.getInt("purchase_intent"), rs.getLong("monthly_budget_minor")), planId);
  }

  // --- reports (§3.1.4)

  public int latestReportVersionOf(long planId) {
    Integer v = jdbc.queryForObject("select max(version) from research_report_version where plan_id = ?",
        Integer.class, planId);
    return v == null ? 0 : v;
  }

  public void addReportVersion(long planId, int version, ResearchReportContent c, String user) {
    jdbc.update("insert into research_report_version (plan_id, version, introduction, method, results, conclusions,"
            + " recommendations, created_by, created_at) values (?,?,?,?,?,?,?,?,?)", planId, version,
        c.introduction(), c.method(), c.results(), c.conclusions(), c.recommendations(), user, now());
  }

  public ReportVersion report(long planId, int version) {
    return jdbc.queryForObject("select * from research_report_version where plan_id = ? and version = ?",
        (rs, n) -> report(rs), planId, version);
  }

  public ReportVersion latestReport(long planId) {
    return report(planId, latestReportVersionOf(planId));
  }

  public List<ReportVersion> reports(long planId) {
    return jdbc.query("select * from research_report_version where plan_id = ? order by version",
        (rs, n) -> report(rs), planId);
  }

  public String reportAuthorOf(long planId) {
    return latestReport(planId).createdBy();
  }

  public void setReportDocument(long planId, int version, long documentId) {
    jdbc.update("update research_report_version set document_id = ? where plan_id = ? and version = ?", documentId,
        planId, version);
  }

  public void recordFeedbackOnce(long planId, String recipient, String feedback) {
    Integer existing = jdbc.queryForObject("select count(*) from research_feedback where plan_id = ? and recipient = ?",
        Integer.class, planId, recipient);
    if (existing == null || existing == 0) {
      jdbc.update("insert into research_feedback (plan_id, recipient, acknowledged_at, feedback) values (?,?,?,?)",
          planId, recipient, now(), feedback);
    }
  }

  public List<String> acknowledgedBy(long planId) {
    return jdbc.queryForList("select recipient from research_feedback where plan_id = ? order by id", String.class,
        planId);
  }

  private static ReportVersion report(ResultSet rs) throws SQLException {
    long doc = rs.getLong("document_id");
    return new ReportVersion(rs.getInt("version"), rs.getString("introduction"), rs.getString("method"),
        rs.getString("results"), rs.getString("conclusions"), rs.getString("recommendations"),
        rs.getString("created_by"), rs.wasNull() ? null : doc);
  }

  private static Plan plan(ResultSet rs) throws SQLException {
    int approved = rs.getInt("approved_version");
    Integer approvedVersion = rs.wasNull() ? null : approved;
    int approvedReport = rs.getInt("approved_report_version");
    Integer approvedReportVersion = rs.wasNull() ? null : approvedReport;
    return new Plan(rs.getLong("id"), rs.getString("process_instance_id"), rs.getString("author"),
        rs.getString("status"), approvedVersion, approvedReportVersion);
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  static List<String> split(String csv) {
    return Arrays.stream(csv.split(",")).filter(s -> !s.isBlank()).toList();
  }
}
