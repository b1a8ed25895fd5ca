package com.zhidu.performanceappraisal;

import com.zhidu.performanceappraisal.AppraisalRepository.Appraisal;
import com.zhidu.performanceappraisal.AppraisalRepository.Evaluation;
import com.zhidu.performanceappraisal.AppraisalRepository.Weights;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The result of an appraisal (§4.1.4, §4.2.1), from the table only: ability and attitude are the weighted mean
 * of the evaluator groups that evaluated (self, superior, peers' mean, customers' mean; the weights of missing
 * groups are left out), the score is the weighted mean of results, ability and attitude (a missing results
 * indicator is left out). The decision appraisal-rating gives the rating; appraisal-incentive the pay
 * adjustment, bonus and commission rate (commission = collected amount × rate).
 */
@Component("scoreAppraisal")
public class ScoreAppraisal implements JavaDelegate {

  private final AppraisalRepository appraisals;

  public ScoreAppraisal(AppraisalRepository appraisals) {
    this.appraisals = appraisals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Appraisal a = appraisals.get(AppraisalRepository.id(execution.getVariable("appraisalId")));
    BigDecimal score = score(a.weights(), a.resultsScore(), appraisals.evaluations(a.id()));
    DecisionService decisions = execution.getProcessEngineServices().getDecisionService();
    String rating = (String) decisions.evaluateDecisionTableByKey("appraisal-rating",
        Variables.createVariables().putValue("score", score.doubleValue())).getSingleResult().getEntry("rating");
    DmnDecisionRuleResult incentive = decisions.evaluateDecisionTableByKey("appraisal-incentive",
        Variables.createVariables().putValue("rating", rating).putValue("role", a.role())).getSingleResult();
    long basisPoints = ((Number) incentive.getEntry("commissionBasisPoints")).longValue();
    long commission = a.salesCollected() == null ? 0 : a.salesCollected() * basisPoints / 10_000;
    appraisals.rate(a.id(), score, rating, ((Number) incentive.getEntry("payAdjustmentPercent")).intValue(),
        ((Number) incentive.getEntry("bonusAmount")).longValue(), commission);
    execution.setVariable("rating", rating);
  }

  /** The weighted score, one decimal. Nothing evaluated and no results: 0. */
  static BigDecimal score(Weights w, Integer results, List<Evaluation> evaluations) {
    Double ability = bySource(w, evaluations, Evaluation::ability);
    Double attitude = bySource(w, evaluations, Evaluation::attitude);
    double sum = 0;
    double weights = 0;
    if (results != null && w.results() > 0) {
      sum += w.results() * results;
      weights += w.results();
    }
    if (ability != null && w.ability() > 0) {
      sum += w.ability() * ability;
      weights += w.ability();
    }
    if (attitude != null && w.attitude() > 0) {
      sum += w.attitude() * attitude;
      weights += w.attitude();
    }
    return BigDecimal.valueOf(weights == 0 ? 0 : sum / weights).setScale(1, RoundingMode.HALF_UP);
  }

  private static Double bySource(Weights w, List<Evaluation> evaluations, ToDoubleFunction<Evaluation> indicator) {
    double sum = 0;
    double weights = 0;
    String[] sources = {"self", "superior", "peer", "customer"};
    int[] sourceWeights = {w.self(), w.superior(), w.peer(), w.customer()};
    for (int i = 0; i < sources.length; i++) {
      String source = sources[i];
      List<Evaluation> of = evaluations.stream().filter(e -> e.source().equals(source)).toList();
      if (of.isEmpty() || sourceWeights[i] == 0) {
        continue;
      }
      sum += sourceWeights[i] * of.stream().mapToDouble(indicator).average().orElseThrow();
      weights += sourceWeights[i];
    }
    return weights == 0 ? null : sum / weights;
  }
}
