package com.zhidu.operationsanalysis;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.Refusal;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations analysis over HTTP (§3.4.3): {@code GET /zhidu/api/operations/{roundId}/report.html}, the generated
 * report viewed from the task (webapp session or HTTP Basic). Readers: the analysts, managers, leadership,
 * auditors and the data owners.
 */
@RestController
public class OperationsController {

  static final List<String> READERS = List.of("operationsAnalysis", "deptManager", "deputyManager", "leadership",
      "auditor", "camunda-admin");

  private final IdentityService identity;
  private final OperationsRepository repository;
  private final OperationsReport report;
  private final OrganizationService organization;

  public OperationsController(IdentityService identity, OperationsRepository repository, OperationsReport report,
      OrganizationService organization) {
    this.identity = identity;
    this.repository = repository;
    this.report = report;
    this.organization = organization;
  }

  @GetMapping(path = "/zhidu/api/operations/{roundId}/report.html", produces = "text/html;charset=UTF-8")
  public ResponseEntity<String> html(@PathVariable long roundId) {
    requireReader();
    repository.find(roundId).orElseThrow(() -> Refusal.of(404, "roundId", "找不到數據收集輪次 " + roundId, "no round " + roundId));
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
        .body(report.document(roundId).toXhtml());
  }

  String requireReader() {
    Authentication user = identity.getCurrentAuthentication();
    boolean reader = user != null && user.getGroupIds() != null && user.getGroupIds().stream().anyMatch(READERS::contains);
    boolean owner = user != null && Indicator.DEPARTMENTS.stream().map(organization::dataOwnerOf)
        .anyMatch(o -> o != null && o.equals(user.getUserId()));
    if (!reader && !owner) {
      throw Refusal.of(403, null, "無權查看運營分析報告", "Not allowed to read operations reports.");
    }
    return user.getUserId();
  }
}
