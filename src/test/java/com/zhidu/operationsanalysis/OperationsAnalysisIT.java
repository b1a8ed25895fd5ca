package com.zhidu.operationsanalysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.AsUser;
import com.zhidu.DemoRest;
import com.zhidu.Jobs;
import com.zhidu.ZhiduIT;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * §3.4 on PostgreSQL: a whole collection round through REST as the demo users would do it — started by an
 * analyst, each data owner submits (an auditor and another owner are refused), a critical warning is handled by
 * the manager, the report is written, reviewed, generated as PDF, approved and fed back; checked in the tables.
 */
@ZhiduIT
class OperationsAnalysisIT {

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;

  @Test
  void aWholeCollectionRoundThroughRest() {
    DemoRest demo = new DemoRest(rest);
    Map<String, Object> message = Map.of("messageName", "operations-analysis-start", "resultEnabled", true,
        "processVariables", Map.of("period", Map.of("value", "2026-08", "type", "String")));
    assertThat(demo.post("sunli", "/engine-rest/message", message).ok()).isFalse();
    DemoRest.Reply started = demo.post("huangmin", "/engine-rest/message", message);
    assertThat(started.status()).isEqualTo(200);
    String pi = runtime.createProcessInstanceQuery().processDefinitionKey("operations-analysis").singleResult().getId();
    Jobs.executeAll(management, pi);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult().getBusinessKey())
        .isEqualTo("OPS-2026-08");

    String sales = demo.taskOf("zhaolei", pi, "submitSalesFigures");
    Map<String, Object> salesFigures = Map.of("revenue", 820_000.5, "salesTarget", 1_000_000, "newCustomers", 3);
    assertThat(complete(demo, "shenjian", sales, salesFigures).ok()).isFalse();
    assertThat(complete(demo, "tangyan", sales, salesFigures).ok()).isFalse();
    DemoRest.Reply bad = complete(demo, "zhaolei", sales, Map.of("revenue", -1, "salesTarget", 1, "newCustomers", 1));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).contains("revenue");
    assertThat(complete(demo, "zhaolei", sales, salesFigures).status()).isEqualTo(204);
    assertThat(complete(demo, "tangyan", demo.taskOf("tangyan", pi, "submitFinanceFigures"),
        Map.of("operatingCost", 500_000, "receivablesOverdue", 10_000, "cashBalance", 300_000)).status())
        .isEqualTo(204);
    assertThat(complete(demo, "gaofeng", demo.taskOf("gaofeng", pi, "submitProductionFigures"),
        Map.of("output", 900, "defectRate", 12.5, "capacityUtilization", 70)).status()).isEqualTo(204);
    assertThat(complete(demo, "songtao", demo.taskOf("songtao", pi, "submitInventoryFigures"),
        Map.of("stockValue", 250_000, "turnoverDays", 40)).status()).isEqualTo(204);
    Jobs.executeAll(management, pi);

    List<Map<String, Object>> figures = jdbc.queryForList(
        "select department, indicator, value_centi, source, submitted_by from ops_figure where period = '2026-08'");
    assertThat(figures).hasSize(12);
    assertThat(figures).anySatisfy(f -> {
      assertThat(f.get("indicator")).isEqualTo("revenue");
      assertThat(((Number) f.get("value_centi")).longValue()).isEqualTo(82_000_050L);
      assertThat(f.get("submitted_by")).isEqualTo("zhaolei");
    });
    assertThat(figures).anySatisfy(f -> {
      assertThat(f.get("indicator")).isEqualTo("complaints");
      assertThat(f.get("source")).isEqualTo("auto");
    });
    assertThat(jdbc.queryForList("select indicator || ':' || level from ops_warning", String.class))
        .containsExactly("defectRate:critical");

    String warning = demo.taskOf("zhangwei", pi, "handleWarning");
    assertThat(demo.post("zhangwei", "/engine-rest/task/" + warning + "/claim", Map.of("userId", "zhangwei"))
        .status()).isEqualTo(204);
    assertThat(complete(demo, "zhangwei", warning, Map.of("measures", "停線檢查模具")).status()).isEqualTo(204);

    String write = demo.taskOf("huangmin", pi, "writeOperationsReport");
    DemoRest.Reply html = demo.get("huangmin", (String) runtime.getVariable(pi, "reportLink"), "text/html");
    assertThat(html.text()).contains("三、發現的問題", "停線檢查模具", "82.0%");
    demo.post("huangmin", "/engine-rest/task/" + write + "/claim", Map.of("userId", "huangmin"));
    assertThat(complete(demo, "huangmin", write, Map.of("recommendations", "生產部門改善良率")).status()).isEqualTo(204);
    Jobs.executeAll(management, pi);
    AsUser as = new AsUser(identity);
    review(as, "zhangwei", pi, "managerReview");
    review(as, "linzong", pi, "leadershipApproval");
    Jobs.executeAll(management, pi);

    assertThat(jdbc.queryForObject("select approved_report_version from ops_round where period = '2026-08'",
        Integer.class)).isEqualTo(1);
    byte[] pdf = jdbc.queryForObject("select d.content from document d join ops_report_version v on v.document_id = d.id"
        + " join ops_round r on r.id = v.round_id where r.period = '2026-08'", byte[].class);
    assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
    for (String owner : List.of("zhaolei", "tangyan", "gaofeng", "songtao")) {
      assertThat(complete(demo, owner, demo.taskOf(owner, pi, "receiveOperationsReport"), Map.of()).status())
          .isEqualTo(204);
    }
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).count()).isZero();
  }

  private DemoRest.Reply complete(DemoRest demo, String user, String taskId, Map<String, ?> values) {
    return demo.post(user, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", DemoRest.variables(values)));
  }

  private void review(AsUser as, String user, String pi, String key) {
    String approval = runtime.createProcessInstanceQuery().superProcessInstanceId(pi).singleResult().getId();
    Task task = tasks.createTaskQuery().processInstanceId(approval).taskDefinitionKey(key).singleResult();
    Map<String, Object> variables = new HashMap<>();
    variables.put("decision", "approved");
    as.run(user, () -> {
      tasks.claim(task.getId(), user);
      tasks.complete(task.getId(), variables);
    });
  }
}
