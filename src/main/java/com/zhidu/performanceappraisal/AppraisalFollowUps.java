package com.zhidu.performanceappraisal;

import static com.zhidu.performanceappraisal.EvaluationRecorder.text;

import com.zhidu.performanceappraisal.AppraisalRepository.Appraisal;
import com.zhidu.performanceappraisal.AppraisalRepository.ImprovementPlan;
import com.zhidu.platform.Refusal;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * What the line manager and HR decide after the evaluations (§4.1.3, §4.1.4, §4.2): closing a round with what is
 * in, revising a proposal, rewards and promotion nominations, development goals and training suggestions, the
 * performance interview and improvement plan. Each completion is checked and written to
 * {@code appraisal_follow_up} (and {@code appraisal}) with the AUTHENTICATED user.
 */
@Component("appraisalFollowUps")
public class AppraisalFollowUps implements TaskListener {

  static final List<String> OUTCOMES = List.of("met", "partlyMet", "notMet");

  private final AppraisalRepository appraisals;

  public AppraisalFollowUps(AppraisalRepository appraisals) {
    this.appraisals = appraisals;
  }

  @Override
  public void notify(DelegateTask task) {
    Appraisal a = appraisals.get(AppraisalRepository.id(task.getVariable("appraisalId")));
    String user = AppraisalUsers.authenticated(task.getProcessEngineServices().getIdentityService());
    List<Refusal.Error> errors = new ArrayList<>();
    switch (task.getTaskDefinitionKey()) {
      case "reviewOpenRound" -> {
        Object decision = task.getVariable("roundDecision");
        if (!"close".equals(decision) && !"wait".equals(decision)) {
          throw Refusal.of(400, "roundDecision", "請選擇:以現有評價結束本輪或繼續等待", "roundDecision must be close or wait");
        }
        String comment = text(task.getVariable("roundComment"));
        if ("close".equals(decision)) {
          appraisals.roundClosedBy(a.id(), user);
          appraisals.addFollowUp(a.id(), "roundClosed", comment == null ? "以現有評價結束本輪" : comment, user);
        } else {
          appraisals.addFollowUp(a.id(), "roundWait", comment == null ? "繼續等待" : comment, user);
        }
      }
      case "reviseProposal" -> {
        Number pay = number(task, "payAdjustmentPercent", -20, 30, errors);
        Number bonus = number(task, "bonusAmount", 0, 100_000_000L, errors);
        Number commission = number(task, "commissionAmount", 0, 1_000_000_000L, errors);
        String comment = required(task, "revisionComment", errors);
        check(errors);
        appraisals.reviseProposal(a.id(), pay.intValue(), bonus.longValue(), commission.longValue());
        appraisals.addFollowUp(a.id(), "proposalRevision", "薪酬調整 " + pay + "%,獎金 " + bonus + ",提成 " + commission
            + ":" + comment, user);
      }
      case "rewardAndPromotion" -> {
        String commendation = required(task, "commendation", errors);
        check(errors);
        boolean certificate = Boolean.TRUE.equals(task.getVariable("certificate"));
        appraisals.addFollowUp(a.id(), "commendation", commendation + (certificate ? "(頒發證書)" : ""), user);
        if (Boolean.TRUE.equals(task.getVariable("nominateForPromotion"))) {
          String why = text(task.getVariable("promotionComment"));
          appraisals.addFollowUp(a.id(), "promotionNomination", why == null ? "提名晉升" : why, user);
        }
      }
      case "developmentGoals" -> {
        String goals = required(task, "developmentGoals", errors);
        String training = required(task, "trainingSuggestion", errors);
        check(errors);
        appraisals.addFollowUp(a.id(), "developmentGoals", goals, user);
        appraisals.addFollowUp(a.id(), "trainingSuggestion", training, user);
      }
      case "arrangeTraining" -> {
        String note = required(task, "trainingNote", errors);
        check(errors);
        appraisals.addFollowUp(a.id(), "trainingArranged", note, user);
      }
      case "reviewImprovementPlan" -> {
        if (!user.equals(a.lineManager())) {
          throw Refusal.of(403, null, "改進計劃追蹤只能由直屬上級填寫",
              "Only the line manager may review the improvement plan.");
        }
        Object met = task.getVariable("improvementGoalsMet");
        if (!OUTCOMES.contains(met)) {
          throw Refusal.of(400, "improvementGoalsMet", "請選擇改進目標是否達成", "improvementGoalsMet must be met, partlyMet or notMet");
        }
        String comment = text(task.getVariable("improvementComment"));
        for (ImprovementPlan plan : appraisals.openImprovementPlans(a.employeeId(), a.kind(), a.periodStart())) {
          if (appraisals.closeImprovementPlan(plan.id(), (String) met, a.id(), user)) {
            appraisals.addFollowUp(a.id(), "improvementReview", met + ":" + plan.goals()
                + (comment == null ? "" : "(" + comment + ")"), user);
          }
        }
      }
      default -> {
        String notes = required(task, "interviewNotes", errors);
        String goals = required(task, "improvementGoals", errors);
        check(errors);
        appraisals.addFollowUp(a.id(), "performanceInterview", notes, user);
        appraisals.addFollowUp(a.id(), "improvementPlan", goals, user);
      }
    }
  }

  /** The goals of the employee's open improvement plans, shown read-only in the review task (§4.1.4). */
  public String openImprovementGoals(Object appraisalId) {
    Appraisal a = appraisals.get(AppraisalRepository.id(appraisalId));
    return String.join("\n", appraisals.openImprovementPlans(a.employeeId(), a.kind(), a.periodStart()).stream()
        .map(ImprovementPlan::goals).toList());
  }

  /** Listener of the approved flow: report-approval's recorder decided it, this marks the proposal. */
  public void proposalApproved(DelegateExecution execution) {
    appraisals.proposalStatus(AppraisalRepository.id(execution.getVariable("appraisalId")), "approved");
  }

  private static String required(DelegateTask task, String field, List<Refusal.Error> errors) {
    String value = text(task.getVariable(field));
    if (value == null) {
      errors.add(new Refusal.Error(field, "此欄必填", field + " is required"));
    }
    return value;
  }

  private static Number number(DelegateTask task, String field, long min, long max, List<Refusal.Error> errors) {
    Object value = task.getVariable(field);
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < min
        || n.longValue() > max) {
      errors.add(new Refusal.Error(field, "須為 " + min + " 到 " + max + " 的整數",
          field + " must be an integer from " + min + " to " + max));
      return null;
    }
    return n;
  }

  private static void check(List<Refusal.Error> errors) {
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
  }
}
