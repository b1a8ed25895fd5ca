package com.zhidu.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.ZhiduTest;
import com.zhidu.audit.AuditHash.Row;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A decision evaluated outside any process lands, with its inputs and outputs, in the no-case chain. */
@ZhiduTest
class DecisionAuditTest {

  static final String DMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
                   id="auditTestDefinitions" name="audit test" namespace="http://zhidu.example/dmn/test">
        <decision id="auditTestRating" name="稽核測試評等" camunda:historyTimeToLive="P30D">
          <decisionTable id="table">
            <input id="scoreInput" label="分數"><inputExpression id="scoreExpression" typeRef="integer"><text>score</text></inputExpression></input>
            <output id="ratingOutput" name="rating" typeRef="string" />
            <rule id="good"><inputEntry id="goodEntry"><text>&gt;= 80</text></inputEntry><outputEntry id="goodOut"><text>"優秀"</text></outputEntry></rule>
            <rule id="other"><inputEntry id="otherEntry"><text>&lt; 80</text></inputEntry><outputEntry id="otherOut"><text>"合格"</text></outputEntry></rule>
          </decisionTable>
        </decision>
      </definitions>
      """;

  @Autowired RepositoryService repository;
  @Autowired DecisionService decisions;
  @Autowired AuditTrail trail;
  @Autowired AuditVerifier verifier;

  @Test
  void aDecisionEvaluationIsRecordedWithInputsAndOutputs() {
    repository.createDeployment().name("audit-decision-test").addString("audit-test.dmn", DMN.strip()).deploy();
    int before = trail.rowsOf(AuditTrail.NO_CASE).size();

    Object rating = decisions.evaluateDecisionTableByKey("auditTestRating", Map.of("score", 91)).getSingleEntry();
    assertThat(rating).isEqualTo("優秀");

    List<Row> rows = trail.rowsOf(AuditTrail.NO_CASE);
    assertThat(rows).hasSizeGreaterThan(before);
    Row evaluation = rows.get(rows.size() - 1);
    assertThat(evaluation.eventType()).isEqualTo("decision.evaluate");
    assertThat(evaluation.payload()).contains("\"decisionDefinitionKey\":\"auditTestRating\"", "\"clauseId\":\"scoreInput\"",
        "\"longValue\":91", "\"ruleId\":\"good\"", "優秀");
    assertThat(verifier.verifyCase(AuditTrail.NO_CASE)).isNull();
  }
}
