package com.zhidu.complainthandling;

import com.zhidu.platform.Refusal;
import com.zhidu.platform.api.IdempotencyKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Complaints over HTTP (§3.3.4), for channels other than Tasklist (web form, call centre) and for reading
 * the statistics. Authentication comes from {@code ZhiduApiAuthentication} (401 without it).
 * <ul>
 *   <li>{@code POST /zhidu/api/complaints}: the intake form's fields as a JSON object; starts
 *       complaint-handling as the caller, so the same start-form contract and {@link ComplaintIntakeCheck}
 *       apply; 201 with the complaint number, the responsible department and the deadlines. With an
 *       {@code Idempotency-Key} header a repeated request gets the first one's complaint (200), see
 *       {@link IdempotencyKeys}.</li>
 *   <li>{@code GET /zhidu/api/complaints/statistics?from=YYYY-MM-DD&to=YYYY-MM-DD[&format=csv]}: complaints
 *       received in the period (dates inclusive, company time zone), see {@link ComplaintStatistics}; CSV lists
 *       one complaint per row.</li>
 * </ul>
 */
@RestController
public class ComplaintController {

  static final List<String> INTAKE_GROUPS = List.of("crm", "camunda-admin");
  static final List<String> STATISTICS_READERS = List.of("crm", "deptManager", "deputyManager", "leadership");

  public record Registered(long complaintId, String processInstanceId, String responsibleGroup, Instant responseDue,
      Instant resolutionDue) {}

  private final ProcessEngine engine;
  private final ComplaintRepository complaints;
  private final ComplaintStatistics statistics;
  private final ZoneId zone;
  private final IdempotencyKeys idempotency;

  public ComplaintController(ProcessEngine engine, ComplaintRepository complaints, ComplaintStatistics statistics,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone, IdempotencyKeys idempotency) {
    this.engine = engine;
    this.idempotency = idempotency;
    this.complaints = complaints;
    this.statistics = statistics;
    this.zone = zone;
  }

  @PostMapping(path = "/zhidu/api/complaints", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Registered> register(@RequestBody Map<String, Object> body,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey) {
    String user = requireGroup(INTAKE_GROUPS, "只有客戶關系管理組可以受理投訴", "Only the CRM group may record complaints.");
    Map<String, Object> variables = new LinkedHashMap<>();
    body.forEach((name, value) -> {
      if (value != null) {
        // A customer number sent as a JSON number means the same as the form's text field.
        variables.put(name, ComplaintIntake.CUSTOMER_ID.equals(name) && value instanceof Number ? value.toString() : value);
      }
    });
    IdempotencyKeys.Started started = idempotency.startOnce(user, "complaints", idempotencyKey, body, () -> {
      try {
        return engine.getRuntimeService().startProcessInstanceByKey("complaint-handling", variables).getId();
      } catch (ProcessEngineException e) {
        throw refusalIn(e);
      }
    });
    Complaint complaint = complaints.findByProcessInstance(started.processInstanceId()).orElseThrow();
    // A repeated request (same key) gets the first one's complaint with 200, as a repeated payment does.
    return ResponseEntity.status(started.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
        .body(new Registered(complaint.id(), started.processInstanceId(), complaint.responsibleGroup(),
            complaint.responseDueAt(), complaint.resolutionDueAt()));
  }

  @GetMapping("/zhidu/api/complaints/statistics")
  public ResponseEntity<?> statistics(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String format) {
    requireGroup(STATISTICS_READERS, "只有客戶關系管理組、部門經理、副經理及公司領導可以查看投訴統計",
        "Only the CRM group, managers and leadership may read complaint statistics.");
    LocalDate first = date("from", from);
    LocalDate last = date("to", to);
    if (last.isBefore(first)) {
      throw Refusal.of(400, "to", "結束日期不可早於開始日期", "'to' must not be before 'from'.");
    }
    ComplaintStatistics.Statistics result = statistics.between(first.atStartOfDay(zone).toInstant(),
        last.plusDays(1).atStartOfDay(zone).toInstant());
    if ("csv".equals(format)) {
      return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
          .header("Content-Disposition", "attachment; filename=\"complaints-" + first + "-" + last + ".csv\"")
          .body(ComplaintCsv.of(result.complaints(), zone).getBytes(StandardCharsets.UTF_8));
    }
    if (format != null && !"json".equals(format)) {
      throw Refusal.of(400, "format", "格式只可為 json 或 csv", "format must be json or csv.");
    }
    return ResponseEntity.ok(new StatisticsView(first, last, zone.getId(), result.overall(), result.byCategory(),
        result.byDepartment()));
  }

  public record StatisticsView(LocalDate from, LocalDate to, String timeZone, ComplaintStatistics.Figures overall,
      List<ComplaintStatistics.Group> byCategory, List<ComplaintStatistics.Group> byDepartment) {}

  private String requireGroup(List<String> groups, String zh, String en) {
    Authentication user = engine.getIdentityService().getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null || user.getGroupIds().stream().noneMatch(groups::contains)) {
      throw Refusal.of(403, null, zh, en);
    }
    return user.getUserId();
  }

  /** The engine may hand the listener's Refusal back wrapped; answer with the Refusal itself. */
  private static RuntimeException refusalIn(ProcessEngineException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Refusal refusal) {
        return refusal;
      }
    }
    return e;
  }

  private static LocalDate date(String field, String value) {
    try {
      if (value != null) {
        return LocalDate.parse(value);
      }
    } catch (DateTimeParseException e) {
      // answered below
    }
    throw Refusal.of(400, field, "請以 YYYY-MM-DD 格式提供「" + field + "」日期",
        "Give '" + field + "' as a date YYYY-MM-DD.");
  }
}
