package com.zhidu.performanceappraisal;

import com.zhidu.dismissalcase.DismissalCaseRepository;
import com.zhidu.dismissalcase.DismissalCaseRepository.DismissalCase;
import com.zhidu.organization.OrganizationService;
import com.zhidu.performanceappraisal.AppraisalRepository.Appraisal;
import com.zhidu.performanceappraisal.AppraisalRepository.Evaluation;
import com.zhidu.performanceappraisal.CustomerLinks.Issued;
import com.zhidu.platform.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Appraisal results and cases over HTTP (§4), behind {@code ZhiduApiAuthentication}:
 * <ul>
 *   <li>{@code GET /zhidu/api/appraisal/results[?employee=]}: an employee's rating history. The employee sees their
 *       own (scores, ratings, proposals, their self-evaluation) but never others' evaluations; the line manager,
 *       HR, the department manager and the leadership also see the mean per evaluator group. Anyone else: 403.</li>
 *   <li>{@code POST /zhidu/api/appraisal/{appraisalId}/customer-links} ({@code {"customerName": …}}): the CRM group
 *       issues a single-use evaluation link for a customer while the appraisal is open.</li>
 *   <li>{@code GET /zhidu/api/appraisal/dismissal-cases}: HR, the department manager and the leadership.</li>
 * </ul>
 */
@RestController
public class AppraisalController {

  static final List<String> RESULT_READERS = List.of("hr", "deptManager", "leadership");
  static final List<String> LINK_ISSUERS = List.of("crm");
  static final List<String> CASE_READERS = List.of("hr", "deptManager", "leadership");

  private final IdentityService identity;
  private final AppraisalRepository appraisals;
  private final CustomerLinks links;
  private final DismissalCaseRepository cases;
  private final OrganizationService organization;

  public AppraisalController(IdentityService identity, AppraisalRepository appraisals, CustomerLinks links,
      DismissalCaseRepository cases, OrganizationService organization) {
    this.identity = identity;
    this.appraisals = appraisals;
    this.links = links;
    this.cases = cases;
    this.organization = organization;
  }

  @GetMapping(path = "/zhidu/api/appraisal/results", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<Map<String, Object>> results(@RequestParam(required = false) String employee) {
    Authentication user = identity.getCurrentAuthentication();
    String employeeId = employee == null || employee.isBlank() ? user.getUserId() : employee;
    boolean own = employeeId.equals(user.getUserId());
    boolean superior = user.getUserId().equals(organization.lineManagerOf(employeeId))
        || user.getGroupIds().stream().anyMatch(RESULT_READERS::contains);
    if (!own && !superior) {
      throw Refusal.of(403, "employee", "只能查看自己的考核結果", "You may see only your own appraisal results.");
    }
    return appraisals.historyOf(employeeId).stream().map(a -> result(a, superior)).toList();
  }

  private Map<String, Object> result(Appraisal a, boolean superior) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("appraisalId", a.id());
    row.put("employeeId", a.employeeId());
    row.put("kind", a.kind());
    row.put("period", a.periodLabel());
    row.put("status", a.status());
    row.put("score", a.score());
    row.put("rating", a.rating());
    row.put("resultsScore", a.resultsScore());
    row.put("payAdjustmentPercent", a.payAdjustmentPercent());
    row.put("bonusAmount", a.bonusAmount());
    row.put("commissionAmount", a.commissionAmount());
    row.put("proposalStatus", a.proposalStatus());
    List<Evaluation> evaluations = appraisals.evaluations(a.id());
    Map<String, Object> bySource = new LinkedHashMap<>();
    for (String source : List.of("self", "superior", "peer", "customer")) {
      List<Evaluation> of = evaluations.stream().filter(e -> e.source().equals(source)).toList();
      // Peers', the superior's and customers' scores are never shown to the employee, not even as a mean.
      if (of.isEmpty() || (!superior && !"self".equals(source))) {
        continue;
      }
      bySource.put(source, Map.of("count", of.size(),
          "ability", of.stream().mapToDouble(Evaluation::ability).average().orElseThrow(),
          "attitude", of.stream().mapToDouble(Evaluation::attitude).average().orElseThrow()));
    }
    row.put("evaluations", bySource);
    return row;
  }

  public record LinkRequest(String customerName) {}

  @PostMapping(path = "/zhidu/api/appraisal/{appraisalId}/customer-links", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Issued> issueLink(@PathVariable long appraisalId, @RequestBody LinkRequest request) {
    Authentication user = identity.getCurrentAuthentication();
    if (user.getGroupIds().stream().noneMatch(LINK_ISSUERS::contains)) {
      throw Refusal.of(403, null, "只有客戶關系管理組可以發出客戶評價連結", "Only the CRM group may issue customer links.");
    }
    String name = request == null ? null : EvaluationRecorder.text(request.customerName());
    if (name == null || name.length() > 200) {
      throw Refusal.of(400, "customerName", "客戶名稱必填(最多200字)", "customerName is required (at most 200 characters)");
    }
    Appraisal appraisal = appraisals.find(appraisalId).orElseThrow(() -> Refusal.of(404, "appraisalId",
        "查無此考核", "No such appraisal."));
    if (!AppraisalRepository.OPEN.equals(appraisal.status()) || appraisal.weights().customer() == 0) {
      throw Refusal.of(409, "appraisalId", "此考核不收集客戶評價或評價已結束",
          "This appraisal takes no customer evaluations or its evaluations are closed.");
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(links.issue(appraisalId, name, user.getUserId()));
  }

  @GetMapping(path = "/zhidu/api/appraisal/dismissal-cases", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<DismissalCase> dismissalCases() {
    Authentication user = identity.getCurrentAuthentication();
    if (user.getGroupIds().stream().noneMatch(CASE_READERS::contains)) {
      throw Refusal.of(403, null, "只有人力資源部門、部門經理與公司領導可以查看解僱案件",
          "Only HR, the department manager and the leadership may see dismissal cases.");
    }
    return cases.all();
  }
}
