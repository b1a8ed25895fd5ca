package com.zhidu.operationsanalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** §3.4.2 trend, comparison and correlation against values computed by hand. */
class OperationsStatisticsTest {

  @Test
  void changeInPercentFromThePreviousValue() {
    assertThat(OperationsStatistics.changePercent(700.0, 800.0)).isCloseTo(-12.5, within(1e-12));
    assertThat(OperationsStatistics.changePercent(700.0, 600.0)).isCloseTo(16.666666666667, within(1e-9));
    // A negative base: the change is relative to its size (−100 → −50 is +50 %).
    assertThat(OperationsStatistics.changePercent(-50.0, -100.0)).isCloseTo(50.0, within(1e-12));
    assertThat(OperationsStatistics.changePercent(5.0, 0.0)).isNull();
    assertThat(OperationsStatistics.changePercent(5.0, null)).isNull();
  }

  @Test
  void targetAchievement() {
    assertThat(OperationsStatistics.achievementPercent(700_000.0, 1_000_000.0)).isCloseTo(70.0, within(1e-12));
    assertThat(OperationsStatistics.achievementPercent(1.0, 0.0)).isNull();
  }

  @Test
  void pearsonCorrelation() {
    // x = 5,6,8,7; y = 3,4,5,4.5: Sxy = 3.25, Sxx = 5, Syy = 2.1875, r = 3.25 / √10.9375 = 0.98270763
    assertThat(OperationsStatistics.pearson(new double[] {5, 6, 8, 7}, new double[] {3, 4, 5, 4.5}))
        .isCloseTo(0.9827076298, within(1e-9));
    assertThat(OperationsStatistics.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isCloseTo(-1.0, within(1e-12));
    assertThat(OperationsStatistics.pearson(new double[] {1, 2}, new double[] {1, 2})).isNull();
    assertThat(OperationsStatistics.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNull();
  }
}
