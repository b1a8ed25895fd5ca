package com.zhidu.performanceappraisal;

import com.zhidu.organization.OrganizationService;
import com.zhidu.performanceappraisal.AppraisalRepository.Appraisal;
import com.zhidu.performanceappraisal.AppraisalRepository.Evaluation;
import com.zhidu.performanceappraisal.CustomerLinks.Link;
import com.zhidu.platform.Refusal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer's evaluation page (§4.1.3), without login: {@code GET /zhidu/public/appraisal/{token}} shows the
 * form, {@code POST} (JSON: the eight scores and {@code comment}) records it. Only a valid, unused, unexpired
 * token is accepted; the use, the evaluation and the end of the CRM task happen in one transaction, so a
 * refusal writes nothing and a link works once.
 */
@RestController
public class PublicAppraisalController {

  static final String MESSAGE = "appraisalCustomerEvaluated";

  private final CustomerLinks links;
  private final AppraisalRepository appraisals;
  private final OrganizationService organization;
  private final RuntimeService runtime;
  private final TransactionTemplate transaction;

  public PublicAppraisalController(CustomerLinks links, AppraisalRepository appraisals, OrganizationService organization,
      RuntimeService runtime, TransactionTemplate transaction) {
    this.links = links;
    this.appraisals = appraisals;
    this.organization = organization;
    this.runtime = runtime;
    this.transaction = transaction;
  }

  @GetMapping(path = "/zhidu/public/appraisal/{token}", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> page(@PathVariable String token) {
    Link link;
    Appraisal appraisal;
    try {
      link = links.verify(token, false);
      appraisal = open(link);
    } catch (Refusal refusal) {
      return ResponseEntity.status(refusal.status()).contentType(MediaType.TEXT_HTML)
          .body(html("<p class=\"error\">" + escape(refusal.errors().get(0).messageZh()) + "</p>"));
    }
    StringBuilder fields = new StringBuilder();
    String[][] labels = {{"knowledge", "專業知識"}, {"skills", "專業技能"}, {"communication", "溝通能力"},
        {"teamManagement", "團隊管理"}, {"responsibility", "責任心"}, {"dedication", "敬業精神"}, {"initiative", "主動性"},
        {"execution", "執行力"}};
    for (String[] l : labels) {
      fields.append("<label>").append(l[1]).append(" <input type=\"number\" name=\"").append(l[0])
          .append("\" min=\"0\" max=\"100\" step=\"1\" required></label>\n");
    }
    return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html(
        "<p>" + escape(link.customerName()) + " 您好:請就 <strong>" + escape(organization.displayName(appraisal.employeeId()))
        + "</strong> 在 " + escape(appraisal.periodLabel()) + " 期間為您提供的服務評分(0–100 分)。此連結只能使用一次。</p>\n"
        + "<form id=\"evaluation\">\n" + fields
        + "<label>評語(必填) <textarea name=\"comment\" maxlength=\"2000\" required></textarea></label>\n"
        + "<button type=\"submit\">提交評價</button>\n</form>\n<p id=\"result\"></p>\n"
        + "<script>document.getElementById('evaluation').addEventListener('submit', async e => {\n"
        + "  e.preventDefault(); const body = {};\n"
        + "  new FormData(e.target).forEach((v, k) => body[k] = k === 'comment' ? v : Number(v));\n"
        + "  const r = await fetch(location.pathname, {method: 'POST', headers: {'Content-Type': 'application/json'},"
        + " body: JSON.stringify(body)});\n"
        + "  const j = await r.json(); document.getElementById('result').textContent = j.message;\n"
        + "  if (r.ok) e.target.remove();\n});</script>"));
  }

  @PostMapping(path = "/zhidu/public/appraisal/{token}", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, Object>> submit(@PathVariable String token, @RequestBody Map<String, Object> body) {
    Long appraisalId = transaction.execute(status -> {
      Link link = links.verify(token, true);
      Appraisal appraisal = open(link);
      List<Refusal.Error> errors = new ArrayList<>();
      Map<String, Integer> scores = new LinkedHashMap<>();
      for (String field : EvaluationRecorder.SCORES) {
        scores.put(field, EvaluationRecorder.score(body.get(field), field, true, errors));
      }
      String comment = EvaluationRecorder.text(body.get("comment"));
      if (comment == null) {
        errors.add(new Refusal.Error("comment", "評語必填", "comment is required"));
      } else if (comment.length() > 2000) {
        errors.add(new Refusal.Error("comment", "評語最多 2000 字", "comment has at most 2000 characters"));
      }
      for (String name : body.keySet()) {
        if (!EvaluationRecorder.SCORES.contains(name) && !"comment".equals(name)) {
          errors.add(new Refusal.Error(name, "不接受的欄位", "unknown field"));
        }
      }
      if (!errors.isEmpty()) {
        throw new Refusal(400, errors);
      }
      appraisals.recordEvaluation(new Evaluation(appraisal.id(), "customer",
          "customer:" + link.customerName() + "#" + link.linkId().substring(0, 8), "customerLink",
          scores.get("knowledge"), scores.get("skills"), scores.get("communication"), scores.get("teamManagement"),
          scores.get("responsibility"), scores.get("dedication"), scores.get("initiative"), scores.get("execution"),
          comment));
      links.markUsed(link.linkId());
      String processInstanceId = appraisals.cycle(appraisal.cycleId()).orElseThrow().processInstanceId();
      for (Execution waiting : runtime.createExecutionQuery().processInstanceId(processInstanceId)
          .messageEventSubscriptionName(MESSAGE).list()) {
        Object id = runtime.getVariable(waiting.getId(), "appraisalId");
        if (id != null && AppraisalRepository.id(id) == appraisal.id()) {
          runtime.messageEventReceived(MESSAGE, waiting.getId());
        }
      }
      return appraisal.id();
    });
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("appraisalId", appraisalId,
        "message", "感謝您的評價,已記錄。"));
  }

  private Appraisal open(Link link) {
    Appraisal appraisal = appraisals.get(link.appraisalId());
    if (!AppraisalRepository.OPEN.equals(appraisal.status())) {
      throw Refusal.of(409, null, "此考核的評價已結束,無法再提交", "The evaluations of this appraisal are closed.");
    }
    return appraisal;
  }

  static String html(String body) {
    return "<!DOCTYPE html>\n<html lang=\"zh-Hant\"><head><meta charset=\"utf-8\"><title>客戶評價</title>"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}label{display:block;margin:.5em 0}"
        + "textarea{width:100%;height:6em}.error{color:#b00}</style></head>\n<body><h1>客戶評價</h1>\n" + body
        + "\n</body></html>\n";
  }

  static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&#39;");
  }
}
