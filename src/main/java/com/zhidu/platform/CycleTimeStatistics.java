package com.zhidu.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Cycle-time figures (§1.3.2) of a set of finished items (process instances or tasks). Pure arithmetic,
 * so the definitions are tested on their own:
 * <ul>
 *   <li>percentiles by the <b>nearest-rank</b> method: the p-th percentile of n sorted durations is the one at
 *       rank ⌈p/100 · n⌉ (1-based). It is always an observed duration; the median of an even count is the
 *       lower of the two middle values;</li>
 *   <li>overdue share = items finished after their due date / items that had a due date (null without any).</li>
 * </ul>
 */
public final class CycleTimeStatistics {

  /** One finished item: how long it took and, if it had one, whether it finished after its due date. */
  public record Sample(long durationMs, boolean hadDueDate, boolean overdue) {}

  /** The figures; median, p90 and overdueShare are null when there is nothing to measure. */
  public record Figures(int count, Long medianMs, String median, Long p90Ms, String p90,
      int withDueDate, int overdue, Double overdueShare) {}

  private CycleTimeStatistics() {}

  public static Figures of(Collection<Sample> samples) {
    List<Long> durations = new ArrayList<>();
    int withDue = 0;
    int overdue = 0;
    for (Sample s : samples) {
      durations.add(s.durationMs());
      if (s.hadDueDate()) {
        withDue++;
        if (s.overdue()) {
          overdue++;
        }
      }
    }
    Long median = percentile(durations, 50);
    Long p90 = percentile(durations, 90);
    return new Figures(samples.size(), median, humanReadable(median), p90, humanReadable(p90), withDue, overdue,
        withDue == 0 ? null : (double) overdue / withDue);
  }

  /** Nearest-rank percentile (0 < p ≤ 100) of the values, or null for none. */
  public static Long percentile(List<Long> values, int p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
    }
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }

  /** E.g. "2天3小時", "1小時30分", "45分", "30秒": the two largest units, enough to compare procedures. */
  public static String humanReadable(Long ms) {
    if (ms == null) {
      return null;
    }
    Duration d = Duration.ofMillis(ms);
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    if (days > 0) {
      return days + "天" + (hours > 0 ? hours + "小時" : "");
    }
    if (hours > 0) {
      return hours + "小時" + (minutes > 0 ? minutes + "分" : "");
    }
    if (minutes > 0) {
      return minutes + "分";
    }
    return d.toSecondsPart() + "秒";
  }
}
