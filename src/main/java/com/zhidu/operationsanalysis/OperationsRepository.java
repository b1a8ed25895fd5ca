package com.zhidu.operationsanalysis;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Collection rounds, figures, warnings and report versions (§3.4). Registered as {@code operationsRepository}
 * for the BPMN. Joins the engine's transaction.
 */
@Repository("operationsRepository")
public class OperationsRepository {

  public static final String COLLECTING = "collecting";
  public static final String REPORTING = "reporting";
  public static final String APPROVED = "approved";

  public record Round(long id, String processInstanceId, String period, String status, Integer approvedReportVersion) {}

  public record Figure(String period, String department, Indicator indicator, long valueCenti, String source,
      String submittedBy) {
    public double value() {
      return valueCenti / 100.0;
    }
  }

  /** A raised warning; {@code indicator} is an indicator code or a derived one ({@link WarningCheck#DERIVED}). */
  public record Warning(long id, String department, String indicator, long valueCenti, String level, String message,
      String handledBy, String measures) {
    public double value() {
      return valueCenti / 100.0;
    }
  }

  public record ReportVersion(int version, String recommendations, String createdBy, Long documentId) {}

  private final JdbcTemplate jdbc;

  public OperationsRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public long createRoundOnce(String processInstanceId, String period) {
    Optional<Round> existing = findByProcess(processInstanceId);
    if (existing.isPresent()) {
      return existing.get().id();
    }
    jdbc.update("insert into ops_round (process_instance_id, period, status, created_at) values (?,?,?,?)",
        processInstanceId, period, COLLECTING, now());
    return findByProcess(processInstanceId).orElseThrow().id();
  }

  public boolean periodTaken(String period) {
    Integer n = jdbc.queryForObject("select count(*) from ops_round where period = ?", Integer.class, period);
    return n != null && n > 0;
  }

  public Optional<Round> findByProcess(String processInstanceId) {
    return jdbc.query("select * from ops_round where process_instance_id = ?", (rs, n) -> round(rs), processInstanceId)
        .stream().findFirst();
  }

  public Optional<Round> find(long roundId) {
    return jdbc.query("select * from ops_round where id = ?", (rs, n) -> round(rs), roundId).stream().findFirst();
  }

  public Round round(long roundId) {
    return find(roundId).orElseThrow();
  }

  public String periodOf(long roundId) {
    return round(roundId).period();
  }

  public void setStatus(long roundId, String status) {
    jdbc.update("update ops_round set status = ? where id = ?", status, roundId);
  }

  public void markApproved(long roundId, int version) {
    jdbc.update("update ops_round set status = ?, approved_report_version = ? where id = ?", APPROVED, version, roundId);
  }

  // --- figures

  /** Stores a figure of the period, replacing an earlier value of the same indicator (a correction). */
  public void putFigure(Long roundId, String period, Indicator indicator, long valueCenti, String source, String user) {
    jdbc.update("delete from ops_figure where period = ? and indicator = ?", period, indicator.code);
    jdbc.update("insert into ops_figure (round_id, period, department, indicator, value_centi, source, submitted_by,"
        + " submitted_at) values (?,?,?,?,?,?,?,?)", roundId, period, indicator.department, indicator.code, valueCenti,
        source, user, now());
  }

  public Map<Indicator, Figure> figures(String period) {
    Map<Indicator, Figure> figures = new LinkedHashMap<>();
    jdbc.query("select * from ops_figure where period = ? order by id", (rs, n) -> figure(rs), period)
        .forEach(f -> figures.put(f.indicator(), f));
    return figures;
  }

  /** Every stored value of an indicator up to and including the period, oldest first. */
  public List<Figure> series(Indicator indicator, String upToPeriod) {
    return jdbc.query("select * from ops_figure where indicator = ? and period <= ? order by period",
        (rs, n) -> figure(rs), indicator.code, upToPeriod);
  }

  // --- warnings

  public void addWarningOnce(long roundId, String department, String indicator, long valueCenti, String level,
      String message) {
    Integer n = jdbc.queryForObject("select count(*) from ops_warning where round_id = ? and indicator = ?",
        Integer.class, roundId, indicator);
    if (n == null || n == 0) {
      jdbc.update("insert into ops_warning (round_id, department, indicator, value_centi, level, message)"
          + " values (?,?,?,?,?,?)", roundId, department, indicator, valueCenti, level, message);
    }
  }

  public List<Warning> warnings(long roundId) {
    return jdbc.query("select * from ops_warning where round_id = ? order by id", (rs, n) -> new Warning(rs.getLong("id"),
        rs.getString("department"), rs.getString("indicator"), rs.getLong("value_centi"),
        rs.getString("level"), rs.getString("message"), rs.getString("handled_by"), rs.getString("measures")), roundId);
  }

  public List<Long> warningIds(long roundId) {
    return warnings(roundId).stream().map(Warning::id).toList();
  }

  public Warning warning(long warningId) {
    long roundId = jdbc.queryForObject("select round_id from ops_warning where id = ?", Long.class, warningId);
    return warnings(roundId).stream().filter(w -> w.id() == warningId).findFirst().orElseThrow();
  }

  public void handleWarning(long warningId, String user, String measures) {
    jdbc.update("update ops_warning set handled_by = ?, handled_at = ?, measures = ? where id = ?", user, now(), measures,
        warningId);
  }

  // --- reports

  public int latestReportVersionOf(long roundId) {
    Integer v = jdbc.queryForObject("select max(version) from ops_report_version where round_id = ?", Integer.class,
        roundId);
    return v == null ? 0 : v;
  }

  public void addReportVersion(long roundId, int version, String recommendations, String user) {
    jdbc.update("insert into ops_report_version (round_id, version, recommendations, created_by, created_at)"
        + " values (?,?,?,?,?)", roundId, version, recommendations, user, now());
  }

  public List<ReportVersion> reports(long roundId) {
    return jdbc.query("select * from ops_report_version where round_id = ? order by version", (rs, n) -> {
      long doc = rs.getLong("document_id");
      return new ReportVersion(rs.getInt("version"), rs.getString("recommendations"), rs.getString("created_by"),
          rs.wasNull() ? null : doc);
    }, roundId);
  }

  public ReportVersion latestReport(long roundId) {
    List<ReportVersion> all = reports(roundId);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  public String reportAuthorOf(long roundId) {
    return latestReport(roundId).createdBy();
  }

  public void setReportDocument(long roundId, int version, long documentId) {
    jdbc.update("update ops_report_version set document_id = ? where round_id = ? and version = ?", documentId, roundId,
        version);
  }

  private static Figure figure(ResultSet rs) throws SQLException {
    return new Figure(rs.getString("period"), rs.getString("department"),
        Indicator.of(rs.getString("indicator")).orElseThrow(), rs.getLong("value_centi"), rs.getString("source"),
        rs.getString("submitted_by"));
  }

  private static Round round(ResultSet rs) throws SQLException {
    int v = rs.getInt("approved_report_version");
    return new Round(rs.getLong("id"), rs.getString("process_instance_id"), rs.getString("period"),
        rs.getString("status"), rs.wasNull() ? null : v);
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }
}
