package com.zhidu.marketresearch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** Descriptive statistics and cross-tabulation (§3.1.3), pure functions tested against hand-computed values. */
public final class ResearchStatistics {

  private ResearchStatistics() {}

  /** count, mean, median, sample standard deviation (n−1; 0 for one value), min, max. Null for no values. */
  public record Descriptive(int count, double mean, double median, double sd, double min, double max) {}

  public record CrossTab(List<String> rows, List<String> columns, int[][] counts) {
    public int rowTotal(int r) {
      return Arrays.stream(counts[r]).sum();
    }

    public int columnTotal(int c) {
      int sum = 0;
      for (int[] row : counts) {
        sum += row[c];
      }
      return sum;
    }

    public int total() {
      int sum = 0;
      for (int r = 0; r < rows.size(); r++) {
        sum += rowTotal(r);
      }
      return sum;
    }
  }

  public static Descriptive describe(double... values) {
    if (values.length == 0) {
      return null;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double mean = Arrays.stream(sorted).sum() / n;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    double squares = Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum();
    double sd = n < 2 ? 0 : Math.sqrt(squares / (n - 1));
    return new Descriptive(n, mean, median, sd, sorted[0], sorted[n - 1]);
  }

  public static <T> CrossTab crossTab(List<T> items, Function<T, String> row, Function<T, String> column) {
    List<String> rows = new ArrayList<>(new TreeSet<>(items.stream().map(row).toList()));
    List<String> columns = new ArrayList<>(new TreeSet<>(items.stream().map(column).toList()));
    int[][] counts = new int[rows.size()][columns.size()];
    for (T item : items) {
      counts[rows.indexOf(row.apply(item))][columns.indexOf(column.apply(item))]++;
    }
    return new CrossTab(rows, columns, counts);
  }

  /** Counts per label, sorted by label. */
  public static <T> Map<String, Integer> frequencies(List<T> items, Function<T, String> label) {
    Map<String, Integer> counts = new TreeMap<>();
    items.forEach(i -> counts.merge(label.apply(i), 1, Integer::sum));
    return counts;
  }
}
