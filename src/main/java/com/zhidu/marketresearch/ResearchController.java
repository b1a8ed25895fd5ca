package com.zhidu.marketresearch;

import com.zhidu.platform.Refusal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Market research over HTTP (§3.1.2). Authentication from {@code ZhiduApiAuthentication} (401 without it).
 * <ul>
 *   <li>{@code POST /zhidu/api/research/{planId}/questionnaire} (text/csv body): imports questionnaire results,
 *       see {@link QuestionnaireImport}; 201 with the row count, 400 listing every bad line, nothing imported.</li>
 *   <li>{@code GET /zhidu/api/research/{planId}/sources}: the recorded sources.</li>
 * </ul>
 */
@RestController
public class ResearchController {

  static final List<String> WRITERS = List.of("marketResearch");
  static final List<String> READERS = List.of("marketResearch", "deptManager", "deputyManager", "leadership",
      "auditor", "camunda-admin");

  private final IdentityService identity;
  private final QuestionnaireImport questionnaires;
  private final ResearchRepository research;

  public ResearchController(IdentityService identity, QuestionnaireImport questionnaires, ResearchRepository research) {
    this.identity = identity;
    this.questionnaires = questionnaires;
    this.research = research;
  }

  @PostMapping(path = "/zhidu/api/research/{planId}/questionnaire",
      consumes = {"text/csv", "text/plain", "application/octet-stream"})
  public ResponseEntity<QuestionnaireImport.Imported> importQuestionnaire(@PathVariable long planId,
      @RequestBody String csv) {
    String user = requireGroup(WRITERS, "只有市場調研組可以匯入問卷結果", "Only marketResearch imports questionnaires.");
    return ResponseEntity.status(HttpStatus.CREATED).body(questionnaires.importCsv(planId, csv, user));
  }

  @GetMapping("/zhidu/api/research/{planId}/sources")
  public List<Map<String, Object>> sources(@PathVariable long planId) {
    requireGroup(READERS, "無權查看調研資料", "Not allowed to read research data.");
    research.find(planId).orElseThrow(() -> Refusal.of(404, "planId", "找不到調研計劃 " + planId, "no plan " + planId));
    return research.sources(planId).stream().map(s -> Map.<String, Object>of("id", s.id(), "channel", s.channel().code,
        "source", s.source(), "findings", s.findings(), "accepted", s.accepted(), "recordedBy", s.recordedBy())).toList();
  }

  private String requireGroup(List<String> groups, String zh, String en) {
    Authentication user = identity.getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null || user.getGroupIds().stream().noneMatch(groups::contains)) {
      throw Refusal.of(403, null, zh, en);
    }
    return user.getUserId();
  }
}
