package com.zhidu.operationsanalysis;

/** Trend, comparison and correlation figures (§3.4.2), pure functions tested against hand-computed values. */
public final class OperationsStatistics {

  private OperationsStatistics() {}

  /** Relative change in percent from {@code previous} to {@code current}; null without a usable base. */
  public static Double changePercent(Double current, Double previous) {
    if (current == null || previous == null || previous == 0) {
      return null;
    }
    return (current - previous) / Math.abs(previous) * 100;
  }

  /** Actual as a percentage of target; null without a positive target. */
  public static Double achievementPercent(Double actual, Double target) {
    if (actual == null || target == null || target <= 0) {
      return null;
    }
    return actual / target * 100;
  }

  /** Pearson's r of paired values; null for fewer than three pairs or a constant series. */
  public static Double pearson(double[] x, double[] y) {
    if (x.length != y.length || x.length < 3) {
      return null;
    }
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx == 0 || syy == 0) {
      return null;
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
