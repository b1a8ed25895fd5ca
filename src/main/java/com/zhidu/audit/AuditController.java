package com.zhidu.audit;

import com.zhidu.audit.AuditHash.Row;
import com.zhidu.audit.conformance.Conformance;
import com.zhidu.platform.CaseParticipants;
import com.zhidu.platform.Refusal;
import com.zhidu.platform.TaskActionRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auditor's API (read-only; only GET is mapped). Auditors and administrators read everything; other
 * employees read the cases they are involved in ({@link CaseParticipants}); everything else is 403.
 * Authenticated by {@code ZhiduApiAuthentication} (HTTP Basic or the webapps' session).
 */
@RestController
public class AuditController {

  static final String BASE = "/zhidu/api/audit";
  static final int MAX_CASES = 500;
  /**
   * A CSV cell starting with one of = + - @ (or tab, CR) is a formula to Excel; such cells get a leading
   * apostrophe. A cell already starting with an apostrophe gets one too, so a reader restores every cell
   * exactly by removing one leading apostrophe.
   */
  static final String ESCAPED_START = "=+-@\t\r'";

  public record TrailEvent(String caseId, long seq, String eventType, String occurredAt, String userId,
      String processInstanceId, String processDefinitionKey, String taskId, String activityId, String payload,
      String prevHash, String hash) {

    static TrailEvent of(Row row) {
      return new TrailEvent(row.caseId(), row.seq(), row.eventType(), row.occurredAtText(), row.userId(),
          row.processInstanceId(), row.processDefinitionKey(), row.taskId(), row.activityId(), row.payload(),
          row.prevHash(), row.hash());
    }
  }

  public record Trail(String caseId, String processInstanceId, boolean intact, AuditVerifier.Problem problem,
      String hashRecipe, List<TrailEvent> events) {}

  public record CaseSummary(String id, String processDefinitionKey, String processDefinitionName,
      Integer processDefinitionVersion, String businessKey, String state, String startUserId, Date startTime,
      Date endTime, Long durationInMillis) {}

  static final String RECIPE = "hash = hex(SHA-256(UTF-8(prev_hash \\n case_id \\n seq \\n event_type \\n occurred_at"
      + " \\n user_id \\n process_instance_id \\n process_definition_key \\n task_id \\n activity_id \\n payload)))"
      + "; null = empty string; seq 1 has prev_hash = 64 zeros; see docs/auditor-guide.md";

  private final ProcessEngine engine;
  private final CaseParticipants participants;
  private final AuditTrail trail;
  private final AuditVerifier verifier;
  private final AuditSealer sealer;
  private final CaseHistory caseHistory;
  private final TraceabilityGaps traceability;
  private final Conformance conformance;
  private final JdbcTemplate jdbc;
  private final ZoneId zone;

  public AuditController(ProcessEngine engine, CaseParticipants participants, AuditTrail trail,
      AuditVerifier verifier, AuditSealer sealer, CaseHistory caseHistory, TraceabilityGaps traceability,
      Conformance conformance, JdbcTemplate jdbc, @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.engine = engine;
    this.participants = participants;
    this.trail = trail;
    this.verifier = verifier;
    this.sealer = sealer;
    this.caseHistory = caseHistory;
    this.traceability = traceability;
    this.conformance = conformance;
    this.jdbc = jdbc;
    this.zone = zone;
  }

  @GetMapping(BASE + "/cases/{processInstanceId}/trail")
  public Trail trail(@PathVariable String processInstanceId) {
    String caseId = readableTrail(processInstanceId);
    AuditVerifier.Problem problem = verifier.verifyCase(caseId);
    return new Trail(caseId, processInstanceId, problem == null, problem, RECIPE,
        trail.rowsOf(caseId).stream().map(TrailEvent::of).toList());
  }

  @GetMapping(BASE + "/cases/{processInstanceId}/trail.csv")
  public ResponseEntity<byte[]> trailCsv(@PathVariable String processInstanceId) {
    String caseId = readableTrail(processInstanceId);
    StringBuilder csv = new StringBuilder("\uFEFF"); // BOM: Excel then reads UTF-8
    csv.append("case_id,seq,event_type,occurred_at,user_id,process_instance_id,process_definition_key,task_id,"
        + "activity_id,payload,prev_hash,hash\r\n");
    for (Row row : trail.rowsOf(caseId)) {
      List<String> cells = List.of(row.caseId(), Long.toString(row.seq()), row.eventType(), row.occurredAtText(),
          text(row.userId()), text(row.processInstanceId()), text(row.processDefinitionKey()), text(row.taskId()),
          text(row.activityId()), row.payload(), row.prevHash(), row.hash());
      csv.append(String.join(",", cells.stream().map(AuditController::csvCell).toList())).append("\r\n");
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-trail-" + caseId + ".csv\"")
        .body(csv.toString().getBytes(StandardCharsets.UTF_8));
  }

  @GetMapping(BASE + "/verify")
  public AuditVerifier.Result verify() {
    requireReadAll();
    return verifier.verifyAll();
  }

  @GetMapping(BASE + "/seals")
  public List<AuditSealer.Seal> seals() {
    requireReadAll();
    return sealer.seals();
  }

  @GetMapping(BASE + "/cases")
  public List<CaseSummary> cases(@RequestParam(required = false) String processDefinitionKey,
      @RequestParam(required = false) String businessKey, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String participant,
      @RequestParam(required = false) String state) {
    Authentication user = user();
    boolean readsAll = readsAll(user);
    LocalDate first = date("from", from);
    LocalDate last = date("to", to);
    return participants.withoutAuthorization(() -> {
      HistoricProcessInstanceQuery query = engine.getHistoryService().createHistoricProcessInstanceQuery()
          .rootProcessInstances();
      if (processDefinitionKey != null && !processDefinitionKey.isBlank()) {
        query.processDefinitionKey(processDefinitionKey);
      }
      if (businessKey != null && !businessKey.isBlank()) {
        query.processInstanceBusinessKeyLike("%" + businessKey + "%");
      }
      if (first != null) {
        query.startedAfter(Date.from(first.atStartOfDay(zone).toInstant().minusMillis(1)));
      }
      if (last != null) {
        query.startedBefore(Date.from(last.plusDays(1).atStartOfDay(zone).toInstant()));
      }
      if (participant != null && !participant.isBlank()) {
        Set<String> ids = casesOfParticipant(participant.trim());
        if (ids.isEmpty()) {
          return List.<CaseSummary>of();
        }
        query.processInstanceIds(ids);
      }
      List<CaseSummary> result = new ArrayList<>();
      for (HistoricProcessInstance instance : query.orderByProcessInstanceStartTime().desc().listPage(0, 5 * MAX_CASES)) {
        if (result.size() >= MAX_CASES) {
          break;
        }
        if (!matchesState(instance, state) || !(readsAll || participants.isParticipant(instance.getId(), user))) {
          continue;
        }
        result.add(new CaseSummary(instance.getId(), instance.getProcessDefinitionKey(),
            instance.getProcessDefinitionName(), instance.getProcessDefinitionVersion(), instance.getBusinessKey(),
            instance.getState(), instance.getStartUserId(), instance.getStartTime(), instance.getEndTime(),
            instance.getDurationInMillis()));
      }
      return result;
    });
  }

  @GetMapping(BASE + "/cases/{processInstanceId}")
  public CaseHistory.Case oneCase(@PathVariable String processInstanceId) {
    readableCase(processInstanceId);
    return participants.withoutAuthorization(() -> caseHistory.read(processInstanceId));
  }

  /**
   * The BPMN XML of the process definition the case ran on (that exact version), for the page's diagram with
   * the path taken. Same access as the case itself: auditors may lack READ on the definition, so the engine
   * query runs without authorizations after the case check.
   */
  @GetMapping(BASE + "/cases/{processInstanceId}/diagram")
  public ResponseEntity<byte[]> diagram(@PathVariable String processInstanceId) {
    HistoricProcessInstance instance = readableCase(processInstanceId);
    byte[] xml = participants.withoutAuthorization(() -> {
      try (InputStream model = engine.getRepositoryService().getProcessModel(instance.getProcessDefinitionId())) {
        return model.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return ResponseEntity.ok().contentType(new MediaType("application", "xml", StandardCharsets.UTF_8)).body(xml);
  }

  @GetMapping(BASE + "/traceability")
  public TraceabilityGaps.Report traceability() {
    Authentication user = user();
    if (!readsAll(user) && (user.getGroupIds() == null || !user.getGroupIds().contains("processOwner"))) {
      throw Refusal.of(403, null, "只有審計、流程管理員及系統管理員可以查看制度追溯報告",
          "Only auditors, process owners and administrators may read the traceability report.");
    }
    return participants.withoutAuthorization(traceability::report);
  }

  /** Per clause with a conformance rule: cases checked, conforming and violating in the period (dates inclusive). */
  @GetMapping(BASE + "/conformance")
  public Conformance.Report conformance(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    requireReadAll();
    LocalDate first = date("from", from);
    LocalDate last = date("to", to);
    Instant start = first == null ? Instant.EPOCH : first.atStartOfDay(zone).toInstant();
    Instant end = last == null ? ClockUtil.getCurrentTime().toInstant().plusMillis(1)
        : last.plusDays(1).atStartOfDay(zone).toInstant();
    return participants.withoutAuthorization(() -> conformance.check(start, end));
  }

  // --- access -------------------------------------------------------------------------------------------

  /** The case if the caller may read it: 404 for an unknown case (to those who read all), else 403. */
  HistoricProcessInstance readableCase(String processInstanceId) {
    Authentication user = user();
    HistoricProcessInstance instance = participants.withoutAuthorization(() -> engine.getHistoryService()
        .createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult());
    if (readsAll(user)) {
      if (instance == null) {
        throw Refusal.of(404, null, "找不到此案件", "No such case.");
      }
      return instance;
    }
    if (instance == null || !participants.isParticipant(caseIdOf(instance), user)
        && !participants.isParticipant(instance.getId(), user)) {
      throw Refusal.of(403, null, "只有審計、系統管理員及案件參與者可以查看此案件的稽核紀錄（§1.3.1）",
          "Only auditors, administrators and people involved in the case may read its audit record (§1.3.1).");
    }
    return instance;
  }

  /**
   * The case id whose trail the caller may read. The trail outlives the engine's history (history cleanup
   * does not touch it), so auditors also get the trail of a case whose history is gone, by its case id.
   */
  String readableTrail(String processInstanceId) {
    if (readsAll(user()) && trail.hasCase(processInstanceId)) {
      HistoricProcessInstance instance = participants.withoutAuthorization(() -> engine.getHistoryService()
          .createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult());
      return instance == null ? processInstanceId : caseIdOf(instance);
    }
    return caseIdOf(readableCase(processInstanceId));
  }

  void requireReadAll() {
    if (!readsAll(user())) {
      throw Refusal.of(403, null, "只有審計及系統管理員可以執行此查核", "Only auditors and administrators may do this.");
    }
  }

  private Authentication user() {
    return engine.getIdentityService().getCurrentAuthentication();
  }

  static boolean readsAll(Authentication user) {
    return user.getGroupIds() != null && user.getGroupIds().stream().anyMatch(CaseParticipants.READ_ALL_GROUPS::contains);
  }

  static String caseIdOf(HistoricProcessInstance instance) {
    return instance.getRootProcessInstanceId() == null ? instance.getId() : instance.getRootProcessInstanceId();
  }

  /** Root cases the user started or acted in (task_action: performer or assignee). */
  private Set<String> casesOfParticipant(String userId) {
    TaskActionRecorder.flush(jdbc);
    Set<String> instances = new LinkedHashSet<>(jdbc.queryForList("select distinct process_instance_id from"
        + " task_action where (user_id = ? or assignee = ?) and process_instance_id is not null", String.class,
        userId, userId));
    Set<String> roots = new LinkedHashSet<>();
    if (!instances.isEmpty()) {
      engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceIds(instances).list()
          .forEach(i -> roots.add(caseIdOf(i)));
    }
    engine.getHistoryService().createHistoricProcessInstanceQuery().startedBy(userId).list()
        .forEach(i -> roots.add(caseIdOf(i)));
    return roots;
  }

  /** running = active or suspended; finished = completed or terminated; else the engine's state name. */
  static boolean matchesState(HistoricProcessInstance instance, String state) {
    if (state == null || state.isBlank()) {
      return true;
    }
    String actual = instance.getState();
    return switch (state.trim().toLowerCase()) {
      case "running" -> instance.getEndTime() == null;
      case "finished" -> instance.getEndTime() != null;
      default -> actual != null && actual.equalsIgnoreCase(state.trim());
    };
  }

  private static LocalDate date(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw Refusal.of(400, field, "請以 YYYY-MM-DD 格式提供「" + field + "」日期", "Give '" + field + "' as YYYY-MM-DD.");
    }
  }

  static String csvCell(String value) {
    String cell = value == null ? "" : value;
    if (!cell.isEmpty() && ESCAPED_START.indexOf(cell.charAt(0)) >= 0) {
      cell = "'" + cell;
    }
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
      cell = "\"" + cell.replace("\"", "\"\"") + "\"";
    }
    return cell;
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
