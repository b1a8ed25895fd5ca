package com.zhidu.performanceappraisal;

import com.zhidu.performanceappraisal.AppraisalRepository.Appraisal;
import com.zhidu.performanceappraisal.AppraisalRepository.Evaluation;
import com.zhidu.platform.Refusal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The four evaluations of §4.1.3 (自我、上級、同事、客戶). On assignment: a peer or superior evaluation is never
 * given to the appraised employee. On completion: checks the scores (integers 0..100) and the comment, refuses
 * an evaluation of oneself outside the self-evaluation, and writes one {@code appraisal_evaluation} row with the
 * AUTHENTICATED user. The scores are input parameters local to the task: no other evaluator, and not the
 * employee, can read them from the case; they live in the table only.
 */
@Component("evaluationRecorder")
public class EvaluationRecorder implements TaskListener {

  public static final String SELF = "selfEvaluation";
  public static final String SUPERIOR = "superiorEvaluation";
  public static final String PEER = "peerEvaluation";
  public static final String CUSTOMER = "customerEvaluation";

  /** Form keys of the eight indicators, in table order. */
  public static final List<String> SCORES = List.of("knowledge", "skills", "communication", "teamManagement",
      "responsibility", "dedication", "initiative", "execution");

  private final AppraisalRepository appraisals;

  public EvaluationRecorder(AppraisalRepository appraisals) {
    this.appraisals = appraisals;
  }

  @Override
  public void notify(DelegateTask task) {
    Appraisal appraisal = appraisals.get(AppraisalRepository.id(task.getVariable("appraisalId")));
    String key = task.getTaskDefinitionKey();
    if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
      if (!SELF.equals(key) && appraisal.employeeId().equals(task.getAssignee())) {
        throw selfEvaluation();
      }
      return;
    }
    String user = AppraisalUsers.authenticated(task.getProcessEngineServices().getIdentityService());
    if (!SELF.equals(key) && user.equals(appraisal.employeeId())) {
      throw selfEvaluation();
    }
    if (SELF.equals(key) && !user.equals(appraisal.employeeId())) {
      throw Refusal.of(403, null, "自我評價只能由員工本人填寫", "Only the employee may complete the self-evaluation.");
    }
    if (SUPERIOR.equals(key) && !user.equals(appraisal.lineManager())) {
      throw Refusal.of(403, null, "上級評價只能由直屬上級填寫", "Only the line manager may complete the superior evaluation.");
    }
    List<Refusal.Error> errors = new ArrayList<>();
    Map<String, Integer> scores = new LinkedHashMap<>();
    for (String field : SCORES) {
      scores.put(field, score(task.getVariable(field), field, true, errors));
    }
    String comment = text(task.getVariable("comment"));
    if (comment == null) {
      errors.add(new Refusal.Error("comment", "評語必填", "comment is required"));
    }
    String evaluator = user;
    String source = switch (key) {
      case SELF -> "self";
      case SUPERIOR -> "superior";
      case PEER -> "peer";
      default -> "customer";
    };
    if (CUSTOMER.equals(key)) {
      String customer = text(task.getVariable("customerName"));
      if (customer == null) {
        errors.add(new Refusal.Error("customerName", "客戶名稱必填", "customerName is required"));
      }
      evaluator = "customer:" + customer;
    }
    Integer results = null;
    if (SUPERIOR.equals(key) && !"salesAnalysis".equals(appraisal.resultsSource())) {
      results = score(task.getVariable("resultsScore"), "resultsScore", true, errors);
    }
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
    if (appraisals.hasEvaluation(appraisal.id(), source, evaluator)) {
      throw Refusal.of(409, null, "此評價已記錄,不可重複評價", "This evaluation is already recorded.");
    }
    if (results != null) {
      appraisals.setResults(appraisal.id(), results, "superior", null);
    }
    appraisals.recordEvaluation(new Evaluation(appraisal.id(), source, evaluator, user, scores.get("knowledge"),
        scores.get("skills"), scores.get("communication"), scores.get("teamManagement"), scores.get("responsibility"),
        scores.get("dedication"), scores.get("initiative"), scores.get("execution"), comment));
  }

  static Refusal selfEvaluation() {
    return Refusal.of(403, null, "不可以同事或上級身分評價自己(§4.1.3)",
        "Nobody evaluates themselves except in the self-evaluation (§4.1.3).");
  }

  /** An integer score 0..100; adds an error naming the field otherwise. */
  static Integer score(Object value, String field, boolean required, List<Refusal.Error> errors) {
    if (value == null || value.toString().isBlank()) {
      if (required) {
        errors.add(new Refusal.Error(field, "分數必填(0–100)", field + " is required (0..100)"));
      }
      return null;
    }
    double number;
    try {
      number = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
    } catch (NumberFormatException e) {
      number = Double.NaN;
    }
    if (Double.isNaN(number) || number != Math.rint(number) || number < 0 || number > 100) {
      errors.add(new Refusal.Error(field, "分數須為 0 到 100 的整數", field + " must be an integer from 0 to 100"));
      return null;
    }
    return (int) number;
  }

  static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
