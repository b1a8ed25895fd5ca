package com.zhidu.annualsalesplan;

import com.zhidu.annualsalesplan.TargetBreakdown.Target;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Annual sales plans, their versions, targets and acknowledgements: the source of truth for author,
 * content and breakdown. Registered as {@code salesPlanRepository} so the BPMN can ask it (assignee of
 * 修改銷售計劃, the review's inputs, the salespeople of 確認目標). Joins the engine's transaction.
 */
@Repository("salesPlanRepository")
public class SalesPlanRepository {

  public static final String IN_REVIEW = "inReview";
  public static final String APPROVED = "approved";

  /** A stored plan row. */
  public record SalesPlan(long id, String processInstanceId, int year, String author, String status,
      Integer approvedVersion) {}

  /** A salesperson's acknowledgement row; {@code acknowledgedAt} null while open. */
  public record Acknowledgement(String salesperson, Timestamp acknowledgedAt, String acknowledgedBy, String feedback) {}

  private final JdbcTemplate jdbc;

  public SalesPlanRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates the plan of a process instance once; a repeated call returns the existing id. */
  public long createOnce(String processInstanceId, int year, String author) {
    Optional<SalesPlan> existing = findByProcess(processInstanceId);
    if (existing.isPresent()) {
      return existing.get().id();
    }
    jdbc.update("insert into sales_plan (process_instance_id, plan_year, author, status, created_at) values (?,?,?,?,?)",
        processInstanceId, year, author, IN_REVIEW, now());
    return findByProcess(processInstanceId).orElseThrow().id();
  }

  /** Adds the given version unless it exists already (a retried job writes nothing twice). */
  public void addVersionOnce(long planId, int version, SalesPlanContent c, String createdBy) {
    Integer existing = jdbc.queryForObject("select count(*) from sales_plan_version where plan_id = ? and version = ?",
        Integer.class, planId, version);
    if (existing != null && existing > 0) {
      return;
    }
    jdbc.update("insert into sales_plan_version (plan_id, version, plan_year, target_minor, currency, strategy, regions,"
            + " team_shares, person_shares, seasonality, kpis, created_by, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        planId, version, c.year(), c.targetMinor(), SalesPlanContent.CURRENCY, c.strategy(), c.regions(),
        c.teamSharesText(), c.personSharesText(), c.seasonalityText(), c.kpis(), createdBy, now());
  }

  public Optional<SalesPlan> findByProcess(String processInstanceId) {
    return jdbc.query("select * from sales_plan where process_instance_id = ?", (rs, row) -> plan(rs), processInstanceId)
        .stream().findFirst();
  }

  public SalesPlan plan(long planId) {
    return jdbc.queryForObject("select * from sales_plan where id = ?", (rs, row) -> plan(rs), planId);
  }

  public String authorOf(long planId) {
    return plan(planId).author();
  }

  public int latestVersionOf(long planId) {
    Integer latest = jdbc.queryForObject("select max(version) from sales_plan_version where plan_id = ?",
        Integer.class, planId);
    if (latest == null) {
      throw new IllegalStateException("Sales plan " + planId + " has no version");
    }
    return latest;
  }

  /** A version as stored, re-read into content (no membership check: the team may have changed since). */
  public SalesPlanContent content(long planId, int version) {
    Map<String, Object> row = jdbc.queryForMap("select * from sales_plan_version where plan_id = ? and version = ?",
        planId, version);
    String[] seasons = row.get("seasonality").toString().split(",");
    Map<String, Object> values = new java.util.HashMap<>();
    values.put(SalesPlanContent.YEAR, row.get("plan_year"));
    values.put(SalesPlanContent.ANNUAL_TARGET, BigDecimal.valueOf(((Number) row.get("target_minor")).longValue(), 2));
    values.put(SalesPlanContent.STRATEGY, row.get("strategy"));
    values.put(SalesPlanContent.REGIONS, row.get("regions"));
    values.put(SalesPlanContent.TEAM_SHARES, row.get("team_shares"));
    values.put(SalesPlanContent.PERSON_SHARES, row.get("person_shares"));
    values.put(SalesPlanContent.KPIS, row.get("kpis"));
    for (int q = 0; q < 4; q++) {
      values.put(SalesPlanContent.SEASONS.get(q), seasons[q]);
    }
    return SalesPlanContent.read(values::get, null);
  }

  public SalesPlanContent latestContent(long planId) {
    return content(planId, latestVersionOf(planId));
  }

  public List<Integer> versions(long planId) {
    return jdbc.queryForList("select version from sales_plan_version where plan_id = ? order by version",
        Integer.class, planId);
  }

  public String createdByOf(long planId, int version) {
    return jdbc.queryForObject("select created_by from sales_plan_version where plan_id = ? and version = ?",
        String.class, planId, version);
  }

  /** Title shown to the reviewers. */
  public String titleOf(long planId) {
    return plan(planId).year() + "年度銷售計劃(第" + latestVersionOf(planId) + "版)";
  }

  public String summaryOf(long planId) {
    SalesPlanContent c = latestContent(planId);
    return "年度銷售目標 新台幣 " + format(c.targetMinor()) + " 元;季節權重 " + c.seasonalityText() + ";區域:" + c.regions();
  }

  /** The whole plan as text for the review forms. */
  public String contentTextOf(long planId) {
    SalesPlanContent c = latestContent(planId);
    return "銷售策略:\n" + c.strategy() + "\n\n團隊分配比例:\n" + c.teamSharesText() + "\n\n人員分配比例:\n"
        + c.personSharesText() + "\n\n要求與績效指標(KPI):\n" + c.kpis();
  }

  public String kpisOf(long planId) {
    return latestContent(planId).kpis();
  }

  /** Marks the plan approved in its latest version; nothing changes if it is approved already. */
  public void markApproved(long planId) {
    jdbc.update("update sales_plan set status = ?, approved_at = ?, approved_version = ? where id = ? and status <> ?",
        APPROVED, now(), latestVersionOf(planId), planId, APPROVED);
  }

  /** Stores the breakdown and opens one acknowledgement per salesperson, once. */
  public void storeTargetsOnce(long planId, List<Target> targets, List<String> salespeople) {
    Integer existing = jdbc.queryForObject("select count(*) from sales_target where plan_id = ?", Integer.class, planId);
    if (existing != null && existing > 0) {
      return;
    }
    jdbc.batchUpdate("insert into sales_target (plan_id, level, owner, team, period, amount_minor) values (?,?,?,?,?,?)",
        targets.stream().map(t -> new Object[] {planId, t.level(), t.owner(), t.team(), t.period(), t.amountMinor()})
            .toList());
    salespeople.forEach(p -> jdbc.update("insert into sales_target_ack (plan_id, salesperson) values (?,?)", planId, p));
  }

  public List<Target> targets(long planId) {
    return jdbc.query("select * from sales_target where plan_id = ? order by level, team, owner, period",
        (rs, row) -> new Target(rs.getString("level"), rs.getString("owner"), rs.getString("team"),
            rs.getString("period"), rs.getLong("amount_minor")), planId);
  }

  /** The salespeople who acknowledge their targets, for the multi-instance 確認目標. */
  public List<String> salespeopleOf(long planId) {
    return jdbc.queryForList("select salesperson from sales_target_ack where plan_id = ? order by id", String.class, planId);
  }

  /** A salesperson's quarterly and monthly targets as read-only text for 確認目標. */
  public String targetsTextFor(long planId, String salesperson) {
    List<Target> mine = targets(planId).stream()
        .filter(t -> t.level().equals(TargetBreakdown.PERSON) && t.owner().equals(salesperson)).toList();
    String quarters = mine.stream().filter(t -> TargetBreakdown.isQuarter(t.period()))
        .map(t -> t.period() + ":新台幣 " + format(t.amountMinor()) + " 元").collect(Collectors.joining("\n"));
    String months = mine.stream().filter(t -> !TargetBreakdown.isQuarter(t.period()))
        .map(t -> t.period() + ":新台幣 " + format(t.amountMinor()) + " 元").collect(Collectors.joining("\n"));
    long year = mine.stream().filter(t -> TargetBreakdown.isQuarter(t.period())).mapToLong(Target::amountMinor).sum();
    return "全年合計:新台幣 " + format(year) + " 元\n\n季度目標:\n" + quarters + "\n\n月度目標:\n" + months;
  }

  /** Records the acknowledgement (確認目標) once: the first one counts. */
  public void acknowledge(long planId, String salesperson, String acknowledgedBy, String feedback) {
    jdbc.update("update sales_target_ack set acknowledged_at = ?, acknowledged_by = ?, feedback = ?"
            + " where plan_id = ? and salesperson = ? and acknowledged_at is null",
        now(), acknowledgedBy, feedback, planId, salesperson);
  }

  public List<Acknowledgement> acknowledgements(long planId) {
    return jdbc.query("select * from sales_target_ack where plan_id = ? order by id",
        (rs, row) -> new Acknowledgement(rs.getString("salesperson"), rs.getTimestamp("acknowledged_at"),
            rs.getString("acknowledged_by"), rs.getString("feedback")), planId);
  }

  static String format(long minor) {
    return String.format("%,.2f", BigDecimal.valueOf(minor, 2));
  }

  private static SalesPlan plan(java.sql.ResultSet rs) throws java.sql.SQLException {
    int approvedVersion = rs.getInt("approved_version");
    Integer approved = rs.wasNull() ? null : approvedVersion;
    return new SalesPlan(rs.getLong("id"), rs.getString("process_instance_id"), rs.getInt("plan_year"),
        rs.getString("author"), rs.getString("status"), approved);
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }
}
