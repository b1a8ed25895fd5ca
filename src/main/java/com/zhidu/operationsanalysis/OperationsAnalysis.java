package com.zhidu.operationsanalysis;

import com.zhidu.operationsanalysis.OperationsRepository.Figure;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The analysis of one period from the stored figures (§3.4.2): month over month and year over year per
 * indicator, sales target vs actual, a comparison of the departments' key indicators and Pearson correlations
 * between indicator pairs over the last twelve periods. Computed from ops_figure every time.
 */
@Component("operationsAnalysis")
public class OperationsAnalysis {

  /** Indicator pairs whose correlation the report shows. */
  static final List<Indicator[]> PAIRS = List.of(
      new Indicator[] {Indicator.REVENUE, Indicator.OPERATING_COST},
      new Indicator[] {Indicator.REVENUE, Indicator.STOCK_VALUE},
      new Indicator[] {Indicator.OUTPUT, Indicator.DEFECT_RATE},
      new Indicator[] {Indicator.REVENUE, Indicator.COMPLAINTS});

  /** The key indicator of each department, compared side by side. */
  static final Map<String, Indicator> KEY = Map.of("sales", Indicator.REVENUE, "finance", Indicator.OPERATING_COST,
      "production", Indicator.OUTPUT, "inventory", Indicator.STOCK_VALUE);

  public record Trend(Indicator indicator, Double current, Double previousMonth, Double monthOverMonth,
      Double lastYear, Double yearOverYear) {}

  public record Correlation(Indicator x, Indicator y, int periods, Double r) {}

  public record Result(String period, List<Trend> trends, Double revenue, Double target, Double achievement,
      List<Trend> departments, List<Correlation> correlations, Map<String, List<Double>> revenueSeries) {

    public Trend trend(Indicator indicator) {
      return trends.stream().filter(t -> t.indicator() == indicator).findFirst().orElse(null);
    }
  }

  private final OperationsRepository repository;

  public OperationsAnalysis(OperationsRepository repository) {
    this.repository = repository;
  }

  public Result of(String period) {
    YearMonth month = YearMonth.parse(period);
    Map<Indicator, Figure> now = repository.figures(period);
    Map<Indicator, Figure> previous = repository.figures(month.minusMonths(1).toString());
    Map<Indicator, Figure> lastYear = repository.figures(month.minusYears(1).toString());
    List<Trend> trends = new ArrayList<>();
    for (Indicator i : Indicator.values()) {
      Double c = value(now, i);
      Double p = value(previous, i);
      Double y = value(lastYear, i);
      trends.add(new Trend(i, c, p, OperationsStatistics.changePercent(c, p), y, OperationsStatistics.changePercent(c, y)));
    }
    List<Trend> departments = Indicator.DEPARTMENTS.stream().map(d -> trends.stream()
        .filter(t -> t.indicator() == KEY.get(d)).findFirst().orElseThrow()).toList();
    List<Correlation> correlations = new ArrayList<>();
    for (Indicator[] pair : PAIRS) {
      Map<String, Double> xs = series(pair[0], month);
      Map<String, Double> ys = series(pair[1], month);
      List<String> common = xs.keySet().stream().filter(ys::containsKey).sorted().toList();
      double[] x = common.stream().mapToDouble(xs::get).toArray();
      double[] yv = common.stream().mapToDouble(ys::get).toArray();
      correlations.add(new Correlation(pair[0], pair[1], common.size(), OperationsStatistics.pearson(x, yv)));
    }
    Map<String, Double> revenue = series(Indicator.REVENUE, month);
    Map<String, Double> target = series(Indicator.SALES_TARGET, month);
    Map<String, List<Double>> revenueSeries = new java.util.TreeMap<>();
    revenue.forEach((p, v) -> revenueSeries.put(p, java.util.Arrays.asList(v, target.get(p))));
    Double r = value(now, Indicator.REVENUE);
    Double t = value(now, Indicator.SALES_TARGET);
    return new Result(period, trends, r, t, OperationsStatistics.achievementPercent(r, t), departments, correlations,
        revenueSeries);
  }

  /** The last twelve periods up to {@code month}. */
  private Map<String, Double> series(Indicator indicator, YearMonth month) {
    String from = month.minusMonths(11).toString();
    Map<String, Double> values = new HashMap<>();
    repository.series(indicator, month.toString()).stream().filter(f -> f.period().compareTo(from) >= 0)
        .forEach(f -> values.put(f.period(), f.value()));
    return values;
  }

  private static Double value(Map<Indicator, Figure> figures, Indicator i) {
    Figure f = figures.get(i);
    return f == null ? null : f.value();
  }

  public static String format(Double v) {
    return v == null ? "—" : String.format(Locale.ROOT, "%,.2f", v);
  }

  public static String percent(Double v) {
    return v == null ? "—" : String.format(Locale.ROOT, "%+.1f%%", v);
  }
}
