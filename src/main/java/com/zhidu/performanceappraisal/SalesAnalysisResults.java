package com.zhidu.performanceappraisal;

import com.zhidu.salesanalysis.SalesAnalysis;
import com.zhidu.salesanalysis.SalesAnalysis.SalespersonResult;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Salespeople's results indicators from the sales analysis (§3.2.7 → §4.1.2): target, signed and collected in the
 * target's currency over the appraised period. No target in the period: no figures (the superior enters results).
 */
@Component
@Order(100)
public class SalesAnalysisResults implements SalesResults {

  private final SalesAnalysis analysis;

  public SalesAnalysisResults(SalesAnalysis analysis) {
    this.analysis = analysis;
  }

  @Override
  public Optional<Figures> forSalesperson(String userId, LocalDate from, LocalDate to) {
    SalespersonResult result = analysis.forSalesperson(userId, from, to);
    return result.targetMinor() <= 0 ? Optional.empty()
        : Optional.of(new Figures(result.targetMinor(), result.signedMinor(), result.collectedMinor()));
  }
}
