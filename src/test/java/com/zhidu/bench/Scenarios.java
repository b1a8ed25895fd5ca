package com.zhidu.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.zhidu.DemoRest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cases the simulated employees work on, one per procedure, with the demo organisation's people in
 * their roles and the values a careful employee would type. A new procedure joins the benchmark by adding
 * a scenario here and a weight in {@link Bench} (option {@code bench.mix}).
 */
final class Scenarios {

  private static LocalDate today() {
    return LocalDate.now(ZoneId.of("Asia/Taipei"));
  }

  /** The approval shape through REST: the same BPMN the Java-API runs measure. */
  static RestRun.Scenario approvalShape() {
    return new RestRun.Scenario() {
      public String name() {
        return "bench-approval";
      }

      public void run(DemoRest rest, int n, RestRun.Steps steps) throws Exception {
        JsonNode started = steps.start(rest, "sunli", "/engine-rest/process-definition/key/bench-approval/start",
            Map.of("variables", Map.of()));
        String instance = started.get("id").asText();
        for (String[] step : new String[][] {{"review", "zhangwei"}, {"approve", "linzong"}}) {
          String task = steps.awaitTask(rest, step[1], "processInstanceId=" + instance + "&taskDefinitionKey=" + step[0]);
          steps.complete(rest, step[1], task, Map.of("decision", "approved", "comment", "同意"),
              Map.of("decision", "maybe"));
        }
      }
    };
  }

  /** 報告提交與審批 (§3.1.5): a researcher's report, the manager's review, leadership, two recipients. */
  static RestRun.Scenario reportSubmission() {
    return new RestRun.Scenario() {
      public String name() {
        return "report-submission";
      }

      public void run(DemoRest rest, int n, RestRun.Steps steps) throws Exception {
        String title = "BENCH-" + n + "-" + System.nanoTime();
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("title", title);
        form.put("kind", "marketResearch");
        form.put("period", "2026年第4季");
        form.put("summary", "基準測試報告摘要。");
        form.put("body", "一、引言……四、結論與建議……");
        form.put("recipients", "zhaolei,zhengxin");
        JsonNode started = steps.start(rest, "chenjing",
            "/engine-rest/process-definition/key/report-submission/submit-form", Map.of("variables", DemoRest.variables(form)));
        String submission = started.get("id").asText();
        Map<String, String> decision = Map.of("decision", "approved", "comment", "同意");
        String byTitle = "&processVariables=subjectTitle_eq_" + DemoRest.encode(title);
        steps.complete(rest, "zhangwei", steps.awaitTask(rest, "zhangwei", "taskDefinitionKey=managerReview" + byTitle),
            decision, Map.of("decision", "rejected"));
        steps.complete(rest, "linzong", steps.awaitTask(rest, "linzong", "taskDefinitionKey=leadershipApproval" + byTitle),
            decision, Map.of("decision", "approved", "comment", "x".repeat(5000)));
        for (String recipient : List.of("zhaolei", "zhengxin")) {
          String task = steps.awaitTask(rest, recipient, "processInstanceId=" + submission + "&assignee=" + recipient);
          steps.complete(rest, recipient, task, Map.of("feedback", "已閱"), null);
        }
      }
    };
  }

  /** 客戶投訴處理 (§3.3.4): intake through the complaints API, production handles, CRM records satisfaction. */
  static RestRun.Scenario complaintHandling() {
    return new RestRun.Scenario() {
      public String name() {
        return "complaint-handling";
      }

      public void run(DemoRest rest, int n, RestRun.Steps steps) throws Exception {
        Map<String, Object> intake = new LinkedHashMap<>();
        intake.put("customerName", "基準測試客戶" + (n % 50));
        intake.put("contactName", "王先生");
        intake.put("contactEmail", "wang" + n + "@example.tw");
        intake.put("category", "productQuality");
        intake.put("severity", "high");
        intake.put("description", "機器異響 #" + n);
        JsonNode registered = steps.start(rest, "xiaoyu", "/zhidu/api/complaints", intake);
        String instance = registered.get("processInstanceId").asText();
        String in = "processInstanceId=" + instance + "&taskDefinitionKey=";
        steps.complete(rest, "gaofeng", steps.awaitTask(rest, "gaofeng", in + "handleComplaint"),
            Map.of("handlingResult", "更換軸承"), Map.of());
        steps.complete(rest, "xiaoyu", steps.awaitTask(rest, "xiaoyu", in + "customerFeedback"),
            Map.of("satisfaction", "satisfied", "feedbackNote", "客戶確認已解決"), Map.of("satisfaction", "happy"));
        steps.complete(rest, "gaofeng", steps.awaitTask(rest, "gaofeng", in + "rootCauseAnalysis"),
            Map.of("rootCause", "潤滑不足", "correctiveAction", "補充潤滑", "preventiveAction", "出廠檢驗加測噪音"),
            Map.of("rootCause", "潤滑不足"));
        steps.complete(rest, "gaofeng", steps.awaitTask(rest, "gaofeng", in + "implementCorrectiveAction"),
            Map.of("actionResult", "已完成"), null);
      }
    };
  }

  /** 銷售合同 (§3.2.4): a salesperson drafts, legal reviews, the salesperson signs (a value needing no approval). */
  static RestRun.Scenario salesContract() {
    return new RestRun.Scenario() {
      public String name() {
        return "sales-contract";
      }

      public void run(DemoRest rest, int n, RestRun.Steps steps) throws Exception {
        JsonNode started = steps.start(rest, "sunli", "/engine-rest/process-definition/key/sales-contract/submit-form",
            Map.of("variables", Map.of()));
        String instance = started.get("id").asText();
        String in = "processInstanceId=" + instance + "&taskDefinitionKey=";
        LocalDate today = today();
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("title", "基準測試合同 #" + n);
        terms.put("newCustomerName", "基準測試買方" + n);
        terms.put("newCustomerContact", "陳經理");
        terms.put("newCustomerEmail", "buyer" + n + "@example.tw");
        terms.put("sellerParty", "智度科技股份有限公司");
        terms.put("buyerParty", "基準測試買方" + n);
        terms.put("rightsAndObligations", "賣方按期交貨;買方按期付款。");
        terms.put("lineItems", "控制器 | 2 | 100000");
        terms.put("currency", "TWD");
        terms.put("contractValue", 200000);
        terms.put("deliveryDate", today.plusDays(30).toString());
        terms.put("instalments", today.plusDays(10) + " | 100000\n" + today.plusDays(40) + " | 100000");
        terms.put("salesChannel", "direct");
        Map<String, Object> wrongSum = new LinkedHashMap<>(terms);
        wrongSum.put("instalments", today.plusDays(10) + " | 100000");
        steps.complete(rest, "sunli", steps.awaitTask(rest, "sunli", in + "draftContract"), terms, wrongSum);
        steps.complete(rest, "hejun", steps.awaitTask(rest, "hejun", in + "legalReview"),
            Map.of("decision", "approved", "comment", "條款合規"), Map.of("decision", "rejected"));
        steps.complete(rest, "sunli", steps.awaitTask(rest, "sunli", in + "signContract"),
            Map.of("signingDate", today.toString(), "signatories", "我方 孫麗;客戶方 陳經理"),
            Map.of("signingDate", "明天"));
      }
    };
  }

  static Map<String, RestRun.Scenario> all() {
    Map<String, RestRun.Scenario> all = new LinkedHashMap<>();
    for (RestRun.Scenario scenario : List.of(complaintHandling(), salesContract(), reportSubmission())) {
      all.put(scenario.name(), scenario);
    }
    return all;
  }

  private Scenarios() {}
}
