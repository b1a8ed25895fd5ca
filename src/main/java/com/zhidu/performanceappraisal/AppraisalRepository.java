package com.zhidu.performanceappraisal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The appraisal record (§4): cycles, one appraisal per employee and cycle (the rating history), evaluations,
 * follow-ups. Plain JDBC in the engine's transaction. Bean {@code appraisalRepository}: the model asks it for
 * what report-approval shows (author, area, title, summary) from the table, not from process variables.
 */
@Repository("appraisalRepository")
public class AppraisalRepository {

  public record Cycle(long id, String kind, String periodLabel, LocalDate periodStart, LocalDate periodEnd,
      String scopeGroup, String openedBy, String processInstanceId, Instant closedAt) {}

  public record Appraisal(long id, long cycleId, String employeeId, String role, String lineManager, String kind,
      LocalDate periodStart, Weights weights, Integer resultsScore, String resultsSource, Long salesCollected,
      BigDecimal score, String rating, Integer payAdjustmentPercent, Long bonusAmount, Long commissionAmount,
      String proposalStatus, String roundClosedBy, String status, String periodLabel) {}

  /** Indicator weights (results/ability/attitude) and evaluator weights (self/superior/peer/customer), percent. */
  public record Weights(int results, int ability, int attitude, int self, int superior, int peer, int customer) {}

  public record Evaluation(long appraisalId, String source, String evaluator, String recordedBy, int knowledge,
      int skills, int communication, int teamManagement, int responsibility, int dedication, int initiative,
      int execution, String comment) {

    double ability() {
      return (knowledge + skills + communication + teamManagement) / 4.0;
    }

    double attitude() {
      return (responsibility + dedication + initiative + execution) / 4.0;
    }
  }

  public record FollowUp(long appraisalId, String kind, String content, String recordedBy) {}

  public static final String OPEN = "open";
  public static final String RATED = "rated";
  public static final String CLOSED = "closed";

  private final JdbcTemplate jdbc;

  public AppraisalRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  /** The cycle of that kind and period for that scope (null: the whole department). */
  public Optional<Cycle> cycle(String kind, String periodLabel, String scopeGroup) {
    return jdbc.query("select * from appraisal_cycle where kind = ? and period_label = ? and "
        + (scopeGroup == null ? "scope_group is null" : "scope_group = ?"), AppraisalRepository::cycle,
        scopeGroup == null ? new Object[] {kind, periodLabel} : new Object[] {kind, periodLabel, scopeGroup})
        .stream().findFirst();
  }

  /** Whether the employee already has an appraisal of that kind for the period (in any cycle). */
  public boolean isAppraised(String employeeId, String kind, LocalDate periodStart) {
    return jdbc.queryForObject("select count(*) from appraisal where employee_id = ? and kind = ? and period_start = ?",
        Integer.class, employeeId, kind, periodStart) > 0;
  }

  public Optional<Cycle> cycle(long id) {
    return jdbc.query("select * from appraisal_cycle where id = ?", AppraisalRepository::cycle, id).stream().findFirst();
  }

  public long insertCycle(AppraisalPeriod period, String scopeGroup, String openedBy, String processInstanceId) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.update(c -> {
      var s = c.prepareStatement("insert into appraisal_cycle (kind, period_label, period_start, period_end, opened_by,"
          + " opened_at, process_instance_id, scope_group) values (?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      s.setString(1, period.kind());
      s.setString(2, period.label());
      s.setObject(3, period.start());
      s.setObject(4, period.end());
      s.setString(5, openedBy);
      s.setTimestamp(6, now());
      s.setString(7, processInstanceId);
      s.setString(8, scopeGroup);
      return s;
    }, key);
    return key.getKey().longValue();
  }

  public void closeCycle(long id) {
    jdbc.update("update appraisal_cycle set closed_at = ? where id = ? and closed_at is null", now(), id);
  }

  /** Idempotent: a second call for the same cycle and employee returns the existing appraisal's id. */
  public long insertAppraisal(long cycleId, String employeeId, String role, String lineManager, String kind,
      LocalDate periodStart, Weights w) {
    List<Long> existing = jdbc.queryForList("select id from appraisal where cycle_id = ? and employee_id = ?",
        Long.class, cycleId, employeeId);
    if (!existing.isEmpty()) {
      return existing.get(0);
    }
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.update(c -> {
      var s = c.prepareStatement("insert into appraisal (cycle_id, employee_id, role, line_manager, kind, period_start,"
          + " weight_results, weight_ability, weight_attitude, weight_self, weight_superior, weight_peer, weight_customer,"
          + " status, opened_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      s.setLong(1, cycleId);
      s.setString(2, employeeId);
      s.setString(3, role);
      s.setString(4, lineManager);
      s.setString(5, kind);
      s.setObject(6, periodStart);
      s.setInt(7, w.results());
      s.setInt(8, w.ability());
      s.setInt(9, w.attitude());
      s.setInt(10, w.self());
      s.setInt(11, w.superior());
      s.setInt(12, w.peer());
      s.setInt(13, w.customer());
      s.setString(14, OPEN);
      s.setTimestamp(15, now());
      return s;
    }, key);
    return key.getKey().longValue();
  }

  public Optional<Appraisal> find(long id) {
    return jdbc.query(SELECT + " where a.id = ?", AppraisalRepository::appraisal, id).stream().findFirst();
  }

  public Appraisal get(long id) {
    return find(id).orElseThrow(() -> new IllegalStateException("no appraisal " + id));
  }

  /** Every appraisal of the employee, newest period first: the rating history. */
  public List<Appraisal> historyOf(String employeeId) {
    return jdbc.query(SELECT + " where a.employee_id = ? order by a.period_start desc, a.kind", AppraisalRepository::appraisal,
        employeeId);
  }

  /** The employee's rated appraisal of the same kind for the latest period before {@code periodStart}. */
  public Optional<Appraisal> previousOfSameKind(String employeeId, String kind, LocalDate periodStart) {
    return jdbc.query(SELECT + " where a.employee_id = ? and a.kind = ? and a.period_start < ? and a.rating is not null"
        + " order by a.period_start desc", AppraisalRepository::appraisal, employeeId, kind, periodStart)
        .stream().findFirst();
  }

  public String employeeOf(Object appraisalId) {
    return get(id(appraisalId)).employeeId();
  }

  public String roleOf(Object appraisalId) {
    return get(id(appraisalId)).role();
  }

  public String proposalTitle(Object appraisalId) {
    Appraisal a = get(id(appraisalId));
    return "績效考核薪酬與獎金提案:" + a.employeeId() + " " + a.periodLabel();
  }

  /** What the reviewers see: score, rating and the proposal; amounts in 新台幣 (minor units / 100). */
  public String proposalSummary(Object appraisalId) {
    Appraisal a = get(id(appraisalId));
    return "綜合得分 " + a.score() + ",等級 " + a.rating() + ";薪酬調整 " + a.payAdjustmentPercent() + "%,獎金 "
        + money(a.bonusAmount()) + " 元,提成 " + money(a.commissionAmount()) + " 元"
        + (a.roundClosedBy() == null ? "" : ";評價由 " + a.roundClosedBy() + " 以現有評價結束");
  }

  static String money(Long minor) {
    return minor == null ? "0" : BigDecimal.valueOf(minor, 2).toPlainString();
  }

  static long id(Object value) {
    return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
  }

  public void setResults(long id, Integer score, String source, Long salesCollected) {
    jdbc.update("update appraisal set results_score = ?, results_source = ?, sales_collected = ? where id = ?", score,
        source, salesCollected, id);
  }

  public void rate(long id, BigDecimal score, String rating, int payAdjustmentPercent, long bonus, long commission) {
    jdbc.update("update appraisal set score = ?, rating = ?, pay_adjustment_percent = ?, bonus_amount = ?,"
        + " commission_amount = ?, proposal_status = 'proposed', status = ?, rated_at = ? where id = ?", score, rating,
        payAdjustmentPercent, bonus, commission, RATED, now(), id);
  }

  public void reviseProposal(long id, int payAdjustmentPercent, long bonus, long commission) {
    jdbc.update("update appraisal set pay_adjustment_percent = ?, bonus_amount = ?, commission_amount = ?,"
        + " proposal_status = 'proposed' where id = ?", payAdjustmentPercent, bonus, commission, id);
  }

  public void proposalStatus(long id, String status) {
    jdbc.update("update appraisal set proposal_status = ? where id = ?", status, id);
  }

  public void roundClosedBy(long id, String user) {
    jdbc.update("update appraisal set round_closed_by = ? where id = ?", user, id);
  }

  public void close(long id) {
    jdbc.update("update appraisal set status = ?, closed_at = ? where id = ? and status <> ?", CLOSED, now(), id, CLOSED);
  }

  public void recordEvaluation(Evaluation e) {
    jdbc.update("insert into appraisal_evaluation (appraisal_id, source, evaluator, recorded_by, knowledge, skills,"
        + " communication, team_management, responsibility, dedication, initiative, execution, comment_text, recorded_at)"
        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e.appraisalId(), e.source(), e.evaluator(),
        e.recordedBy(), e.knowledge(), e.skills(), e.communication(), e.teamManagement(), e.responsibility(),
        e.dedication(), e.initiative(), e.execution(), e.comment(), now());
  }

  public boolean hasEvaluation(long appraisalId, String source, String evaluator) {
    return jdbc.queryForObject("select count(*) from appraisal_evaluation where appraisal_id = ? and source = ?"
        + " and evaluator = ?", Integer.class, appraisalId, source, evaluator) > 0;
  }

  public List<Evaluation> evaluations(long appraisalId) {
    return jdbc.query("select * from appraisal_evaluation where appraisal_id = ? order by id",
        (rs, n) -> new Evaluation(rs.getLong("appraisal_id"), rs.getString("source"), rs.getString("evaluator"),
            rs.getString("recorded_by"), rs.getInt("knowledge"), rs.getInt("skills"), rs.getInt("communication"),
            rs.getInt("team_management"), rs.getInt("responsibility"), rs.getInt("dedication"),
            rs.getInt("initiative"), rs.getInt("execution"), rs.getString("comment_text")), appraisalId);
  }

  public void addFollowUp(long appraisalId, String kind, String content, String recordedBy) {
    jdbc.update("insert into appraisal_follow_up (appraisal_id, kind, content, recorded_by, recorded_at)"
        + " values (?, ?, ?, ?, ?)", appraisalId, kind, content, recordedBy, now());
  }

  public List<FollowUp> followUps(long appraisalId) {
    return jdbc.query("select * from appraisal_follow_up where appraisal_id = ? order by id",
        (rs, n) -> new FollowUp(rs.getLong("appraisal_id"), rs.getString("kind"), rs.getString("content"),
            rs.getString("recorded_by")), appraisalId);
  }

  /** An improvement plan (§4.1.4) not yet reviewed: its follow-up id and goals. */
  public record ImprovementPlan(long id, long appraisalId, String goals) {}

  /** The employee's improvement plans of earlier appraisals of that kind whose goals nobody has reviewed yet. */
  public List<ImprovementPlan> openImprovementPlans(String employeeId, String kind, LocalDate before) {
    return jdbc.query("select f.id, f.appraisal_id, f.content from appraisal_follow_up f join appraisal a"
        + " on a.id = f.appraisal_id where f.kind = 'improvementPlan' and f.outcome is null and a.employee_id = ?"
        + " and a.kind = ? and a.period_start < ? order by f.id",
        (rs, n) -> new ImprovementPlan(rs.getLong("id"), rs.getLong("appraisal_id"), rs.getString("content")),
        employeeId, kind, before);
  }

  /** Closes the plan with the outcome; false when it was already closed. */
  public boolean closeImprovementPlan(long followUpId, String outcome, long reviewedIn, String closedBy) {
    return jdbc.update("update appraisal_follow_up set outcome = ?, closed_in_appraisal_id = ?, closed_by = ?,"
        + " closed_at = ? where id = ? and outcome is null", outcome, reviewedIn, closedBy, now(), followUpId) == 1;
  }

  /** The outcome of an improvement plan and who recorded it, null while open. */
  public List<List<String>> improvementPlanOutcome(long followUpId) {
    return jdbc.query("select outcome, closed_by, closed_in_appraisal_id from appraisal_follow_up where id = ?"
        + " and outcome is not null", (rs, n) -> List.of(rs.getString("outcome"), rs.getString("closed_by"),
        Long.toString(rs.getLong("closed_in_appraisal_id"))), followUpId);
  }

  private static final String SELECT = "select a.*, c.period_label from appraisal a join appraisal_cycle c on c.id = a.cycle_id";

  private static Appraisal appraisal(ResultSet rs, int row) throws SQLException {
    return new Appraisal(rs.getLong("id"), rs.getLong("cycle_id"), rs.getString("employee_id"), rs.getString("role"),
        rs.getString("line_manager"), rs.getString("kind"), rs.getObject("period_start", LocalDate.class),
        new Weights(rs.getInt("weight_results"), rs.getInt("weight_ability"), rs.getInt("weight_attitude"),
            rs.getInt("weight_self"), rs.getInt("weight_superior"), rs.getInt("weight_peer"), rs.getInt("weight_customer")),
        (Integer) rs.getObject("results_score", Integer.class), rs.getString("results_source"),
        (Long) rs.getObject("sales_collected", Long.class), rs.getBigDecimal("score"), rs.getString("rating"),
        (Integer) rs.getObject("pay_adjustment_percent", Integer.class), (Long) rs.getObject("bonus_amount", Long.class),
        (Long) rs.getObject("commission_amount", Long.class), rs.getString("proposal_status"),
        rs.getString("round_closed_by"), rs.getString("status"), rs.getString("period_label"));
  }

  private static Cycle cycle(ResultSet rs, int row) throws SQLException {
    Timestamp closed = rs.getTimestamp("closed_at");
    return new Cycle(rs.getLong("id"), rs.getString("kind"), rs.getString("period_label"),
        rs.getObject("period_start", LocalDate.class), rs.getObject("period_end", LocalDate.class),
        rs.getString("scope_group"), rs.getString("opened_by"), rs.getString("process_instance_id"), closed == null ? null : closed.toInstant());
  }
}
